import { useEffect, useState } from 'react';
import { api } from '../api';
import type { DemoInfo, User } from '../api-types';
import { FormError } from '../common/Status';
import { useApi } from '../common/useApi';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n';
import { LangToggle } from '../shell/LangToggle';
import './login.css';

interface Props {
  onSignedIn: (user: User) => void;
}

export function Login({ onSignedIn }: Props) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  // A demo database says which accounts it has (the password is printed at start anyway).
  const demo = useApi<DemoInfo>('/api/v1/demo').data;

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('app.short')}`;
  }, [t]);

  const submit = useSubmit(async () => {
    const { user } = await api<{ user: User }>('/api/v1/sessions', {
      method: 'POST',
      body: { username: username.trim(), password },
      quiet401: true,
    });
    onSignedIn(user);
  });

  return (
    <main className="login-page">
      <div className="login-lang">
        <LangToggle />
      </div>
      <form className="login-card" onSubmit={submit.onSubmit} aria-busy={submit.busy}>
        <div className="login-brand" aria-hidden="true">
          榕
        </div>
        <h1>{t('app.name')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
        <label className="field">
          <span>{t('login.username')}</span>
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('login.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <FormError error={submit.error} className="form-error" testId="login-error" />
        <button type="submit" className="btn btn-primary btn-block" disabled={submit.busy}>
          {submit.busy ? t('login.submitting') : t('login.submit')}
        </button>
        {demo?.demo && demo.password && (
          <section className="login-demo" data-testid="login-demo">
            <p className="muted small">{t('login.demoHint', { password: demo.password })}</p>
            <ul>
              {demo.accounts.map((a) => (
                <li key={a.username}>
                  <button
                    type="button"
                    className="btn btn-small"
                    title={a.displayName}
                    onClick={() => {
                      setUsername(a.username);
                      setPassword(demo.password ?? '');
                    }}
                  >
                    {a.username}
                  </button>
                  <span className="muted login-demo-name">{a.displayName}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </form>
    </main>
  );
}
