import { useQueries } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { Loading, ProblemAlert } from '../../kit/Alert';
import { useFormat } from '../../i18n/format';
import { declarationKeys, useQueue } from './api';
import { NotificationFilterBar, notificationTitle } from './detail/NotificationFilterBar';
import {
  filterNotifications,
  notificationFiltersFromSearch,
  notificationFiltersToSearch,
  type NotificationFilters,
} from './notificationParams';

const RECENT = 15;

/**
 * The trader's latest notifications (WCO function codes) across its most recent declarations, newest first,
 * filtered by kind and LRN; the filters live in the URL, so a filtered feed can be bookmarked and shared.
 */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  // As on the queue: the page applies a change at once, and follows the URL when it changes from outside.
  const search = params.toString();
  const [filters, setFilters] = useState(() => notificationFiltersFromSearch(params));
  useEffect(() => {
    const fromUrl = notificationFiltersFromSearch(new URLSearchParams(search));
    setFilters((current) =>
      notificationFiltersToSearch(current).toString() === notificationFiltersToSearch(fromUrl).toString()
        ? current
        : fromUrl,
    );
  }, [search]);
  const update = useCallback(
    (next: Partial<NotificationFilters>) => {
      const merged = { ...filters, ...next };
      setFilters(merged);
      setParams(notificationFiltersToSearch(merged), { replace: true });
    },
    [filters, setParams],
  );

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
  const visible = filterNotifications(rows, filters);
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('notifications.title')}</h1>
        <p className="subtitle">{t('notifications.scope', { count: RECENT })}</p>
      </div>
      <NotificationFilterBar
        label={t('notifications.filters')}
        kinds={rows.map((n) => n.kind)}
        kind={filters.kind}
        onKind={(kind) => update({ kind })}
        textLabel={t('notifications.lrn')}
        text={filters.lrn}
        onText={(lrn) => update({ lrn })}
        onClear={() => update({ kind: '', lrn: '' })}
        shown={visible.length}
        total={rows.length}
      />
      <ProblemAlert error={recent.error} />
      {loading ? <Loading /> : null}
      {!loading && rows.length === 0 ? <p>{t('notifications.empty')}</p> : null}
      {!loading && rows.length > 0 && visible.length === 0 ? <p>{t('notifications.noMatch')}</p> : null}
      <ol className="notifications feed">
        {visible.map((n) => (
          <li key={`${n.declaration.id}-${n.id}`} className={`notification kind-${n.kind}`}>
            <span className="code mono">{n.functionCode}</span>
            <span className="title">{notificationTitle(t, n.kind)}</span>
            <Link to={`/declarations/${n.declaration.id}`}>{n.declaration.lrn}</Link>
            <time dateTime={n.issuedAt}>{f.dateTime(n.issuedAt)}</time>
          </li>
        ))}
      </ol>
    </div>
  );
}
