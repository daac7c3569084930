import { z } from 'zod';

/**
 * Instants the database holds: from year 1 to year 9999 in UTC. An ISO 8601 time with an offset can fall outside
 * while its own digits do not (`9999-12-31T23:59:59-14:00` is in year 10000, `0001-01-01T00:00:00+14:00` in year 0).
 */
export const EARLIEST_INSTANT = Date.parse('0001-01-01T00:00:00.000Z');
export const LATEST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

export function isStorableInstant(value: string): boolean {
  const at = Date.parse(value);
  return Number.isFinite(at) && at >= EARLIEST_INSTANT && at <= LATEST_INSTANT;
}

/** An ISO 8601 date-time with its offset, within years 1–9999 UTC (refused as `FIELD_INVALID_VALUE` otherwise). */
export const StorableInstant = z.iso
  .datetime({ offset: true })
  .refine(isStorableInstant, { message: 'INSTANT_OUT_OF_RANGE' });

/** `ms` before `at`, but no earlier than the earliest instant the database holds. */
export function before(at: Date, ms: number): Date {
  return new Date(Math.max(at.getTime() - ms, EARLIEST_INSTANT));
}

/** An ISO 8601 date-time with its offset or a calendar date, within years 1–9999 UTC (query periods). */
export const StorableInstantOrDate = z.iso
  .datetime({ offset: true })
  .or(z.iso.date())
  .refine(isStorableInstant, { message: 'INSTANT_OUT_OF_RANGE' });
