import type { Generated } from 'kysely';
import { tablesOf, type AnyDb } from '../database/database.js';
import type { Role } from './roles.js';

export interface AuthTables {
  parties: { tin: string; name: string; country: string; aeo: boolean; created_at: Generated<Date> };
  users: {
    id: string;
    username: string;
    display_name: string;
    password_hash: string;
    roles: Role[];
    party_tin: string | null;
    office: string | null;
    locale: string;
    disabled: Generated<boolean>;
    created_at: Generated<Date>;
  };
  sessions: { token_hash: string; user_id: string; created_at: Generated<Date>; expires_at: Date };
  api_keys: {
    id: string;
    name: string;
    secret_hash: string;
    roles: Role[];
    party_tin: string | null;
    created_at: Generated<Date>;
    revoked_at: Date | null;
  };
}

export interface PartyInput {
  tin: string;
  name: string;
  country: string;
  aeo: boolean;
}

/** SQL for users, parties, sessions and API keys; one method, one query. */
export class AuthRepository {
  private readonly db;
  constructor(db: AnyDb) {
    this.db = tablesOf<AuthTables>(db);
  }

  findUserByUsername(username: string) {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  insertUser(row: Omit<AuthTables['users'], 'created_at' | 'disabled'>) {
    return this.db
      .insertInto('users')
      .values({ ...row, roles: row.roles })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  listUsers() {
    return this.db.selectFrom('users').selectAll().orderBy('username').execute();
  }

  upsertParty(row: PartyInput) {
    return this.db
      .insertInto('parties')
      .values(row)
      .onConflict((oc) =>
        oc.column('tin').doUpdateSet({ name: row.name, country: row.country, aeo: row.aeo }),
      )
      .execute();
  }

  findParty(tin: string) {
    return this.db.selectFrom('parties').selectAll().where('tin', '=', tin).executeTakeFirst();
  }

  listParties() {
    return this.db.selectFrom('parties').selectAll().orderBy('name').execute();
  }

  insertSession(tokenHash: string, userId: string, expiresAt: Date) {
    return this.db
      .insertInto('sessions')
      .values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt })
      .execute();
  }

  findSessionUser(tokenHash: string) {
    return this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'users.id',
        'users.username',
        'users.display_name',
        'users.roles',
        'users.party_tin',
        'users.office',
        'users.locale',
        'users.disabled',
        'sessions.expires_at',
      ])
      .where('sessions.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  deleteSession(tokenHash: string) {
    return this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  deleteExpiredSessions(now: Date) {
    return this.db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  }

  insertApiKey(row: Omit<AuthTables['api_keys'], 'created_at' | 'revoked_at'>) {
    return this.db.insertInto('api_keys').values(row).execute();
  }

  findApiKey(id: string) {
    return this.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  }

  revokeApiKey(id: string) {
    return this.db.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', id).execute();
  }
}
