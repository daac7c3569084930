import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';
import { isForeignKeyViolation, isUniqueViolation, type AnyDb } from '../database/database.js';
import { DomainError } from '../errors.js';
import { AuthRepository } from './auth.repository.js';
import { ROLES, type Principal, type Role } from './roles.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface NewUser {
  username: string;
  displayName?: string;
  password: string;
  roles: Role[];
  partyTin?: string | null;
  office?: string | null;
  locale?: string;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  principal: Principal;
}

/** How long an authenticated token is trusted from memory before the database is asked again. */
const CACHE_MS = 10_000;

/**
 * Users, passwords (argon2id), bearer sessions and API keys. Session tokens and API key secrets are random 256-bit
 * values stored only as SHA-256 digests; passwords are stored only as argon2id hashes.
 */
/** A user or key for a party the platform does not know: refused at the field. */
const unknownParty = (tin: string) =>
  new DomainError('VALIDATION_FAILED', undefined, {
    errors: [{ code: 'PARTY_UNKNOWN', pointer: '/partyTin', value: tin, params: { tin } }],
  });

export class AuthService {
  private readonly repo: AuthRepository;
  private readonly cache = new Map<string, { principal: Principal; until: number }>();
  private readonly aeoCache = new Map<string, { aeo: boolean; until: number }>();

  constructor(
    db: AnyDb,
    private readonly sessionTtlMinutes: number,
  ) {
    this.repo = new AuthRepository(db);
  }

  get repository(): AuthRepository {
    return this.repo;
  }

  async addUser(input: NewUser): Promise<Principal> {
    for (const r of input.roles)
      if (!ROLES.includes(r)) throw new DomainError('BAD_REQUEST', `unknown role ${r}`);
    if (input.roles.includes('trader') && !input.partyTin)
      throw new DomainError('BAD_REQUEST', 'a trader must belong to a party (its TIN)');
    if (input.password.length < 8)
      throw new DomainError('BAD_REQUEST', 'password must have at least 8 characters');
    if (await this.repo.findUserByUsername(input.username))
      throw new DomainError('USER_EXISTS', `user ${input.username} exists`);
    if (input.partyTin) await this.assertPartyExists(input.partyTin);
    try {
      const row = await this.repo.insertUser({
        id: randomUUID(),
        username: input.username,
        display_name: input.displayName ?? input.username,
        password_hash: await argonHash(input.password),
        roles: input.roles,
        party_tin: input.partyTin ?? null,
        office: input.office ?? null,
        locale: input.locale ?? 'en',
      });
      return this.toPrincipal(row);
    } catch (err) {
      // The same user created twice at once (both passed the check while the password was hashed).
      if (isUniqueViolation(err)) throw new DomainError('USER_EXISTS', `user ${input.username} exists`);
      if (isForeignKeyViolation(err)) throw unknownParty(input.partyTin ?? '');
      throw err;
    }
  }

  private async assertPartyExists(tin: string): Promise<void> {
    if (!(await this.repo.findParty(tin))) throw unknownParty(tin);
  }

  /** Checks a username and password; the same error for an unknown user and a wrong password. */
  async login(username: string, password: string): Promise<LoginResult> {
    const user = await this.repo.findUserByUsername(username);
    const ok = user && !user.disabled ? await argonVerify(user.password_hash, password) : false;
    if (!user || !ok) throw new DomainError('INVALID_CREDENTIALS');
    const token = `adu_s_${randomBytes(32).toString('base64url')}`;
    const expiresAt = new Date(Date.now() + this.sessionTtlMinutes * 60_000);
    await this.repo.insertSession(sha256(token), user.id, expiresAt);
    return { token, expiresAt, principal: this.toPrincipal(user) };
  }

  async logout(token: string): Promise<void> {
    const h = sha256(token);
    this.cache.delete(h);
    await this.repo.deleteSession(h);
  }

  /** Creates an API key for a system client; the full key is shown once and never stored. */
  async createApiKey(
    name: string,
    roles: Role[],
    partyTin: string | null = null,
  ): Promise<{ id: string; key: string }> {
    if (partyTin) await this.assertPartyExists(partyTin);
    const id = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    try {
      await this.repo.insertApiKey({ id, name, secret_hash: sha256(secret), roles, party_tin: partyTin });
    } catch (err) {
      if (isForeignKeyViolation(err)) throw unknownParty(partyTin ?? '');
      throw err;
    }
    return { id, key: `adu_k_${id}_${secret}` };
  }

  /** Whether a party is an Authorised Economic Operator; answers from memory for a minute. */
  async isAeo(tin: string): Promise<boolean> {
    const hit = this.aeoCache.get(tin);
    if (hit && hit.until > Date.now()) return hit.aeo;
    const aeo = (await this.repo.findParty(tin))?.aeo ?? false;
    if (this.aeoCache.size > 50_000) this.aeoCache.clear();
    this.aeoCache.set(tin, { aeo, until: Date.now() + 60_000 });
    return aeo;
  }

  async revokeApiKey(id: string): Promise<void> {
    await this.repo.revokeApiKey(id);
    for (const [k, v] of this.cache)
      if (v.principal.kind === 'api_key' && v.principal.id === id) this.cache.delete(k);
  }

  /** Resolves a bearer token or API key to its principal, or undefined when it is unknown, expired or revoked. */
  async authenticate(credential: string): Promise<Principal | undefined> {
    const h = sha256(credential);
    const hit = this.cache.get(h);
    if (hit && hit.until > Date.now()) return hit.principal;
    const principal = credential.startsWith('adu_k_')
      ? await this.fromApiKey(credential)
      : await this.fromSession(h);
    if (principal) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(h, { principal, until: Date.now() + CACHE_MS });
    } else this.cache.delete(h);
    return principal;
  }

  private async fromSession(tokenHash: string): Promise<Principal | undefined> {
    const row = await this.repo.findSessionUser(tokenHash);
    if (!row || row.disabled || new Date(row.expires_at).getTime() < Date.now()) return undefined;
    return {
      kind: 'user',
      id: row.id,
      name: row.username,
      roles: row.roles,
      partyTin: row.party_tin,
      office: row.office,
      locale: row.locale,
    };
  }

  private async fromApiKey(key: string): Promise<Principal | undefined> {
    const m = /^adu_k_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(key);
    if (!m) return undefined;
    const [, id = '', secret = ''] = m;
    const row = await this.repo.findApiKey(id);
    if (!row || row.revoked_at) return undefined;
    const a = Buffer.from(row.secret_hash, 'hex');
    const b = Buffer.from(sha256(secret), 'hex');
    if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
    return {
      kind: 'api_key',
      id: row.id,
      name: row.name,
      roles: row.roles,
      partyTin: row.party_tin,
      office: null,
      locale: 'en',
    };
  }

  private toPrincipal(row: {
    id: string;
    username: string;
    roles: Role[];
    party_tin: string | null;
    office: string | null;
    locale: string;
  }): Principal {
    return {
      kind: 'user',
      id: row.id,
      name: row.username,
      roles: row.roles,
      partyTin: row.party_tin,
      office: row.office,
      locale: row.locale,
    };
  }
}
