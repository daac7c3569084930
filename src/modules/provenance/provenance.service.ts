import type { Principal } from '../../platform/auth/roles.js';
import type { AnyDb } from '../../platform/database/database.js';
import { DomainError } from '../../platform/errors.js';
import { publishEvents } from '../../platform/events/outbox.js';
import { eventDigest, eventHashId, type EpcisEvent } from './epcis/event-hash.js';
import { eventLimitErrors } from './epcis/event-limits.js';
import { identifiersOf } from './epcis/identifiers.js';
import { partyKeyId, ed25519PublicKey, verifyEventSignature } from './party-keys.js';
import { PROVENANCE_EVENTS, PROVENANCE_ITEM_KIND } from './provenance.events.js';
import { ProvenanceRepository, type EventRow, type KeyRow } from './provenance.repository.js';

/** Event types Aduana records. */
export const EPCIS_EVENT_TYPES = ['ObjectEvent', 'TransformationEvent', 'AggregationEvent'] as const;
/** Standard fields whose content the hash does not cover yet: refused rather than silently unprotected. */
const UNSUPPORTED_FIELDS = ['sensorElementList', 'errorDeclaration', 'certificationInfo'] as const;

/** A signature's standing when read back. */
export type SignatureStatus = 'valid' | 'invalid' | 'key-revoked' | 'altered';

export interface RecordedEvent {
  eventId: string;
  eventHash: string;
  eventType: string;
  partyTin: string;
  keyId: string;
  created: boolean;
}

/** Recording signed EPCIS events and keeping parties' keys. */
export class ProvenanceService {
  readonly repo: ProvenanceRepository;

  constructor(
    db: AnyDb,
    private readonly onCommit: () => void = () => undefined,
  ) {
    this.repo = new ProvenanceRepository(db);
  }

  /** Registers a party's Ed25519 public key (raw 32 bytes); idempotent. */
  async registerKey(principal: Principal, publicKey: Uint8Array): Promise<KeyRow> {
    const party = principal.partyTin;
    if (party === null) throw new DomainError('PROVENANCE_PARTY_REQUIRED');
    if (ed25519PublicKey(publicKey) === undefined) throw new DomainError('PROVENANCE_KEY_INVALID');
    const keyId = partyKeyId(publicKey);
    const existing = await this.repo.key(keyId);
    if (existing !== undefined && existing.party_tin !== party)
      throw new DomainError('PROVENANCE_KEY_INVALID');
    await this.repo.insertKey({ key_id: keyId, party_tin: party, public_key: publicKey });
    return (await this.repo.key(keyId))!;
  }

  keysOf(principal: Principal): Promise<KeyRow[]> {
    if (principal.partyTin === null) throw new DomainError('PROVENANCE_PARTY_REQUIRED');
    return this.repo.keysOf(principal.partyTin);
  }

  async revokeKey(principal: Principal, keyId: string): Promise<void> {
    if (principal.partyTin === null) throw new DomainError('PROVENANCE_PARTY_REQUIRED');
    if (!(await this.repo.revokeKey(keyId, principal.partyTin))) throw new DomainError('NOT_FOUND');
  }

  /**
   * Records an EPCIS event signed by the caller's party: computes its event hash, checks a hash ID the
   * event carries, verifies the signature with the party's registered key, stores it with the
   * identifiers it names, and publishes `provenance.recorded` (which the ledger anchors) in the same
   * transaction. Recording the same event again returns it.
   */
  async record(
    principal: Principal,
    input: { event: EpcisEvent; signature: Uint8Array; keyId: string },
  ): Promise<RecordedEvent> {
    const party = principal.partyTin;
    if (party === null) throw new DomainError('PROVENANCE_PARTY_REQUIRED');
    const { event } = input;
    for (const field of UNSUPPORTED_FIELDS) {
      if (event[field] !== undefined)
        throw new DomainError('EPCIS_FIELD_UNSUPPORTED', undefined, { params: { field } });
    }
    const beyondStore = eventLimitErrors(event);
    if (beyondStore.length > 0)
      throw new DomainError('VALIDATION_FAILED', undefined, { errors: beyondStore });
    const eventHash = eventHashId(event);
    if (typeof event.eventID === 'string' && event.eventID.startsWith('ni:') && event.eventID !== eventHash) {
      throw new DomainError('EPCIS_HASH_MISMATCH', undefined, {
        params: { expected: eventHash },
        extra: { eventHash },
      });
    }
    const key = await this.repo.key(input.keyId);
    if (key === undefined || key.party_tin !== party || key.revoked_at !== null) {
      throw new DomainError('PROVENANCE_KEY_UNKNOWN', undefined, { params: { keyId: input.keyId } });
    }
    if (!verifyEventSignature(key.public_key, eventHash, input.signature)) {
      throw new DomainError('PROVENANCE_BAD_SIGNATURE', undefined, { params: { keyId: input.keyId } });
    }
    const digest = eventDigest(event).toString('hex');
    const created = await this.repo.transaction(async (trx) => {
      const inserted = await this.repo.insertEvent(
        trx,
        {
          event_id: eventHash,
          event_type: String(event.type),
          event_time: new Date(String(event.eventTime)),
          party_tin: party,
          key_id: key.key_id,
          signature: input.signature,
          event,
        },
        identifiersOf(event),
      );
      if (inserted) {
        await publishEvents(trx, [
          {
            type: PROVENANCE_EVENTS.recorded,
            aggregateType: 'provenance_event',
            aggregateId: eventHash,
            payload: {
              eventId: eventHash,
              eventType: String(event.type),
              partyTin: party,
              ledgerAnchor: { kind: PROVENANCE_ITEM_KIND, itemId: eventHash, digest },
            },
          },
        ]);
      }
      return inserted;
    });
    if (created) this.onCommit();
    const stored = created ? undefined : await this.repo.event(eventHash);
    return {
      eventId: eventHash,
      eventHash,
      eventType: String(event.type),
      partyTin: stored?.party_tin ?? party,
      keyId: stored?.key_id ?? key.key_id,
      created,
    };
  }

  /** Whether stored events still hash to their id and carry a valid signature by a live key. */
  async signatureStatuses(rows: readonly EventRow[]): Promise<Map<string, SignatureStatus>> {
    const keys = new Map(
      (await this.repo.keys([...new Set(rows.map((r) => r.key_id))])).map((k) => [k.key_id, k]),
    );
    const out = new Map<string, SignatureStatus>();
    for (const row of rows) {
      const key = keys.get(row.key_id);
      if (eventHashId(row.event) !== row.event_id) out.set(row.event_id, 'altered');
      else if (key === undefined || !verifyEventSignature(key.public_key, row.event_id, row.signature))
        out.set(row.event_id, 'invalid');
      else if (key.revoked_at !== null && key.revoked_at < row.recorded_at)
        out.set(row.event_id, 'key-revoked');
      else out.set(row.event_id, 'valid');
    }
    return out;
  }

  /** For `aduana ledger verify`: each event's digest recomputed from what is stored now. */
  async rederive(eventIds: readonly string[]) {
    const rows = await this.repo.events(eventIds);
    const statuses = await this.signatureStatuses(rows);
    const out = new Map<string, { digest: Uint8Array | undefined; problems?: string[] }>();
    for (const row of rows) {
      const status = statuses.get(row.event_id);
      out.set(row.event_id, {
        digest: eventDigest(row.event),
        ...(status === 'invalid'
          ? { problems: [`the party's signature on event ${row.event_id} no longer verifies`] }
          : {}),
      });
    }
    return out;
  }
}
