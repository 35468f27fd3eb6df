import { href } from '../common/router';
import { useI18n } from '../i18n';
import type { ModuleDef, ModuleId } from './modules';

interface Props {
  modules: ModuleDef[];
  active: ModuleId;
  onNavigate: () => void;
}

export function Nav({ modules, active, onNavigate }: Props) {
  const { t } = useI18n();
  return (
    <nav className="nav" id="main-nav" aria-label={t('nav.menu')}>
      <ul>
        {modules.map((m) => (
          <li key={m.id}>
            <a
              href={href(m.id)}
              data-testid={`nav-${m.id}`}
              className={m.id === active ? 'active' : undefined}
              aria-current={m.id === active ? 'page' : undefined}
              onClick={onNavigate}
            >
              <span className="nav-icon" aria-hidden="true">
                {m.icon}
              </span>
              <span className="nav-label">{t(m.label)}</span>
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
