/** A date input's value (`2026-11-26`) for a local day. */
export function dayInput(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The instants of a period of whole local days, `from` to `to` inclusive, as the API takes them. */
export function periodOf(from: string, to: string): { from: string; to: string } {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return {
    from: new Date(fy!, fm! - 1, fd).toISOString(),
    to: new Date(ty!, tm! - 1, td! + 1).toISOString(),
  };
}

/** The last `days` days up to today, as date inputs. */
export function lastDays(days: number, now = new Date()): { from: string; to: string } {
  return {
    from: dayInput(new Date(now.getFullYear(), now.getMonth(), now.getDate() - days + 1)),
    to: dayInput(now),
  };
}
