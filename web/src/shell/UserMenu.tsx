import { useEffect, useRef, useState } from 'react';
import type { User } from '../api-types';
import { useI18n } from '../i18n';

interface Props {
  user: User;
  onSignOut: () => void;
}

export function UserMenu({ user, onSignOut }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <div className="user-menu" ref={ref}>
      <button
        type="button"
        className="btn btn-ghost user-button"
        data-testid="user-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="avatar" aria-hidden="true">
          {user.displayName.slice(0, 1)}
        </span>
        <span className="user-name">{user.displayName}</span>
      </button>
      {open && (
        <div className="user-popover" role="menu">
          <div className="user-info">
            <strong>{user.displayName}</strong>
            <span>{user.username}</span>
            <span>{t('user.scope', { name: user.scope.name })}</span>
          </div>
          <button type="button" role="menuitem" className="btn btn-block" data-testid="sign-out" onClick={onSignOut}>
            {t('user.signOut')}
          </button>
        </div>
      )}
    </div>
  );
}
