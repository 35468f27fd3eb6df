import type { User } from '../api-types';
import { can } from '../domain';
import { useI18n } from '../i18n';
import { AppealList } from './AppealList';
import { AppealPage } from './AppealPage';
import { AppealsDashboard } from './Dashboard';
import { EnterpriseDetail } from './EnterpriseDetail';
import { EnterpriseImport } from './EnterpriseImport';
import { Enterprises } from './Enterprises';
import { Hotline } from './Hotline';
import { WhitelistBoard } from './WhitelistBoard';
import './appeals.css';

/** The appeals area: tabs by role, and the screen of the route (`#/appeals/<page>/<sub>`). */
export function AppealsArea({ user, page, sub }: { user: User; page?: string; sub?: string }) {
  const { t } = useI18n();
  const tabs: Array<[string, string, boolean]> = [
    ['', t('appeals.queue'), can(user, 'appeals:read')],
    ['inbox', t('appeals.inbox'), can(user, 'appeals:handle')],
    ['hotline', t('appeals.hotline'), can(user, 'appeals:intake')],
    ['dashboard', t('appeals.dashboard'), can(user, 'appeals:read')],
    ['enterprises', t('appeals.enterprises'), can(user, 'enterprises:read')],
    ['whitelist', t('appeals.board'), can(user, 'enterprises:read')],
  ];
  const id = page && /^\d+$/.test(page) ? Number(page) : null;
  return (
    <section>
      <nav className="appeal-tabs">
        {tabs
          .filter(([, , ok]) => ok)
          .map(([p, label]) => (
            <a
              key={p}
              className={`btn ${(page ?? '') === p ? 'btn-primary' : ''}`}
              href={`#/appeals${p ? `/${p}` : ''}`}
            >
              {label}
            </a>
          ))}
      </nav>
      {id !== null ? (
        <AppealPage id={id} user={user} />
      ) : page === 'inbox' ? (
        // Keyed: the inbox and the queue are two lists with their own filters; unkeyed, React kept the
        // queue's "received" filter when a handler who landed on the queue opened the inbox.
        <AppealList key="inbox" user={user} inbox />
      ) : page === 'hotline' ? (
        <Hotline />
      ) : page === 'dashboard' ? (
        <AppealsDashboard />
      ) : page === 'enterprises' && sub === 'import' ? (
        <EnterpriseImport />
      ) : page === 'enterprises' && sub ? (
        <EnterpriseDetail code={sub} />
      ) : page === 'enterprises' ? (
        <Enterprises user={user} />
      ) : page === 'whitelist' ? (
        <WhitelistBoard />
      ) : (
        <AppealList key="queue" user={user} />
      )}
    </section>
  );
}
