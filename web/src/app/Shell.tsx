import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '../auth/AuthProvider';
import { Button } from '../kit/Button';
import { Loading } from '../kit/Alert';
import { LanguageSwitch } from './LanguageSwitch';
import { navFor } from './registry';

/** The signed-in frame: skip link, header with the user and language, role-based navigation, the page. */
export function Shell() {
  const { t } = useTranslation();
  const { principal, restoring, signedOut, signOut } = useAuth();
  const location = useLocation();
  if (restoring) return <Loading />;
  if (!principal)
    return (
      <Navigate
        to="/login"
        replace
        state={signedOut ? null : { from: location.pathname + location.search }}
      />
    );
  const nav = navFor(principal);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.name')}</span>
        <nav aria-label={t('shell.navigation')} className="main-nav">
          <ul>
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{t(item.labelKey)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="user">
          <span className="user-name">
            {principal.name}
            <span className="user-role">
              {principal.roles.map((r) => t(`role.${r}`)).join(', ')}
              {principal.partyTin ? ` · ${principal.partyTin}` : ''}
            </span>
          </span>
          <LanguageSwitch />
          <Button tone="quiet" onClick={() => void signOut()}>
            {t('shell.signOut')}
          </Button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
