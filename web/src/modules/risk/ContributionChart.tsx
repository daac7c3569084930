import { scaleBand, scaleLinear } from 'd3-scale';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import type { FieldContribution } from './explanation';
import { useFieldName } from './fieldNames';

/**
 * The driving item's TreeSHAP contributions per declaration field, as bars diverging around zero: to the right
 * (red) a field raised the risk, to the left (green) it lowered it. The picture is `aria-hidden`; the same figures
 * are in a visually hidden table.
 */
export function ContributionChart({
  contributions,
  item,
  width = 640,
}: {
  contributions: FieldContribution[];
  item: number | null;
  width?: number;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const fieldName = useFieldName();
  const rows = contributions.map((c) => ({ ...c, label: fieldName(c.source) }));
  const signed = (v: number) => (v > 0 ? `+${f.number(v)}` : f.number(v));
  const direction = (v: number) => (v >= 0 ? 'raises' : 'lowers');
  const barHeight = 22;
  const labelWidth = Math.min(220, Math.max(80, ...rows.map((r) => r.label.length * 7.2 + 12)));
  const valueRoom = 56;
  const height = Math.max(barHeight, barHeight * rows.length);
  // Zero always in view; a side with no bar takes no room.
  const low = Math.min(0, ...rows.map((r) => r.contribution));
  const high = Math.max(0, ...rows.map((r) => r.contribution));
  const x = scaleLinear()
    .domain([low, high === low ? low + 1 : high])
    .range([labelWidth + valueRoom, width - valueRoom]);
  const y = scaleBand()
    .domain(rows.map((r) => r.source))
    .range([0, height])
    .padding(0.2);
  const zero = x(0);
  const caption = t('risk.why.chartCaption', { item: item ?? '—' });
  return (
    <figure className="chart risk-contributions">
      <figcaption>{caption}</figcaption>
      <p className="hint">{t('risk.why.chartHelp')}</p>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="presentation" aria-hidden="true">
        {rows.map((r) => {
          const end = x(r.contribution);
          const top = y(r.source) ?? 0;
          const mid = top + y.bandwidth() / 2;
          const raises = r.contribution >= 0;
          return (
            <g key={r.source} data-field={r.source} data-direction={direction(r.contribution)}>
              <text x={labelWidth - 8} y={mid} textAnchor="end" dominantBaseline="middle">
                {r.label}
              </text>
              <rect
                className={raises ? 'fill-red' : 'fill-green'}
                x={Math.min(zero, end)}
                y={top}
                width={Math.max(1, Math.abs(end - zero))}
                height={y.bandwidth()}
                rx={2}
              />
              <text
                className="bar-value"
                x={raises ? end + 4 : end - 4}
                y={mid}
                textAnchor={raises ? 'start' : 'end'}
                dominantBaseline="middle"
              >
                {signed(r.contribution)}
              </text>
            </g>
          );
        })}
        <line className="risk-zero" x1={zero} x2={zero} y1={0} y2={height} />
      </svg>
      <ul className="legend" aria-hidden="true">
        <li>
          <span className="swatch fill-red" />
          {t('risk.why.raises')}
        </li>
        <li>
          <span className="swatch fill-green" />
          {t('risk.why.lowers')}
        </li>
      </ul>
      <table className="visually-hidden">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('risk.why.field')}</th>
            <th scope="col">{t('risk.why.direction')}</th>
            <th scope="col">{t('risk.why.contribution')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.source}>
              <th scope="row">{r.label}</th>
              <td>{t(`risk.why.${direction(r.contribution)}`)}</td>
              <td>{signed(r.contribution)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
