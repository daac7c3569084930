import type { Generated, Kysely, Selectable } from 'kysely';
import { tablesOf, type AnyDb, type AnyTransaction } from '../../platform/database/database.js';

export interface ProvenanceTables {
  provenance_party_keys: {
    key_id: string;
    party_tin: string;
    public_key: Uint8Array;
    registered_at: Generated<Date>;
    revoked_at: Generated<Date | null>;
  };
  provenance_events: {
    event_id: string;
    event_type: string;
    event_time: Date;
    party_tin: string;
    key_id: string;
    signature: Uint8Array;
    event: Record<string, unknown>;
    recorded_at: Generated<Date>;
  };
  provenance_identifiers: { event_id: string; role: IdentifierRole; identifier: string };
}

/** How an event names an identifier. */
export type IdentifierRole = 'commissioned' | 'observed' | 'input' | 'output' | 'parent' | 'child';

export type EventRow = Selectable<ProvenanceTables['provenance_events']>;
export type KeyRow = Selectable<ProvenanceTables['provenance_party_keys']>;

/** Identifier rows per insert statement. */
const IDENTIFIERS_PER_STATEMENT = 5000;

/** The provenance module's SQL. */
export class ProvenanceRepository {
  private readonly db: Kysely<ProvenanceTables>;

  constructor(db: AnyDb) {
    this.db = tablesOf<ProvenanceTables>(db);
  }

  async insertKey(row: Omit<KeyRow, 'registered_at' | 'revoked_at'>): Promise<void> {
    await this.db
      .insertInto('provenance_party_keys')
      .values(row)
      .onConflict((oc) => oc.column('key_id').doNothing())
      .execute();
  }

  key(keyId: string): Promise<KeyRow | undefined> {
    return this.db
      .selectFrom('provenance_party_keys')
      .selectAll()
      .where('key_id', '=', keyId)
      .executeTakeFirst();
  }

  keys(keyIds: readonly string[]): Promise<KeyRow[]> {
    if (keyIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('provenance_party_keys')
      .selectAll()
      .where('key_id', 'in', [...keyIds])
      .execute();
  }

  keysOf(partyTin: string): Promise<KeyRow[]> {
    return this.db
      .selectFrom('provenance_party_keys')
      .selectAll()
      .where('party_tin', '=', partyTin)
      .orderBy('registered_at')
      .execute();
  }

  async revokeKey(keyId: string, partyTin: string): Promise<boolean> {
    const result = await this.db
      .updateTable('provenance_party_keys')
      .set({ revoked_at: new Date() })
      .where('key_id', '=', keyId)
      .where('party_tin', '=', partyTin)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async insertEvent(
    trx: AnyTransaction,
    row: Omit<EventRow, 'recorded_at'>,
    identifiers: readonly { role: IdentifierRole; identifier: string }[],
  ): Promise<boolean> {
    const inserted = await tablesOf<ProvenanceTables>(trx)
      .insertInto('provenance_events')
      .values({ ...row, event: JSON.stringify(row.event) as unknown as Record<string, unknown> })
      .onConflict((oc) => oc.column('event_id').doNothing())
      .returning('event_id')
      .executeTakeFirst();
    if (inserted === undefined) return false;
    // In slices: one statement carries at most 65 535 parameters (three per identifier).
    for (let at = 0; at < identifiers.length; at += IDENTIFIERS_PER_STATEMENT) {
      await tablesOf<ProvenanceTables>(trx)
        .insertInto('provenance_identifiers')
        .values(
          identifiers
            .slice(at, at + IDENTIFIERS_PER_STATEMENT)
            .map((i) => ({ event_id: row.event_id, ...i })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    return true;
  }

  event(eventId: string): Promise<EventRow | undefined> {
    return this.db
      .selectFrom('provenance_events')
      .selectAll()
      .where('event_id', '=', eventId)
      .executeTakeFirst();
  }

  events(eventIds: readonly string[]): Promise<EventRow[]> {
    if (eventIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('provenance_events')
      .selectAll()
      .where('event_id', 'in', [...eventIds])
      .execute();
  }

  /** Events naming `identifier` in one of `roles`, oldest first. */
  eventsNaming(
    identifier: string,
    roles: readonly IdentifierRole[],
  ): Promise<(EventRow & { role: IdentifierRole })[]> {
    return this.db
      .selectFrom('provenance_identifiers as i')
      .innerJoin('provenance_events as e', 'e.event_id', 'i.event_id')
      .selectAll('e')
      .select('i.role')
      .where('i.identifier', '=', identifier)
      .where('i.role', 'in', [...roles])
      .orderBy('e.event_time')
      .orderBy('e.event_id')
      .execute();
  }

  identifiersOf(eventId: string): Promise<{ role: IdentifierRole; identifier: string }[]> {
    return this.db
      .selectFrom('provenance_identifiers')
      .select(['role', 'identifier'])
      .where('event_id', '=', eventId)
      .execute();
  }

  transaction<T>(work: (trx: AnyTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }
}
