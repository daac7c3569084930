import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, verifyAuditChain } from '../../platform/audit/audit.js';
import { sampleDeclaration, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { DeclarationRepository } from './declaration.repository.js';
import { hashOf, newDeclarationRow } from './declaration.rows.js';
import { DeclarationInputSchema } from './declaration.schema.js';
import { LodgementBatches, type LodgementWrite } from './lodgement-batches.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

async function lodgeAll(bodies: object[]) {
  const headers = await t.login('trader');
  return Promise.all(
    bodies.map((payload) =>
      t.app.http.inject({ method: 'POST', url: '/api/v1/declarations', headers, payload }),
    ),
  );
}

/** How many transactions wrote these declarations (rows written by one statement share its `xmin`). */
async function transactionsThatWrote(ids: string[]) {
  const { rows } = await sql<{ n: number }>`
    select count(distinct xmin::text)::int as n from declarations where id = any(${ids}::uuid[])`.execute(
    t.app.database.db,
  );
  return rows[0]!.n;
}

const countWhere = async (table: string, column: string, ids: string[]) => {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)}::text = any(${ids}::text[])`.execute(
    t.app.database.db,
  );
  return rows[0]!.n;
};

describe('group commit of lodgements', () => {
  it('writes lodgements sent at once together, each with its own notifications, audit trail and events', async () => {
    const responses = await lodgeAll(Array.from({ length: 24 }, () => sampleDeclaration()));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(24).fill(201));
    const ids = responses.map((r) => r.json<{ id: string }>().id);
    expect(new Set(ids).size).toBe(24);

    // Shared statements: far fewer transactions than lodgements.
    expect(await transactionsThatWrote(ids)).toBeLessThan(24 / 2);
    // Nothing of one is missing or mixed up with another's.
    expect(await countWhere('declaration_notifications', 'declaration_id', ids)).toBeGreaterThanOrEqual(24);
    for (const id of ids) {
      const trail = await t.app.http.inject({
        method: 'GET',
        url: `/api/v1/declarations/${id}/audit`,
        headers: await t.login('officer'),
      });
      expect(trail.statusCode).toBe(200);
      const actions = trail.json<{ action: string }[]>().map((e) => e.action);
      expect(actions.slice(0, 4)).toEqual(['lodged', 'accepted', 'risk_assessed', 'channel_assigned']);
    }
    expect(await countWhere('outbox', 'aggregate_id', ids)).toBeGreaterThanOrEqual(24 * 3);
    await t.app.dispatcher.drain();
    expect((await verifyAuditChain(t.app.database.db)).ok).toBe(true);
  });

  it('fails only the lodgement at fault when one of a batch conflicts', async () => {
    const twin = sampleDeclaration();
    const rival = sampleDeclaration();
    const rivalChanged = { ...rival, invoice: { ...rival.invoice, amount: rival.invoice.amount + 1 } };
    const others = Array.from({ length: 10 }, () => sampleDeclaration());
    const responses = await lodgeAll([...others, twin, twin, rival, rivalChanged]);

    expect(responses.slice(0, 10).map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    // The same content twice: one lodges it, the other gets the same declaration back.
    const [a, b] = responses.slice(10, 12);
    expect([a!.statusCode, b!.statusCode].sort()).toEqual([200, 201]);
    expect(a!.json<{ id: string }>().id).toBe(b!.json<{ id: string }>().id);
    // The same LRN with other content: one lodges, the other is refused.
    const [c, d] = responses.slice(12, 14);
    expect([c!.statusCode, d!.statusCode].sort()).toEqual([201, 409]);
    expect((c!.statusCode === 409 ? c! : d!).json()).toMatchObject({ code: 'LRN_ALREADY_USED' });
  });

  it('writes the sound lodgements of a batch and nothing of one the database refuses', async () => {
    const db = t.app.database.db;
    const repo = new DeclarationRepository(db);
    const batches = new LodgementBatches(db, repo);
    const write = (office: string | null): LodgementWrite => {
      const input = { ...DeclarationInputSchema.parse(sampleDeclaration()), office: office as string };
      const id = randomUUID();
      const now = new Date();
      const decision = { channel: 'green' as const, source: 'random', strategy: 'test@1' };
      return {
        row: { ...newDeclarationRow(id, input, hashOf(input), decision, now), warnings: [] },
        notifications: [
          { declaration_id: id, function_code: '01', issued_at: now, data: { lrn: input.lrn } },
        ],
        audit: [
          {
            actor: SYSTEM_ACTOR,
            action: 'lodged',
            entityType: 'declaration',
            entityId: id,
            data: { lrn: input.lrn },
          },
        ],
        events: [
          { type: 'declaration.lodged', aggregateType: 'declaration', aggregateId: id, payload: { id } },
        ],
      };
    };
    const sound = [write('JMKIN01'), write('JMKIN01'), write('JMKIN01')];
    const refused = write(null); // office is NOT NULL
    const outcomes = await Promise.allSettled([...sound, refused].map((w) => batches.write(w)));

    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect((outcomes[3] as PromiseRejectedResult).reason).toMatchObject({ code: '23502' });
    const soundIds = sound.map((w) => w.row.id);
    const refusedId = [refused.row.id];
    expect(await countWhere('declarations', 'id', soundIds)).toBe(3);
    expect(await countWhere('declaration_notifications', 'declaration_id', soundIds)).toBe(3);
    expect(await countWhere('audit_log', 'entity_id', soundIds)).toBe(3);
    expect(await countWhere('outbox', 'aggregate_id', soundIds)).toBe(3);
    for (const [table, column] of [
      ['declarations', 'id'],
      ['declaration_notifications', 'declaration_id'],
      ['audit_log', 'entity_id'],
      ['outbox', 'aggregate_id'],
    ] as const)
      expect(await countWhere(table, column, refusedId)).toBe(0);
  });

  it('looks up lodgements made together in one go and finds each one', async () => {
    const responses = await lodgeAll(Array.from({ length: 6 }, () => sampleDeclaration()));
    const rows = responses.map((r) => r.json<{ id: string; lrn: string }>());
    const batches = new LodgementBatches(t.app.database.db, new DeclarationRepository(t.app.database.db));
    const found = await Promise.all([
      ...rows.map((r) => batches.find('JM-BRK-0001', r.lrn)),
      batches.find('JM-BRK-0001', `NOT-LODGED-${randomUUID()}`),
      batches.find('GT-IMP-0001', rows[0]!.lrn),
    ]);
    expect(found.slice(0, 6).map((r) => r?.id)).toEqual(rows.map((r) => r.id));
    expect(found.slice(6)).toEqual([undefined, undefined]);
  });
});
