/** Roles a user or API client can hold. */
export const ROLES = [
  'trader',
  'officer',
  'risk_analyst',
  'supervisor',
  'admin',
  'inventory_system',
  'monitoring',
  /** A partner customs administration's system (ledger witness exchange); sees no party's data. */
  'partner_administration',
] as const;
export type Role = (typeof ROLES)[number];

/** Customs-side roles: may see every party's declarations (and, later, risk reasons). */
export const CUSTOMS_ROLES: readonly Role[] = ['officer', 'risk_analyst', 'supervisor', 'admin'];

/** The authenticated caller of a request. */
export interface Principal {
  kind: 'user' | 'api_key';
  id: string;
  name: string;
  roles: Role[];
  /** The party (TIN/EORI) a trader acts for; null for customs staff. */
  partyTin: string | null;
  office: string | null;
  locale: string;
}

export function hasAnyRole(p: Principal, roles: readonly Role[]): boolean {
  return p.roles.some((r) => roles.includes(r));
}

/** System clients of the administration (port and inventory systems, monitoring): not tied to a trader party. */
export const SYSTEM_ROLES: readonly Role[] = ['inventory_system', 'monitoring'];

/** True when the caller may only see its own party's data (traders, and anyone not customs staff or a system). */
export function isPartyScoped(p: Principal): boolean {
  return !hasAnyRole(p, CUSTOMS_ROLES) && !hasAnyRole(p, SYSTEM_ROLES);
}
