import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Loading, ProblemAlert } from '../../kit/Alert';
import { useFormat } from '../../i18n/format';
import { declarationKeys, useQueue } from './api';

const RECENT = 15;

/** The trader's latest notifications (WCO function codes) across its most recent declarations, newest first. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const recent = useQueue({ sort: '-lodgedAt', limit: RECENT, offset: 0 });
  const declarations = recent.data?.items ?? [];
  const notes = useQueries({
    queries: declarations.map((d) => ({
      queryKey: declarationKeys.notifications(d.id),
      queryFn: async () =>
        unwrap(await api.GET('/api/v1/declarations/{id}/notifications', { params: { path: { id: d.id } } })),
    })),
  });
  const loading = recent.isPending || notes.some((n) => n.isPending);
  const rows = declarations
    .flatMap((d, i) => (notes[i]?.data ?? []).map((n) => ({ ...n, declaration: d })))
    .sort((a, b) => b.issuedAt.localeCompare(a.issuedAt) || b.id - a.id);
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('notifications.title')}</h1>
        <p className="subtitle">{t('notifications.scope', { count: RECENT })}</p>
      </div>
      <ProblemAlert error={recent.error} />
      {loading ? <Loading /> : null}
      {!loading && rows.length === 0 ? <p>{t('notifications.empty')}</p> : null}
      <ol className="notifications feed">
        {rows.map((n) => (
          <li key={`${n.declaration.id}-${n.id}`} className={`notification kind-${n.kind}`}>
            <span className="code mono">{n.functionCode}</span>
            <span className="title">{t(`api:notification.${n.kind}`)}</span>
            <Link to={`/declarations/${n.declaration.id}`}>{n.declaration.lrn}</Link>
            <time dateTime={n.issuedAt}>{f.dateTime(n.issuedAt)}</time>
          </li>
        ))}
      </ol>
    </div>
  );
}
