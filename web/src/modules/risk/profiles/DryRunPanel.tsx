import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading, ProblemAlert } from '../../../kit/Alert';
import { Button } from '../../../kit/Button';
import { DataTable } from '../../../kit/DataTable';
import { SelectField } from '../../../kit/Field';
import { Facts, Panel } from '../../../kit/Panel';
import { useFormat } from '../../../i18n/format';
import type { DryRunResult } from './api';

const PERIODS = [7, 30, 90, 365];
type Selection = DryRunResult['sample'][number];

/**
 * What a profile would have selected over the last days of lodgements: how many declarations, and a sample of them
 * with the channel they got and the one the profile would give.
 */
export function DryRunPanel({
  result,
  error,
  running,
  onRun,
}: {
  result: DryRunResult | undefined;
  error: unknown;
  running: boolean;
  /** Runs the saved profile; absent when only a draft can be run (from the form). */
  onRun?: (days: number) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [days, setDays] = useState(30);
  const channel = (c: string | null) => t(`channel.${c ?? 'none'}`);
  return (
    <Panel
      title={t('risk.profiles.dryRun.title')}
      actions={
        onRun ? (
          <Button tone="primary" busy={running} onClick={() => onRun(days)}>
            {t('risk.profiles.dryRun.run')}
          </Button>
        ) : null
      }
    >
      {onRun ? (
        <SelectField
          label={t('risk.profiles.dryRun.period')}
          value={String(days)}
          options={PERIODS.map((d) => ({
            value: String(d),
            label: t('risk.profiles.dryRun.days', { count: d }),
          }))}
          onChange={(e) => setDays(Number(e.target.value))}
        />
      ) : null}
      <ProblemAlert error={error} />
      {running ? <Loading /> : null}
      {result && !running ? (
        <>
          <p className="dry-run-count" role="status">
            {t('risk.profiles.dryRun.wouldSelect', { count: result.wouldSelect })}
          </p>
          <Facts
            items={[
              { key: 'scanned', label: t('risk.profiles.dryRun.scanned'), value: f.integer(result.scanned) },
              { key: 'matched', label: t('risk.profiles.dryRun.matched'), value: f.integer(result.matched) },
              { key: 'rate', label: t('risk.profiles.dryRun.matchRate'), value: f.percent(result.matchRate) },
              {
                key: 'new',
                label: t('risk.profiles.dryRun.newSelections'),
                value: f.integer(result.overlap.newSelections),
              },
              {
                key: 'period',
                label: t('risk.profiles.dryRun.periodShown'),
                value: `${f.date(result.period.from)} – ${f.date(result.period.to)}`,
              },
            ]}
          />
          <DataTable<Selection>
            caption={t('risk.profiles.dryRun.sample')}
            rows={result.sample}
            rowKey={(s) => s.declarationId}
            empty={t('risk.profiles.dryRun.none')}
            columns={[
              {
                key: 'lrn',
                header: t('risk.profiles.dryRun.declaration'),
                cell: (s) => <Link to={`/declarations/${s.declarationId}`}>{s.lrn}</Link>,
              },
              { key: 'office', header: t('risk.profiles.dryRun.office'), cell: (s) => s.office },
              {
                key: 'lodged',
                header: t('risk.profiles.dryRun.lodged'),
                cell: (s) => f.dateTime(s.lodgedAt),
              },
              {
                key: 'items',
                header: t('risk.profiles.dryRun.items'),
                cell: (s) => s.items.join(', '),
                optional: true,
              },
              {
                key: 'current',
                header: t('risk.profiles.dryRun.current'),
                cell: (s) => channel(s.currentChannel),
              },
              { key: 'wouldBe', header: t('risk.profiles.dryRun.wouldBe'), cell: (s) => channel(s.wouldBe) },
            ]}
          />
        </>
      ) : null}
    </Panel>
  );
}
