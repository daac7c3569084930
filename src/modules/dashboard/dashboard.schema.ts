import { z } from 'zod';
import { StorableInstant } from '../../platform/time/instants.js';
import { CHANNELS, STATUSES } from '../declarations/index.js';

/** The period of the dashboard: by default today (UTC); the console sends the officer's own midnight. */
export const DashboardQuery = z
  .object({
    from: StorableInstant.optional(),
    to: StorableInstant.optional(),
    office: z
      .string()
      .regex(/^[A-Z0-9]{4,10}$/)
      .optional(),
  })
  .strict();
export type DashboardQuery = z.infer<typeof DashboardQuery>;

const Channel = z.enum(CHANNELS);

export const DashboardOut = z.object({
  from: z.string(),
  to: z.string(),
  office: z.string().nullable(),
  lodged: z.object({
    total: z.number().int(),
    byChannel: z.array(z.object({ channel: Channel, count: z.number().int() })),
    byStatus: z.array(z.object({ status: z.enum(STATUSES), count: z.number().int() })),
  }),
  clearance: z.array(
    z.object({
      channel: Channel,
      released: z.number().int(),
      medianSeconds: z.number(),
      p90Seconds: z.number(),
    }),
  ),
  pendingControls: z.object({
    total: z.number().int(),
    arrived: z.number().int(),
    oldestLodgedAt: z.string().nullable(),
    byChannel: z.array(z.object({ channel: Channel, count: z.number().int(), arrived: z.number().int() })),
  }),
});
export type DashboardOut = z.infer<typeof DashboardOut>;
