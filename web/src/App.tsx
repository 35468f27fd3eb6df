import { useCallback, useEffect, useState } from 'react';
import { ApiError, api, setUnauthorizedHandler } from './api';
import type { User } from './api-types';
import { AppealForm, TrackPage } from './appeals/Public';
import { clockKnown, syncClock } from './common/clock';
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
    // Every screen takes its business "now" from the server's clock: read it before any screen opens.
    const clock = syncClock();
    clock.catch(() => undefined); // signed out: the login page needs no clock; signing in asks again
    api<{ user: User }>('/api/v1/sessions/current', { quiet401: true })
      .then(async ({ user }) => {
        await clock;
        return user;
      })
      .then(
        (user) => setSession({ state: 'user', user }),
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

  const signedIn = useCallback((user: User) => {
    const open = () => setSession({ state: 'user', user });
    if (clockKnown()) open();
    else syncClock().then(open, (error: unknown) => setSession({ state: 'error', error }));
  }, []);

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
          <Login onSignedIn={signedIn} />
          <a className="btn btn-primary appeal-floating" href="#/appeal">
            抗疫通道 · Epidemic channel
          </a>
        </>
      );
    case 'user':
      return <Shell user={session.user} onSignOut={signOut} />;
  }
}
