import { useTranslation } from 'react-i18next';
import { DataTable } from '../../kit/DataTable';
import type { Formatters } from '../../i18n/format';
import type { DeclarationRisk, ItemScore, RuleHit, Signal } from './explanation';

/** The profiles that hit: name and version, the analyst's reason, the goods items, and what the hit did. */
export function RuleHitList({ hits, f }: { hits: RuleHit[]; f: Formatters }) {
  const { t } = useTranslation();
  if (!hits.length) return <p className="hint">{t('risk.why.noHits')}</p>;
  return (
    <ul className="risk-hits" aria-label={t('risk.why.hits')}>
      {hits.map((h) => (
        <li key={`${h.profileId}-${h.version}`} data-applied={h.applied}>
          <strong>{t('risk.why.hitProfile', { name: h.name, version: h.version })}</strong>
          {h.reason ? <span className="risk-reason">{h.reason}</span> : null}
          {h.items.length ? (
            <span className="hint">
              {t('risk.why.hitItems', { count: h.items.length, items: h.items.join(', ') })}
            </span>
          ) : null}
          <span className="risk-hit-action">
            <HitOutcome hit={h} f={f} />
          </span>
        </li>
      ))}
    </ul>
  );
}

function HitOutcome({ hit, f }: { hit: RuleHit; f: Formatters }) {
  const { t } = useTranslation();
  const action = hit.action;
  if (!action) return null;
  if ('scoreWeight' in action) {
    const points = action.scoreWeight > 0 ? `+${f.number(action.scoreWeight)}` : f.number(action.scoreWeight);
    return <>{t('risk.why.hitWeight', { points })}</>;
  }
  const values = { channel: t(`channel.${action.channel}`), percent: f.percent(action.percent / 100) };
  return <>{hit.applied ? t('risk.why.hitApplied', values) : t('risk.why.hitLetThrough', values)}</>;
}

/** Per-item probabilities, the item that drove the score marked. */
export function ItemScores({
  items,
  driving,
  currency,
  f,
}: {
  items: ItemScore[];
  driving: number | null;
  currency: string;
  f: Formatters;
}) {
  const { t } = useTranslation();
  return (
    <DataTable
      caption={t('risk.why.itemsCaption')}
      rows={items}
      rowKey={(i) => String(i.sequence)}
      empty={t('risk.why.noItems')}
      filter={{ label: t('risk.why.itemsFilter'), text: (i) => `${i.sequence} ${i.hs6}` }}
      columns={[
        {
          key: 'item',
          header: t('risk.why.item'),
          cell: (i) =>
            i.sequence === driving ? (
              <>
                <strong>{f.integer(i.sequence)}</strong>{' '}
                <span className="badge risk-driving">{t('risk.why.driving')}</span>
              </>
            ) : (
              f.integer(i.sequence)
            ),
        },
        { key: 'hs6', header: t('risk.why.hs6'), cell: (i) => <span className="mono">{i.hs6 || '—'}</span> },
        { key: 'p', header: t('risk.why.probability'), align: 'end', cell: (i) => f.percent(i.probability) },
        {
          key: 'revenue',
          header: t('risk.why.revenueAtStake'),
          align: 'end',
          cell: (i) => f.money(i.revenueAtStake, currency),
        },
      ]}
    />
  );
}

const EFFECT_KEYS = {
  recorded: 'recorded',
  escalated: 'escalated',
  held: 'held',
  'escalated+held': 'escalatedHeld',
  closed: 'closed',
  unchanged: 'unchanged',
  other: 'other',
} as const satisfies Record<Signal['effect'], string>;

const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** Signals received after lodgement (IoT alarm, origin assessment, amendment): when, what, and what they did. */
export function SignalList({ signals, f }: { signals: Signal[]; f: Formatters }) {
  const { t } = useTranslation();
  if (!signals.length) return <p className="hint">{t('risk.why.noSignals')}</p>;
  return (
    <ul className="risk-signals" aria-label={t('risk.why.signals')}>
      {signals.map((s, i) => {
        const channel = text(s.detail.channel);
        return (
          <li key={`${s.receivedAt}-${i}`} data-kind={s.kind}>
            <span className="hint">{f.dateTime(s.receivedAt)}</span>
            <strong>{t(`risk.why.signalKind.${s.kind === 'iot-alarm' ? 'iotAlarm' : s.kind}`)}</strong>
            <span>
              <SignalDetail signal={s} f={f} />
            </span>
            <span className="risk-effect">
              {t(`risk.why.effect.${EFFECT_KEYS[s.effect]}`, {
                channel: channel ? t(`channel.${channel}`, { defaultValue: channel }) : '',
              })}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function SignalDetail({ signal, f }: { signal: Signal; f: Formatters }) {
  const { t } = useTranslation();
  const d = signal.detail;
  switch (signal.kind) {
    case 'iot-alarm': {
      const type = text(d.type);
      const severity = text(d.severity);
      return (
        <>
          {t('risk.why.signalDetail.iotAlarm', {
            type: t(`iot.alarmType.${type}`, { defaultValue: type }),
            severity: t(`iot.severity.${severity}`, { defaultValue: severity }),
            container: text(d.containerNumber) || '—',
          })}
        </>
      );
    }
    case 'origin': {
      const outcome = text(d.outcome);
      const reason = text(d.reason);
      return (
        <>
          {t('risk.why.signalDetail.origin', {
            outcome: t(`risk.why.originOutcome.${outcome}`, { defaultValue: outcome }),
          })}
          {reason ? <span className="hint"> {reason}</span> : null}
        </>
      );
    }
    case 'amendment': {
      const p = (v: unknown) => (typeof v === 'number' ? f.percent(v) : '—');
      const names = Array.isArray(d.ruleHits)
        ? d.ruleHits.map((h) => text((h as { name?: unknown } | null)?.name)).filter(Boolean)
        : [];
      return (
        <>
          {t('risk.why.signalDetail.amendment', {
            version: text(d.version) || '—',
            before: p(d.probabilityAtLodgement),
            after: p(d.probability),
          })}
          {names.length ? (
            <span className="hint">
              {' '}
              {t('risk.why.signalDetail.amendmentHits', { names: names.join(', ') })}
            </span>
          ) : null}
        </>
      );
    }
    case 'other':
      return null;
  }
}

/** The control result that came back as the model's label. */
export function LabelNote({
  label,
  currency,
  f,
}: {
  label: NonNullable<DeclarationRisk['label']>;
  currency: string;
  f: Formatters;
}) {
  const { t } = useTranslation();
  return (
    <p className="risk-label" data-fraud={label.fraud}>
      {t('risk.why.labelText', {
        outcome: t(`controlOutcome.${label.outcome}`, { defaultValue: label.outcome }),
        date: f.dateTime(label.recordedAt),
      })}{' '}
      <strong>
        {label.fraud
          ? t('risk.why.labelFraud', { revenue: f.money(label.revenue, currency) })
          : t('risk.why.labelNoFraud')}
      </strong>
    </p>
  );
}
