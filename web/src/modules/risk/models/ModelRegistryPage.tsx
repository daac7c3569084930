import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasAnyRole } from '../../../auth/roles';
import { usePrincipal } from '../../../auth/AuthProvider';
import { useFormat } from '../../../i18n/format';
import { Alert, Loading, ProblemAlert } from '../../../kit/Alert';
import { Button } from '../../../kit/Button';
import { DataTable, type Column } from '../../../kit/DataTable';
import { Panel } from '../../../kit/Panel';
import { useModelRegistry, type ModelVersion } from './api';
import { atBudget, headlineMetrics } from './metrics';
import { RegistryActionDialog, type Asking } from './RegistryActionDialog';
import { TrainingJobs } from './TrainingJobs';
import '../rates/rates.css';

/** The inspection budget (percent of declarations) at which precision and recall are quoted. */
const QUOTED_BUDGET = 5;

/**
 * The model registry: every version with its held-out figures, the one serving now, and — for analysts — promotion,
 * rollback and retraining with its progress. Supervisors read.
 */
export default function ModelRegistryPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const principal = usePrincipal();
  const analyst = hasAnyRole(principal, ['risk_analyst']);
  const registry = useModelRegistry();
  const [asking, setAsking] = useState<Asking | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const data = registry.data;
  const serving = data?.models.find((m) => m.id === data.activeModelId);
  const percent = (v: number | null | undefined) => (v === null || v === undefined ? '—' : f.percent(v));
  const columns: Column<ModelVersion>[] = [
    {
      key: 'version',
      header: t('risk.models.version'),
      cell: (m) => (
        <>
          {t('risk.models.versionNo', { id: m.id })}{' '}
          {m.id === data?.activeModelId ? (
            <span className="badge badge-serving">{t('risk.models.serving')}</span>
          ) : null}
        </>
      ),
    },
    {
      key: 'origin',
      header: t('risk.models.origin'),
      cell: (m) => t(`risk.models.origins.${m.origin}`, { defaultValue: m.origin }),
    },
    {
      key: 'created',
      header: t('risk.models.created'),
      cell: (m) => f.dateTime(m.createdAt),
      optional: true,
    },
    { key: 'by', header: t('risk.models.createdBy'), cell: (m) => m.createdBy, optional: true },
    {
      key: 'auc',
      header: t('risk.models.auc'),
      align: 'end',
      cell: (m) => {
        const h = headlineMetrics(m.metrics);
        return h?.auc === null || h === null ? '—' : f.number(h.auc);
      },
    },
    ...(['precision', 'recall', 'revenue'] as const).map((k): Column<ModelVersion> => ({
      key: k,
      header: t(`risk.models.${k}At`, { budget: f.integer(QUOTED_BUDGET) }),
      align: 'end',
      cell: (m) => {
        const h = headlineMetrics(m.metrics);
        return percent(h ? atBudget(h, QUOTED_BUDGET)?.figures[k] : null);
      },
    })),
    {
      key: 'rows',
      header: t('risk.models.heldOut'),
      align: 'end',
      optional: true,
      cell: (m) => {
        const h = headlineMetrics(m.metrics);
        return h
          ? t('risk.models.heldOutRows', { rows: f.integer(h.rows), frauds: f.integer(h.frauds) })
          : '—';
      },
    },
    ...(analyst
      ? [
          {
            key: 'actions',
            header: t('risk.models.actions'),
            cell: (m: ModelVersion) =>
              m.id === data?.activeModelId ? null : (
                <Button
                  aria-label={t('risk.models.promoteLabel', { id: m.id })}
                  onClick={() => setAsking({ kind: 'promote', modelId: m.id })}
                >
                  {t('risk.models.promote')}
                </Button>
              ),
          },
        ]
      : []),
  ];
  return (
    <div className="page risk-models">
      <div className="page-header">
        <h1>{t('risk.models.title')}</h1>
        <p className="subtitle">
          {serving
            ? t('risk.models.servingNow', { id: serving.id, date: f.dateTime(serving.createdAt) })
            : t('risk.models.noneServing')}
        </p>
        {analyst ? (
          <div className="form-actions">
            <Button
              tone="danger"
              disabled={!data || data.activations.length < 2}
              onClick={() => setAsking({ kind: 'rollback' })}
            >
              {t('risk.models.rollback')}
            </Button>
            <Button tone="primary" onClick={() => setAsking({ kind: 'retrain' })}>
              {t('risk.models.retrain')}
            </Button>
          </div>
        ) : null}
      </div>
      <ProblemAlert error={registry.error} />
      {done ? <Alert tone="success">{done}</Alert> : null}
      {!data ? (
        registry.error ? null : (
          <Loading />
        )
      ) : (
        <>
          <Panel title={t('risk.models.versions')}>
            <DataTable
              caption={t('risk.models.versions')}
              columns={columns}
              rows={data.models}
              rowKey={(m) => String(m.id)}
              empty={t('risk.models.empty')}
              filter={{
                label: t('risk.models.filter'),
                text: (m) => `${m.id} ${m.origin} ${m.createdBy} ${m.active ? t('risk.models.serving') : ''}`,
              }}
            />
          </Panel>
          <Panel title={t('risk.models.history')}>
            <DataTable
              caption={t('risk.models.history')}
              columns={[
                { key: 'at', header: t('risk.models.at'), cell: (a) => f.dateTime(a.at) },
                {
                  key: 'action',
                  header: t('risk.models.action'),
                  cell: (a) => t(`risk.models.activation.${a.action}`, { defaultValue: a.action }),
                },
                {
                  key: 'model',
                  header: t('risk.models.version'),
                  cell: (a) => t('risk.models.versionNo', { id: a.modelId }),
                },
                { key: 'by', header: t('risk.models.createdBy'), cell: (a) => a.by },
                { key: 'reason', header: t('risk.models.reason'), cell: (a) => a.reason ?? '—' },
              ]}
              rows={data.activations}
              rowKey={(a) => String(a.id)}
              empty={t('risk.models.noHistory')}
            />
          </Panel>
        </>
      )}
      <TrainingJobs />
      {asking ? (
        <RegistryActionDialog
          asking={asking}
          onClose={() => setAsking(null)}
          onDone={(message) => {
            setDone(message);
            setAsking(null);
          }}
        />
      ) : null}
    </div>
  );
}
