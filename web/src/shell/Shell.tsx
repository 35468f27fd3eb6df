import { useEffect, useState } from 'react';
import type { User } from '../api-types';
import { AppealsArea } from '../appeals/AppealsArea';
import { LiaisonDesk } from '../appeals/Liaison';
import { Audit } from '../audit/Audit';
import { Briefing } from '../briefing/Briefing';
import { Cases } from '../cases/Cases';
import { Import } from '../cases/Import';
import { useRoute } from '../common/router';
import { Courier } from '../courier/Courier';
import { Dashboard } from '../dashboard/Dashboard';
import { Divisions } from '../divisions/Divisions';
import { can } from '../domain';
import { Economy } from '../economy/Economy';
import { Exams } from '../events/Exams';
import { ExitCheckpoint } from '../events/ExitCheckpoint';
import { Exits } from '../events/Exits';
import { Institutions } from '../events/Institutions';
import { Figures } from '../figures/Figures';
import { Guard } from '../guard/Guard';
import { useI18n } from '../i18n';
import { Measures } from '../measures/Measures';
import { Overrides } from '../overrides/Overrides';
import { Pass } from '../pass/Pass';
import { Persons } from '../persons/Persons';
import { PolicyScreen } from '../policy/PolicyScreen';
import { TestingArea } from '../testing/TestingArea';
import { Tracing } from '../tracing/Tracing';
import { VenuesArea } from '../venues/VenuesArea';
import { ZonesArea } from '../zones/ZonesArea';
import { ClockBadge } from './ClockBadge';
import { LangToggle } from './LangToggle';
import { landingOf, type ModuleId, modulesFor } from './modules';
import { Nav } from './Nav';
import { UserMenu } from './UserMenu';

interface Props {
  user: User;
  onSignOut: () => void;
}

export function Shell({ user, onSignOut }: Props) {
  const { t } = useI18n();
  const [section, ...rest] = useRoute();
  const [menuOpen, setMenuOpen] = useState(false);
  const modules = modulesFor(user);
  const landing = landingOf(modules);
  const active: ModuleId = modules.some((m) => m.id === section) ? (section as ModuleId) : landing;

  useEffect(() => {
    const label = modules.find((m) => m.id === active)?.label ?? 'app.short';
    document.title = `${t(label)} · ${t('app.short')}`;
  }, [active, modules, t]);

  return (
    <div className={`shell${menuOpen ? ' menu-open' : ''}`}>
      <header className="topbar">
        <button
          type="button"
          className="btn btn-ghost menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          ☰ <span className="sr-only">{t('nav.menu')}</span>
        </button>
        <a className="brand" href={`#/${landing}`}>
          <span className="brand-mark" aria-hidden="true">
            榕
          </span>
          <span className="brand-name">{t('app.name')}</span>
        </a>
        <div className="topbar-actions">
          <ClockBadge />
          <LangToggle />
          <UserMenu user={user} onSignOut={onSignOut} />
        </div>
      </header>
      <Nav modules={modules} active={active} onNavigate={() => setMenuOpen(false)} />
      <main className="content" id="main">
        {active === 'dashboard' && <Dashboard />}
        {active === 'figures' && <Figures user={user} />}
        {active === 'cases' &&
          (rest[0] !== 'import' ? (
            <Cases user={user} />
          ) : can(user, 'cases:write') ? (
            <Import />
          ) : (
            <p className="notice notice-warn">{t('common.noPermission')}</p>
          ))}
        {active === 'briefing' && <Briefing user={user} />}
        {active === 'zones' && <ZonesArea user={user} page={rest[0]} />}
        {active === 'policy' && <PolicyScreen />}
        {active === 'testing' && <TestingArea user={user} page={rest[0]} />}
        {active === 'tracing' && <Tracing user={user} />}
        {active === 'events' && <Exams user={user} />}
        {active === 'measures' && <Measures user={user} />}
        {active === 'checkpoint' && <ExitCheckpoint />}
        {active === 'exits' && <Exits user={user} />}
        {active === 'institutions' && <Institutions user={user} />}
        {active === 'pass' && <Pass />}
        {active === 'guard' && <Guard />}
        {active === 'venues' && <VenuesArea user={user} page={rest[0]} />}
        {active === 'appeals' && <AppealsArea user={user} page={rest[0]} sub={rest[1]} />}
        {active === 'liaison' && <LiaisonDesk />}
        {active === 'economy' && <Economy page={rest[0]} sub={rest[1]} />}
        {active === 'courier' && <Courier user={user} />}
        {active === 'persons' && <Persons user={user} />}
        {active === 'overrides' && <Overrides user={user} />}
        {active === 'divisions' && <Divisions code={rest[0]} />}
        {active === 'audit' && <Audit />}
      </main>
    </div>
  );
}
