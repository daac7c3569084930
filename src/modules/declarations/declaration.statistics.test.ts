import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/auth/roles.js';
import { sampleDeclaration, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import type { ChannelStrategy } from './channel-strategy.js';
import type { Channel } from './declaration.schema.js';

let t: TestApp;
let nextChannel: Channel = 'green';
const fixedChannel: ChannelStrategy = {
  name: 'fixed@test',
  assignChannel: () => Promise.resolve({ channel: nextChannel, source: 'random', strategy: 'test' }),
};
const trader: Principal = {
  kind: 'user',
  id: 't',
  name: 'trader',
  roles: ['trader'],
  partyTin: 'JM-BRK-0001',
  office: null,
  locale: 'en',
};
const officer: Principal = { ...trader, id: 'o', name: 'officer', roles: ['officer'], partyTin: null };

beforeAll(async () => {
  t = await startTestApp();
  t.app.declarations.service.useChannelStrategy(fixedChannel);
});
afterAll(async () => t.close());

async function lodge(channel: Channel, at: Date, office = 'JMKIN01') {
  nextChannel = channel;
  const sample = sampleDeclaration();
  // Documents dated "today" would be in the future of a lodgement in the past.
  const input = { ...sample, office, documents: sample.documents?.map(({ issuedOn: _, ...d }) => d) };
  const { declaration } = await t.app.declarations.service.lodge(trader, input as never, at);
  return declaration;
}

describe('office statistics', () => {
  it('counts lodgements, clearance times and pending controls of the period and office only', async () => {
    const service = t.app.declarations.service;
    const now = new Date();
    const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
    const green1 = await lodge('green', hoursAgo(4));
    const green2 = await lodge('green', hoursAgo(2));
    const red = await lodge('red', hoursAgo(3));
    await lodge('yellow', hoursAgo(1));
    await lodge('green', hoursAgo(1), 'GTSTC01');
    await lodge('green', hoursAgo(48)); // outside the period

    await service.recordArrival(officer, green1.id, now); // released on arrival, 4 h after lodgement
    await service.recordArrival(officer, green2.id, now); // 2 h
    await service.recordArrival(officer, red.id, now); // arrived, control pending

    const stats = await service.officeStatistics({ from: hoursAgo(24), to: hoursAgo(-1), office: 'JMKIN01' });
    const count = (channel: string, status: string) =>
      stats.lodged.find((r) => r.channel === channel && r.status === status)?.count ?? 0;
    expect(count('green', 'released')).toBe(2);
    expect(count('red', 'channel_assigned')).toBe(1);
    expect(count('yellow', 'channel_assigned')).toBe(1);
    expect(stats.lodged.reduce((s, r) => s + r.count, 0)).toBe(4);

    const green = stats.clearance.find((c) => c.channel === 'green');
    expect(green?.count).toBe(2);
    expect(green?.medianSeconds).toBeCloseTo(3 * 3600, -1);
    expect(green?.p90Seconds).toBeCloseTo(3.8 * 3600, -1);

    const pending = stats.pendingControls.filter((p) => p.channel === 'red' || p.channel === 'yellow');
    expect(pending.reduce((s, p) => s + p.count, 0)).toBeGreaterThanOrEqual(2);
    const redPending = stats.pendingControls.find((p) => p.channel === 'red');
    expect(redPending?.arrived).toBeGreaterThanOrEqual(1);
    expect(redPending?.oldestLodgedAt.getTime()).toBeLessThanOrEqual(hoursAgo(3).getTime() + 1000);
  });
});
