import { scaleLinear, scaleTime } from 'd3-scale';
import type { ReactNode } from 'react';

export interface HitRateSeries {
  source: string;
  label: string;
  /** Periods with controls; a period with none has no hit rate and is left out. */
  points: { at: Date; rate: number }[];
}

/**
 * Hit rate by selection source over time: one line per source, from 0 to the highest rate. Same approach as the
 * console's other charts: SVG with d3-scale, the picture `aria-hidden`, the figures in a visually hidden table.
 */
export function HitRateChart({
  title,
  series,
  formatRate,
  formatTime,
  periodLabel,
  width = 720,
  height = 260,
}: {
  title: ReactNode;
  series: HitRateSeries[];
  formatRate: (share: number) => string;
  formatTime: (d: Date) => string;
  periodLabel: string;
  width?: number;
  height?: number;
}) {
  const margin = { top: 12, right: 16, bottom: 26, left: 52 };
  const all = series.flatMap((s) => s.points);
  const times = all.map((p) => p.at.getTime());
  const x = scaleTime()
    .domain(
      times.length
        ? [new Date(Math.min(...times)), new Date(Math.max(...times))]
        : [new Date(0), new Date(1)],
    )
    .range([margin.left, width - margin.right]);
  const y = scaleLinear()
    .domain([0, Math.max(0.05, ...all.map((p) => p.rate))])
    .range([height - margin.bottom, margin.top])
    .nice();
  const periods = [...new Set(times)].sort((a, b) => a - b);
  return (
    <figure className="chart hit-rate-chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="presentation" aria-hidden="true">
        {y.ticks(5).map((v) => (
          <g key={v} transform={`translate(0, ${y(v)})`}>
            <line className="chart-grid" x1={margin.left} x2={width - margin.right} />
            <text x={margin.left - 6} textAnchor="end" dominantBaseline="middle">
              {formatRate(v)}
            </text>
          </g>
        ))}
        {x.ticks(5).map((d) => (
          <text key={d.getTime()} x={x(d)} y={height - 6} textAnchor="middle">
            {formatTime(d)}
          </text>
        ))}
        {series.map((s) => (
          <g key={s.source} className={`hit-series source-${s.source}`} data-source={s.source}>
            <path
              className="hit-line"
              d={s.points
                .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.at).toFixed(1)},${y(p.rate).toFixed(1)}`)
                .join('')}
            />
            {s.points.map((p) => (
              <circle key={p.at.getTime()} className="hit-point" cx={x(p.at)} cy={y(p.rate)} r={2.5} />
            ))}
          </g>
        ))}
      </svg>
      <ul className="legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.source}>
            <span className={`swatch source-${s.source}`} />
            {s.label}
          </li>
        ))}
      </ul>
      <div className="visually-hidden">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{periodLabel}</th>
              {series.map((s) => (
                <th key={s.source} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {periods.map((at) => (
              <tr key={at}>
                <th scope="row">{formatTime(new Date(at))}</th>
                {series.map((s) => {
                  const p = s.points.find((q) => q.at.getTime() === at);
                  return <td key={s.source}>{p ? formatRate(p.rate) : '—'}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
