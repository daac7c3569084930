import { CHANNELS, STATUSES, type Channel, type DeclarationService } from '../declarations/index.js';
import type { DashboardOut } from './dashboard.schema.js';

export interface DashboardPeriod {
  from: Date;
  to: Date;
  office?: string;
}

/** Midnight UTC of the given instant's day, and the next midnight. */
export function utcDayOf(now: Date): { from: Date; to: Date } {
  const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  return { from, to: new Date(from.getTime() + 86_400_000) };
}

const isChannel = (c: string | null): c is Channel =>
  c !== null && (CHANNELS as readonly string[]).includes(c);

/**
 * The supervisor's view of an office's day: volumes by channel and status, clearance times per channel, pending
 * controls. Reads the declarations module through its public service only.
 */
export class DashboardService {
  constructor(private readonly declarations: DeclarationService) {}

  async officeDay(period: DashboardPeriod): Promise<DashboardOut> {
    const stats = await this.declarations.officeStatistics(period);
    const byChannel = new Map<Channel, number>(CHANNELS.map((c) => [c, 0]));
    const byStatus = new Map<string, number>(STATUSES.map((s) => [s, 0]));
    let total = 0;
    for (const row of stats.lodged) {
      total += row.count;
      if (isChannel(row.channel)) byChannel.set(row.channel, (byChannel.get(row.channel) ?? 0) + row.count);
      byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + row.count);
    }
    const pendingByChannel = new Map<Channel, { count: number; arrived: number }>();
    let oldest: Date | null = null;
    for (const row of stats.pendingControls) {
      if (!isChannel(row.channel)) continue;
      const acc = pendingByChannel.get(row.channel) ?? { count: 0, arrived: 0 };
      pendingByChannel.set(row.channel, { count: acc.count + row.count, arrived: acc.arrived + row.arrived });
      if (!oldest || row.oldestLodgedAt < oldest) oldest = row.oldestLodgedAt;
    }
    const pending = [...pendingByChannel.entries()].map(([channel, v]) => ({ channel, ...v }));
    return {
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      office: period.office ?? null,
      lodged: {
        total,
        byChannel: [...byChannel.entries()].map(([channel, count]) => ({ channel, count })),
        byStatus: STATUSES.map((status) => ({ status, count: byStatus.get(status) ?? 0 })).filter(
          (s) => s.count > 0,
        ),
      },
      clearance: CHANNELS.flatMap((channel) => {
        const row = stats.clearance.find((c) => c.channel === channel);
        return row
          ? [{ channel, released: row.count, medianSeconds: row.medianSeconds, p90Seconds: row.p90Seconds }]
          : [];
      }),
      pendingControls: {
        total: pending.reduce((s, p) => s + p.count, 0),
        arrived: pending.reduce((s, p) => s + p.arrived, 0),
        oldestLodgedAt: oldest ? oldest.toISOString() : null,
        byChannel: pending,
      },
    };
  }
}
