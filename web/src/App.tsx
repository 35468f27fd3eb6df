import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, setUnauthorizedHandler } from './api';
import type { User } from './api-types';
import { AppealForm, TrackPage } from './appeals/Public';
import { useRoute } from './common/router';
import { ErrorBox, Loading } from './common/Status';
import { useI18n } from './i18n';
import { Login } from './login/Login';
import { Shell } from './shell/Shell';

type Session =
  | { state: 'checking' }
  | { state: 'anonymous' }
  | { state: 'error'; error: unknown }
  | { state: 'user'; user: User };

export function App() {
  const { t } = useI18n();
  const [session, setSession] = useState<Session>({ state: 'checking' });
  const [section, sub] = useRoute();

  const check = useCallback(() => {
    setSession({ state: 'checking' });
    api<{ user: User }>('/api/v1/sessions/current', { quiet401: true }).then(
      ({ user }) => setSession({ state: 'user', user }),
      (error: unknown) =>
        setSession(
          error instanceof ApiError && error.status === 401 ? { state: 'anonymous' } : { state: 'error', error },
        ),
    );
  }, []);

  useEffect(() => {
    check();
    setUnauthorizedHandler(() => setSession({ state: 'anonymous' }));
    return () => setUnauthorizedHandler(undefined);
  }, [check]);

  const signOut = useCallback(async () => {
    try {
      await api('/api/v1/sessions/current', { method: 'DELETE', quiet401: true });
    } finally {
      setSession({ state: 'anonymous' });
    }
  }, []);

  // Public appeal pages: no account needed (the form, the phone-sized letter page, tracking).
  if (section === 'appeal') return <AppealForm channel="web" />;
  if (section === 'm' && sub === 'letter') return <AppealForm channel="mobile" />;
  if (section === 'track') return <TrackPage />;

  switch (session.state) {
    case 'checking':
      return (
        <main className="center-page">
          <Loading label={t('login.checking')} />
        </main>
      );
    case 'error':
      return (
        <main className="center-page">
          <ErrorBox error={session.error} onRetry={check} />
        </main>
      );
    case 'anonymous':
      return (
        <>
          <Login onSignedIn={(user) => setSession({ state: 'user', user })} />
          <a className="btn btn-primary appeal-floating" href="#/appeal">
            抗疫通道 · Epidemic channel
          </a>
        </>
      );
    case 'user':
      return <Shell user={session.user} onSignOut={signOut} />;
  }
}
