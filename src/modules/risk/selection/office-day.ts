import { getOffice } from '../../declarations/index.js';

/** An office's calendar day in its own time zone, with the instants it starts and ends. */
export interface OfficeDay {
  day: string;
  start: Date;
  end: Date;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock time of an instant in a zone, read back as if it were UTC (its offset, in effect). */
function wallClock(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
}

function zoneOf(office: string): string {
  const zone = getOffice(office)?.timezone;
  if (!zone) return 'UTC';
  try {
    formatter(zone);
    return zone;
  } catch {
    return 'UTC';
  }
}

/** The office-local day of an instant (offices not in the list use UTC). */
export function officeDay(office: string, at: Date): OfficeDay {
  const zone = zoneOf(office);
  const local = wallClock(at, zone);
  const midnight = Math.floor(local / 86_400_000) * 86_400_000;
  const offset = local - at.getTime();
  // A day of 24 hours from local midnight: the offices of the region keep no summer time.
  const start = new Date(midnight - offset);
  const end = new Date(start.getTime() + 86_400_000);
  return { day: new Date(midnight).toISOString().slice(0, 10), start, end };
}
