import type { Role } from '../../../api/types';
import { hasAnyRole } from '../../../auth/roles';
import { useAuth } from '../../../auth/AuthProvider';

/** Who opens the profiles and lists pages: the roles the API lets read them (rules.routes.ts). */
export const RISK_RULE_READERS: readonly Role[] = ['risk_analyst', 'supervisor', 'admin'];
/** Who writes profiles and lists: the API's `ANALYST` rule (rules.routes.ts). */
export const RISK_RULE_WRITERS: readonly Role[] = ['risk_analyst'];

export function useCanWriteRules(): boolean {
  const { principal } = useAuth();
  return hasAnyRole(principal, RISK_RULE_WRITERS);
}
