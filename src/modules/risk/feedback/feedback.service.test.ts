import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDeclaration, startTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import type { DomainEvent } from '../../../platform/events/outbox.js';
import { RISK_EVENTS } from '../risk.events.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

const channelAssigned = (declarationId: string, seq: number): DomainEvent => ({
  seq,
  type: 'declaration.channel-assigned',
  aggregateType: 'declaration',
  aggregateId: declarationId,
  payload: { declarationId },
  occurredAt: new Date().toISOString(),
});

describe('recording channel decisions a page at a time', () => {
  it('keeps one row per declaration with its current decision and publishes risk.decided for every event', async () => {
    const headers = await t.login('trader');
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await t.app.http.inject({
        method: 'POST',
        url: '/api/v1/declarations',
        headers,
        payload: sampleDeclaration(),
      });
      ids.push(res.json<{ id: string }>().id);
    }
    await t.app.dispatcher.drain();
    const db = t.app.database.db;
    await db.deleteFrom('risk_decisions').where('declaration_id', 'in', ids).execute();
    const decidedBefore = await db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('type', '=', RISK_EVENTS.decided)
      .where('aggregate_id', 'in', ids)
      .executeTakeFirstOrThrow();

    // The first declaration twice in the page (an amendment re-assessed it), and an unknown one.
    const page = [
      channelAssigned(ids[0]!, 1),
      channelAssigned(ids[1]!, 2),
      channelAssigned(ids[0]!, 3),
      channelAssigned(ids[2]!, 4),
      channelAssigned('00000000-0000-4000-8000-000000000000', 5),
    ];
    await t.app.risk.feedback.recordDecisions(page);

    const rows = await db
      .selectFrom('risk_decisions')
      .selectAll()
      .where('declaration_id', 'in', ids)
      .execute();
    expect(rows.map((r) => r.declaration_id).sort()).toEqual([...ids].sort());
    const declarations = await db
      .selectFrom('declarations')
      .select(['id', 'channel'])
      .where('id', 'in', ids)
      .execute();
    for (const d of declarations)
      expect(rows.find((r) => r.declaration_id === d.id)).toMatchObject({
        channel: d.channel,
        office: 'JMKIN01',
      });
    const decidedAfter = await db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('type', '=', RISK_EVENTS.decided)
      .where('aggregate_id', 'in', ids)
      .executeTakeFirstOrThrow();
    expect(Number(decidedAfter.n) - Number(decidedBefore.n)).toBe(4);
  });
});
