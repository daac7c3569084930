import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Formatters } from '../../i18n/format';
import type { FieldContribution } from './explanation';
import { useFieldName } from './fieldNames';

/**
 * The model's features behind each bar, in words, with the value the model read (back from its log scale where it
 * keeps one) and each feature's own contribution. Folded by default: the bars answer the officer's first question.
 */
export function FeatureDetails({
  contributions,
  currency,
  f,
}: {
  contributions: FieldContribution[];
  currency: string;
  f: Formatters;
}) {
  const { t } = useTranslation();
  const fieldName = useFieldName();
  const signed = (v: number) => (v > 0 ? `+${f.number(v)}` : f.number(v));
  const groups = contributions.filter((c) => c.features.length);
  if (!groups.length) return null;
  return (
    <details className="risk-features">
      <summary>{t('risk.why.featuresDetail')}</summary>
      <dl>
        {groups.map((c) => (
          <div key={c.source}>
            <dt>{fieldName(c.source)}</dt>
            {c.features.map((feature) => (
              <dd key={feature.name} data-feature={feature.name}>
                <span>{featureName(feature.name, t, fieldName)}</span>{' '}
                <strong>{featureValue(feature.name, feature.value, { f, t, currency })}</strong>{' '}
                <span className="hint">{signed(feature.contribution)}</span>
              </dd>
            ))}
          </div>
        ))}
      </dl>
    </details>
  );
}

/** `fraudRate:importerId×hs6` → "Fraud rate of earlier declarations with the same Importer × HS subheading". */
export function featureName(name: string, t: TFunction, fieldName: (source: string) => string): string {
  const [kind, key] = name.split(':');
  if (key !== undefined && (kind === 'fraudRate' || kind === 'declarations'))
    return t(`risk.why.feature.${kind}`, { key: fieldName(key) });
  return t(`risk.why.feature.${name}`, { defaultValue: name });
}

/** The value a feature read, in the declaration's own terms. */
export function featureValue(
  name: string,
  value: number | null,
  { f, t, currency }: { f: Formatters; t: TFunction; currency: string },
): string {
  if (value === null) return t('risk.why.featureMissing');
  if (name.startsWith('fraudRate:')) return f.percent(value);
  if (name.startsWith('declarations:')) return f.integer(value);
  switch (name) {
    case 'taxRate':
      return f.percent(value / 100);
    case 'logNetMass':
      return f.mass(Math.expm1(value));
    case 'logItemPrice':
    case 'logDeclaredDuty':
      return f.money(Math.expm1(value), currency);
    case 'logUnitValue':
      return t('risk.why.perKg', { value: f.money(Math.exp(value), currency) });
    case 'unitValueVsHs6':
      return t('risk.why.timesUsual', { ratio: f.number(Math.exp(value)) });
    case 'taxRateVsHs6':
      return t('risk.why.pointsFromUsual', { points: value > 0 ? `+${f.number(value)}` : f.number(value) });
    case 'month':
      return f.monthName(value);
    case 'weekday':
      return f.weekdayName(value);
    case 'originDiffersFromDeparture':
      return value ? t('risk.why.yes') : t('risk.why.no');
    default:
      return f.number(value);
  }
}
