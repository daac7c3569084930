import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { hasAnyRole } from '../auth/roles';

/** Renders the page only for the listed roles; anyone else is told the page is not for their role. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { principal } = useAuth();
  if (!hasAnyRole(principal, roles))
    return (
      <div className="page">
        <h1>{t('forbidden.title')}</h1>
        <p>{t('forbidden.body')}</p>
      </div>
    );
  return <>{children}</>;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
    </div>
  );
}
