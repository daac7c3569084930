import { scaleBand, scaleLinear } from 'd3-scale';
import type { ReactNode } from 'react';

export interface BarSeries {
  key: string;
  label: string;
  /** CSS class giving the bar its colour (e.g. `fill-green`). */
  className: string;
}

export interface BarDatum {
  key: string;
  label: string;
  values: Record<string, number>;
  /** Extra class for the row's bars (e.g. a channel colour when there is one series). */
  className?: string;
}

/**
 * Horizontal bars, one group per datum and one bar per series, with values written at the bar ends. The picture is
 * `aria-hidden`; the same figures are in a visually hidden table for screen readers.
 */
export function BarChart({
  title,
  data,
  series,
  format,
  width = 480,
}: {
  title: ReactNode;
  data: BarDatum[];
  series: BarSeries[];
  format: (value: number) => string;
  width?: number;
}) {
  const barHeight = 18;
  const labelWidth = Math.min(220, Math.max(60, ...data.map((d) => d.label.length * 7.2 + 12)));
  const valueWidth = 80;
  const groupHeight = series.length * barHeight + 10;
  const height = Math.max(groupHeight * data.length, groupHeight);
  const max = Math.max(1e-9, ...data.flatMap((d) => series.map((s) => d.values[s.key] ?? 0)));
  const x = scaleLinear()
    .domain([0, max])
    .range([0, width - labelWidth - valueWidth]);
  const y = scaleBand()
    .domain(data.map((d) => d.key))
    .range([0, height]);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="presentation" aria-hidden="true">
        {data.map((d) => (
          <g key={d.key} transform={`translate(0, ${y(d.key) ?? 0})`}>
            <text x={labelWidth - 8} y={groupHeight / 2} textAnchor="end" dominantBaseline="middle">
              {d.label}
            </text>
            {series.map((s, i) => {
              const v = d.values[s.key] ?? 0;
              return (
                <g key={s.key} transform={`translate(${labelWidth}, ${i * barHeight + 4})`}>
                  <rect
                    className={series.length === 1 && d.className ? d.className : s.className}
                    width={Math.max(v > 0 ? 2 : 0, x(v))}
                    height={barHeight - 4}
                    rx={2}
                  />
                  <text x={x(v) + 6} y={(barHeight - 4) / 2} dominantBaseline="middle" className="bar-value">
                    {format(v)}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
      {series.length > 1 ? (
        <ul className="legend" aria-hidden="true">
          {series.map((s) => (
            <li key={s.key}>
              <span className={`swatch ${s.className}`} />
              {s.label}
            </li>
          ))}
        </ul>
      ) : null}
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <td />
            {series.map((s) => (
              <th key={s.key} scope="col">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.key}>
              <th scope="row">{d.label}</th>
              {series.map((s) => (
                <td key={s.key}>{format(d.values[s.key] ?? 0)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
