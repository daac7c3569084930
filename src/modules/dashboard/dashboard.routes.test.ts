import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDeclaration, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  for (let i = 0; i < 6; i++) {
    const res = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/declarations',
      headers: await t.login('trader'),
      payload: sampleDeclaration(),
    });
    expect(res.statusCode).toBe(201);
  }
});
afterAll(async () => t.close());

const get = async (user: string, query = '') =>
  t.app.http.inject({
    method: 'GET',
    url: `/api/v1/dashboard/office-day${query}`,
    headers: await t.login(user),
  });

describe('GET /api/v1/dashboard/office-day', () => {
  it("gives a supervisor today's lodgements by channel adding up to the total", async () => {
    const res = await get('supervisor');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.lodged.total).toBe(6);
    expect(body.lodged.byChannel.map((c: { channel: string }) => c.channel)).toEqual([
      'green',
      'yellow',
      'red',
      'blue',
    ]);
    expect(body.lodged.byChannel.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(6);
    expect(body.lodged.byStatus).toEqual([{ status: 'channel_assigned', count: 6 }]);
    const selected = body.lodged.byChannel
      .filter((c: { channel: string }) => c.channel === 'red' || c.channel === 'yellow')
      .reduce((s: number, c: { count: number }) => s + c.count, 0);
    expect(body.pendingControls.total).toBe(selected);
  });

  it('reports clearance times of goods released in the period', async () => {
    const list = await t.app.http.inject({
      method: 'GET',
      url: '/api/v1/declarations?channel=green,blue&limit=1',
      headers: await t.login('officer'),
    });
    const green = list.json().items[0];
    if (green) {
      await t.app.http.inject({
        method: 'POST',
        url: `/api/v1/declarations/${green.id}/arrival`,
        headers: await t.login('officer'),
        payload: {},
      });
      const body = (await get('supervisor')).json();
      const lane = body.clearance.find((c: { channel: string }) => c.channel === green.channel);
      expect(lane.released).toBe(1);
      expect(lane.p90Seconds).toBeGreaterThanOrEqual(lane.medianSeconds);
    }
  });

  it('filters by office and period', async () => {
    const body = (await get('supervisor', '?office=BBBGI01')).json();
    expect(body.lodged.total).toBe(0);
    const past = (await get('officer', '?from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z')).json();
    expect(past.lodged.total).toBe(0);
  });

  it('refuses a reversed or overlong period', async () => {
    expect((await get('supervisor', '?from=2024-01-02T00:00:00Z&to=2024-01-01T00:00:00Z')).statusCode).toBe(
      400,
    );
    expect((await get('supervisor', '?from=2024-01-01T00:00:00Z&to=2024-06-01T00:00:00Z')).statusCode).toBe(
      400,
    );
  });

  it('never shows office figures to a trader', async () => {
    expect((await get('trader')).statusCode).toBe(403);
  });
});
