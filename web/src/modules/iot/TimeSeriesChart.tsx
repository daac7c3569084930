import { scaleLinear, scaleTime } from 'd3-scale';
import type { ReactNode } from 'react';

export interface ChartPoint {
  at: Date;
  value: number;
  /** The bucket's range when the series is aggregated (drawn shaded). */
  min?: number | null;
  max?: number | null;
}

/**
 * A line over time, drawn against a band (a temperature profile's 2–8 °C): the band is a shaded strip, readings
 * outside it stand out. Same approach as the kit's BarChart: SVG with d3-scale, the picture `aria-hidden`, the
 * figures in a visually hidden table.
 */
export function TimeSeriesChart({
  title,
  points,
  band,
  limits,
  format,
  formatTime,
  labels,
  width = 640,
  height = 220,
  className = '',
}: {
  title: ReactNode;
  points: ChartPoint[];
  /** The profile band; a null side is open. */
  band?: { min: number | null; max: number | null } | null;
  /** Hard limits, drawn as dashed lines. */
  limits?: { min: number | null; max: number | null } | null;
  format: (v: number) => string;
  formatTime: (d: Date) => string;
  labels: { time: string; value: string; band: string };
  width?: number;
  height?: number;
  className?: string;
}) {
  const margin = { top: 10, right: 12, bottom: 24, left: 56 };
  const values = points.flatMap((p) => [p.value, p.min ?? p.value, p.max ?? p.value]);
  const fixed = [band?.min, band?.max, limits?.min, limits?.max].filter(
    (v): v is number => typeof v === 'number',
  );
  const lo = Math.min(...values, ...fixed);
  const hi = Math.max(...values, ...fixed);
  const pad = Math.max(0.5, (hi - lo) * 0.08);
  const y = scaleLinear()
    .domain([lo - pad, hi + pad])
    .range([height - margin.bottom, margin.top])
    .nice();
  const times = points.map((p) => p.at.getTime());
  const x = scaleTime()
    .domain(
      times.length
        ? [new Date(Math.min(...times)), new Date(Math.max(...times))]
        : [new Date(0), new Date(1)],
    )
    .range([margin.left, width - margin.right]);
  const [yTop, yBottom] = [margin.top, height - margin.bottom];
  const clampY = (v: number) => Math.max(yTop, Math.min(yBottom, y(v)));
  const bandTop = band ? (band.max === null ? yTop : clampY(band.max)) : 0;
  const bandBottom = band ? (band.min === null ? yBottom : clampY(band.min)) : 0;
  const line = points
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.at).toFixed(1)},${y(p.value).toFixed(1)}`)
    .join('');
  const ranged = points.filter(
    (p) => typeof p.min === 'number' && typeof p.max === 'number' && p.min !== p.max,
  );
  const area =
    ranged.length > 1
      ? `${ranged.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.at).toFixed(1)},${y(p.max!).toFixed(1)}`).join('')}${[
          ...ranged,
        ]
          .reverse()
          .map((p) => `L${x(p.at).toFixed(1)},${y(p.min!).toFixed(1)}`)
          .join('')}Z`
      : '';
  const outside = (v: number) =>
    !!band && ((band.min !== null && v < band.min) || (band.max !== null && v > band.max));
  return (
    <figure className={`chart time-chart ${className}`}>
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="presentation" aria-hidden="true">
        {band ? (
          <rect
            className="chart-band"
            data-min={band.min ?? ''}
            data-max={band.max ?? ''}
            x={margin.left}
            y={bandTop}
            width={width - margin.left - margin.right}
            height={Math.max(0, bandBottom - bandTop)}
          />
        ) : null}
        {[limits?.min, limits?.max].map((v, i) =>
          typeof v === 'number' ? (
            <line
              key={i}
              className="chart-limit"
              x1={margin.left}
              x2={width - margin.right}
              y1={y(v)}
              y2={y(v)}
            />
          ) : null,
        )}
        {y.ticks(5).map((v) => (
          <g key={v} transform={`translate(0, ${y(v)})`}>
            <line className="chart-grid" x1={margin.left} x2={width - margin.right} />
            <text x={margin.left - 6} textAnchor="end" dominantBaseline="middle">
              {format(v)}
            </text>
          </g>
        ))}
        {x.ticks(5).map((d) => (
          <text key={d.getTime()} x={x(d)} y={height - 6} textAnchor="middle">
            {formatTime(d)}
          </text>
        ))}
        {area ? <path className="chart-range" d={area} /> : null}
        {line ? <path className="chart-line" d={line} /> : null}
        {points
          .filter((p) => outside(p.value))
          .map((p) => (
            <circle key={p.at.getTime()} className="chart-outside" cx={x(p.at)} cy={y(p.value)} r={2.5} />
          ))}
      </svg>
      {band ? (
        <ul className="legend" aria-hidden="true">
          <li>
            <span className="swatch band-swatch" />
            {labels.band}
          </li>
        </ul>
      ) : null}
      {/* A table ignores a 1 px height: its wrapper is what hides it without lengthening the page. */}
      <div className="visually-hidden">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{labels.time}</th>
              <th scope="col">{labels.value}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.at.getTime()}>
                <th scope="row">{formatTime(p.at)}</th>
                <td>{format(p.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
