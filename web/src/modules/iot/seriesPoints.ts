import type { ChartPoint } from './TimeSeriesChart';
import type { SeriesPoint } from './types';

/** Most points a chart draws: beyond it, consecutive readings are merged (mean, with their min–max kept). */
export const MAX_CHART_POINTS = 600;

/** One measure of the series as chart points, dropping readings without it, thinned to `max` points. */
export function chartPoints(
  points: SeriesPoint[],
  measure: 'temperature' | 'humidity',
  max = MAX_CHART_POINTS,
): ChartPoint[] {
  const raw: ChartPoint[] = [];
  for (const p of points) {
    const value = measure === 'temperature' ? p.temperatureC : p.humidityPct;
    if (value === null) continue;
    raw.push({
      at: new Date(p.at),
      value,
      ...(measure === 'temperature'
        ? { min: p.temperatureMinC ?? value, max: p.temperatureMaxC ?? value }
        : {}),
    });
  }
  if (raw.length <= max) return raw;
  const size = Math.ceil(raw.length / max);
  const out: ChartPoint[] = [];
  for (let i = 0; i < raw.length; i += size) {
    const group = raw.slice(i, i + size);
    const mean = group.reduce((s, p) => s + p.value, 0) / group.length;
    const lows = group.map((p) => p.min ?? p.value);
    const highs = group.map((p) => p.max ?? p.value);
    out.push({
      at: group[Math.floor(group.length / 2)]!.at,
      value: mean,
      min: Math.min(...lows),
      max: Math.max(...highs),
    });
  }
  return out;
}
