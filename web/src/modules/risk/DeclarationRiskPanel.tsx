import { useTranslation } from 'react-i18next';
import { ApiProblem } from '../../api/client';
import type { DeclarationDetail, Principal } from '../../api/types';
import { isCustoms } from '../../auth/roles';
import { Loading, ProblemAlert } from '../../kit/Alert';
import { ChannelBadge } from '../../kit/Badges';
import { Facts } from '../../kit/Panel';
import { useFormat } from '../../i18n/format';
import { useDeclarationRisk } from './api';
import { ContributionChart } from './ContributionChart';
import { readExplanation } from './explanation';
import { FeatureDetails } from './FeatureDetails';
import { ItemScores, LabelNote, RuleHitList, SignalList } from './RiskSections';
import './risk.css';

const SOURCES = ['rule', 'random', 'exploration', 'model', 'none', 'signal'] as const;

/**
 * "Why this channel" on the declaration page, for customs roles: the channel and what selected it, the model's
 * probability and revenue at stake, the profiles that hit, the fields that moved the score (TreeSHAP), each goods
 * item's probability, the signals received since lodgement and, once recorded, the control result. A trader's
 * console never asks for it; a refusal or an unknown declaration says the explanation is not available.
 */
export default function DeclarationRiskPanel({
  declaration,
  principal,
}: {
  declaration: DeclarationDetail;
  principal: Principal;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const customs = isCustoms(principal);
  const risk = useDeclarationRisk(declaration.id, customs);
  if (!customs) return null;
  if (risk.isPending) return <Loading />;
  if (!risk.data) {
    const refused = risk.error instanceof ApiProblem && [403, 404].includes(risk.error.status);
    return refused ? (
      <p className="hint">{t('risk.why.unavailable')}</p>
    ) : (
      <ProblemAlert error={risk.error} />
    );
  }
  const r = risk.data;
  if (r.source === null && r.channel === null) return <p className="hint">{t('risk.why.notAssessed')}</p>;
  const e = readExplanation(r);
  const currency = declaration.currency;
  const source = SOURCES.find((s) => s === r.source) ?? 'unknown';
  return (
    <div className="risk-panel">
      <Facts
        items={[
          { key: 'channel', label: t('risk.why.channel'), value: <ChannelBadge channel={r.channel} /> },
          { key: 'source', label: t('risk.why.selectedBy'), value: t(`risk.why.source.${source}`) },
          {
            key: 'probability',
            label: t('risk.why.probability'),
            value: r.probability === null ? t('risk.why.noModelScore') : f.percent(r.probability),
          },
          {
            key: 'revenue',
            label: t('risk.why.revenueAtStake'),
            value: r.revenueAtStake === null ? '—' : f.money(r.revenueAtStake, currency),
          },
          {
            key: 'model',
            label: t('risk.why.model'),
            value:
              r.modelVersion === null
                ? t('risk.why.noModel')
                : t('risk.why.modelVersion', { version: r.modelVersion }),
          },
          ...(e.budget
            ? [
                {
                  key: 'budget',
                  label: t('risk.why.budget'),
                  value: t('risk.why.budgetPlace', {
                    position: f.integer(e.budget.index + 1),
                    office: e.budget.office,
                    day: f.date(`${e.budget.day}T12:00:00Z`),
                  }),
                },
              ]
            : []),
        ]}
      />
      <h3>{t('risk.why.hits')}</h3>
      <RuleHitList hits={e.hits} f={f} />
      <h3>{t('risk.why.features')}</h3>
      {e.contributions.length ? (
        <>
          <ContributionChart contributions={e.contributions} item={r.drivingItem} />
          <FeatureDetails contributions={e.contributions} currency={currency} f={f} />
        </>
      ) : (
        <p className="hint">{t('risk.why.noFeatures')}</p>
      )}
      {e.items.length ? (
        <>
          <h3>{t('risk.why.items')}</h3>
          <ItemScores items={e.items} driving={r.drivingItem} currency={currency} f={f} />
        </>
      ) : null}
      <h3>{t('risk.why.signals')}</h3>
      <SignalList signals={e.signals} f={f} />
      {r.label ? (
        <>
          <h3>{t('risk.why.label')}</h3>
          <LabelNote label={r.label} currency={currency} f={f} />
        </>
      ) : null}
    </div>
  );
}
