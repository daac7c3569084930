import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format';
import { ProblemAlert } from '../../../kit/Alert';
import { DataTable } from '../../../kit/DataTable';
import { Panel } from '../../../kit/Panel';
import { useTrainingJobs, type TrainingJob } from './api';
import { jobProgress } from './metrics';

/** Recent training jobs; a running one shows its stage and a progress bar, refreshed while it runs. */
export function TrainingJobs() {
  const { t } = useTranslation();
  const f = useFormat();
  const jobs = useTrainingJobs();
  const progress = (j: TrainingJob) => {
    if (j.status !== 'running')
      return j.error ?? (j.modelId !== null ? t('risk.models.versionNo', { id: j.modelId }) : '—');
    const p = jobProgress(j.progress);
    if (!p) return t('risk.models.jobStarting');
    const stage = t(`risk.models.stage.${p.stage}`, { defaultValue: p.stage });
    return p.share === null ? (
      stage
    ) : (
      <>
        {t('risk.models.stageShare', { stage, share: f.percent(p.share) })}{' '}
        <progress max={1} value={p.share} aria-label={t('risk.models.jobProgress', { id: j.id })} />
      </>
    );
  };
  return (
    <Panel title={t('risk.models.jobs')}>
      <ProblemAlert error={jobs.error} />
      <DataTable
        caption={t('risk.models.jobs')}
        columns={[
          { key: 'id', header: t('risk.models.job'), cell: (j) => j.id },
          { key: 'started', header: t('risk.models.started'), cell: (j) => f.dateTime(j.startedAt) },
          { key: 'by', header: t('risk.models.createdBy'), cell: (j) => j.requestedBy, optional: true },
          {
            key: 'status',
            header: t('risk.models.status'),
            cell: (j) => t(`risk.models.jobStatus.${j.status}`, { defaultValue: j.status }),
          },
          { key: 'progress', header: t('risk.models.outcome'), cell: progress },
          {
            key: 'finished',
            header: t('risk.models.finished'),
            optional: true,
            cell: (j) => (j.finishedAt ? f.dateTime(j.finishedAt) : '—'),
          },
        ]}
        rows={jobs.data?.items ?? []}
        rowKey={(j) => String(j.id)}
        empty={t('risk.models.noJobs')}
      />
    </Panel>
  );
}
