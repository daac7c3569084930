import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/auth/roles.js';
import { DomainError } from '../../platform/errors.js';
import { migrateAll } from '../../platform/database/migrations.js';
import { openTestDatabase } from '../../platform/database/test-database.js';
import type { Database } from '../../platform/database/database.js';
import { platformMigrations } from '../../platform/platform.migrations.js';
import { eventHashId } from './epcis/event-hash.js';
import { provenanceMigrations } from './migrations/index.js';
import { ProvenanceService } from './provenance.service.js';
import { commissioning, partySigner } from './test-support.js';

const trader = (tin: string): Principal => ({
  kind: 'user',
  id: tin,
  name: tin,
  roles: ['trader'],
  partyTin: tin,
  office: null,
  locale: 'en',
});
const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'none',
    (e: unknown) => (e instanceof DomainError ? e.code : 'other'),
  );

describe('ProvenanceService', () => {
  let database: Database;
  let service: ProvenanceService;
  const signer = partySigner();
  let keyId: string;
  let recorded: { hash: string; event: ReturnType<typeof commissioning> };
  beforeAll(async () => {
    database = await openTestDatabase();
    await migrateAll(database.db, [
      { module: 'platform', migrations: platformMigrations },
      provenanceMigrations,
    ]);
    service = new ProvenanceService(database.db);
    keyId = (await service.registerKey(trader('GT-BRK-0002'), Buffer.from(signer.publicKey, 'base64')))
      .key_id;
  });
  afterAll(() => database.close());

  const lot = (n: number) =>
    commissioning(`https://id.gs1.org/01/09506000000011/10/L${n}`, {
      country: 'GT',
      hs: '6109.10',
      description: 'T-shirts',
      valueMinor: 500,
      kg: 0.2,
    });

  it('records a signed event once under its event hash and reads it back as valid', async () => {
    const event = lot(1);
    const hash = eventHashId(event);
    recorded = { hash, event };
    const input = { event, keyId, signature: Buffer.from(signer.sign(hash), 'base64') };
    const first = await service.record(trader('GT-BRK-0002'), input);
    const again = await service.record(trader('GT-BRK-0002'), input);
    expect(first).toMatchObject({ eventId: hash, created: true });
    expect(again).toMatchObject({ eventId: hash, created: false });
    const row = (await service.repo.event(hash))!;
    expect((await service.signatureStatuses([row])).get(hash)).toBe('valid');
    expect(await service.repo.identifiersOf(hash)).toEqual([
      { role: 'commissioned', identifier: 'https://id.gs1.org/01/09506000000011/10/L1' },
    ]);
  });

  it('refuses a signature over another event, a key of another party, and a wrong event hash ID', async () => {
    const event = lot(2);
    const otherSignature = Buffer.from(signer.sign(eventHashId(lot(3))), 'base64');
    expect(
      await codeOf(service.record(trader('GT-BRK-0002'), { event, keyId, signature: otherSignature })),
    ).toBe('PROVENANCE_BAD_SIGNATURE');
    const signature = Buffer.from(signer.sign(eventHashId(event)), 'base64');
    expect(await codeOf(service.record(trader('JM-BRK-0001'), { event, keyId, signature }))).toBe(
      'PROVENANCE_KEY_UNKNOWN',
    );
    const lying = { ...event, eventID: eventHashId(lot(4)) };
    expect(await codeOf(service.record(trader('GT-BRK-0002'), { event: lying, keyId, signature }))).toBe(
      'EPCIS_HASH_MISMATCH',
    );
    expect(
      await codeOf(
        service.record(trader('GT-BRK-0002'), {
          event: { ...event, sensorElementList: [] },
          keyId,
          signature,
        }),
      ),
    ).toBe('EPCIS_FIELD_UNSUPPORTED');
  });

  it('refuses events signed with a revoked key', async () => {
    const other = partySigner();
    const key = await service.registerKey(trader('GT-BRK-0002'), Buffer.from(other.publicKey, 'base64'));
    await service.revokeKey(trader('GT-BRK-0002'), key.key_id);
    const event = lot(5);
    const signature = Buffer.from(other.sign(eventHashId(event)), 'base64');
    expect(await codeOf(service.record(trader('GT-BRK-0002'), { event, keyId: key.key_id, signature }))).toBe(
      'PROVENANCE_KEY_UNKNOWN',
    );
  });

  const signed = (event: ReturnType<typeof lot>) => ({
    event,
    keyId,
    signature: Buffer.from(signer.sign(eventHashId(event)), 'base64'),
  });
  const fieldErrorsOf = async (p: Promise<unknown>) =>
    p.then(
      () => [],
      (e: unknown) => (e instanceof DomainError ? (e.details.errors ?? []) : [String(e)]),
    );

  it('refuses, at its field and storing nothing, an event time the database cannot hold', async () => {
    // 23:59:59 at UTC-14 on 31 December 9999 is in year 10000; midnight at UTC+14 on 1 January 0001 is in year 0.
    for (const eventTime of ['9999-12-31T23:59:59-14:00', '0001-01-01T00:00:00+14:00']) {
      const event = { ...lot(6), eventTime };
      expect(await fieldErrorsOf(service.record(trader('GT-BRK-0002'), signed(event)))).toEqual([
        expect.objectContaining({ code: 'FIELD_INVALID_VALUE', pointer: '/event/eventTime' }),
      ]);
      expect(await service.repo.event(eventHashId(event))).toBeUndefined();
    }
    const edge = { ...lot(7), eventTime: '0001-01-01T00:00:00Z' };
    expect(await service.record(trader('GT-BRK-0002'), signed(edge))).toMatchObject({ created: true });
  });

  it('refuses, at its field and storing nothing, an identifier longer than the trace index holds', async () => {
    const long = `https://example.com/lot/${'7f3a'.repeat(300)}`;
    const event = {
      ...lot(8),
      epcList: ['https://id.gs1.org/01/09506000000011/21/1', long],
      quantityList: [{ epcClass: long, quantity: 1 }],
    };
    expect(await fieldErrorsOf(service.record(trader('GT-BRK-0002'), signed(event)))).toEqual([
      expect.objectContaining({ code: 'FIELD_TOO_BIG', pointer: '/event/epcList/1' }),
      expect.objectContaining({ code: 'FIELD_TOO_BIG', pointer: '/event/quantityList/0/epcClass' }),
    ]);
    expect(await service.repo.event(eventHashId(event))).toBeUndefined();
  });

  it('refuses, at the first value too deep, an event nested deeper than the event hash can walk', async () => {
    let ilmd: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 20_000; i++) ilmd = { 'a/b': ilmd };
    const event = { ...lot(10), ilmd };
    const errors = await fieldErrorsOf(
      service.record(trader('GT-BRK-0002'), { event, keyId, signature: Buffer.alloc(64) }),
    );
    expect(errors).toEqual([expect.objectContaining({ code: 'FIELD_TOO_BIG' })]);
    expect((errors[0] as { pointer: string }).pointer).toBe(`/event/ilmd${'/a~1b'.repeat(31)}`);
    const shallow = { ...lot(11), ilmd: { a: { b: { c: [[['deep enough']]] } } } };
    expect(await service.record(trader('GT-BRK-0002'), signed(shallow))).toMatchObject({ created: true });
  });

  it('records an event naming 30 000 identifiers, more than one SQL statement carries', async () => {
    const epcList = Array.from({ length: 30_000 }, (_, i) => `urn:epc:id:sgtin:0614141.107346.${i}`);
    const event = { ...lot(9), action: 'OBSERVE', epcList };
    const done = await service.record(trader('GT-BRK-0002'), signed(event));
    expect(done.created).toBe(true);
    expect(await service.repo.identifiersOf(done.eventId)).toHaveLength(30_001);
  });

  it('re-derives digests from what is stored, so an edited event no longer matches its hash', async () => {
    const { hash, event } = recorded;
    const before = (await service.rederive([hash])).get(hash)?.digest;
    await database.db
      .updateTable('provenance_events' as never)
      .set({ event: JSON.stringify({ ...event, eventTimeZoneOffset: '+00:00' }) } as never)
      .where('event_id' as never, '=', hash as never)
      .execute();
    const after = (await service.rederive([hash])).get(hash)?.digest;
    expect(Buffer.from(after!).equals(Buffer.from(before!))).toBe(false);
    const row = (await service.repo.event(hash))!;
    expect((await service.signatureStatuses([row])).get(hash)).toBe('altered');
  });
});
