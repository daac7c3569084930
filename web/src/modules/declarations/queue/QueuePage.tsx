import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { usePrincipal } from '../../../auth/AuthProvider';
import { isCustoms } from '../../../auth/roles';
import { ProblemAlert } from '../../../kit/Alert';
import { Pagination } from '../../../kit/Pagination';
import { useFormat } from '../../../i18n/format';
import { useQueue } from '../api';
import { filtersFromSearch, filtersToSearch, toApiQuery, type QueueFilters } from './queueParams';
import { QueueFiltersBar } from './QueueFiltersBar';
import { QueueTable } from './QueueTable';

/**
 * The work queue (customs) or "my declarations" (trader): the API pages, filters and sorts, so the page stays quick
 * over any number of declarations; filters live in the URL.
 */
export default function QueuePage() {
  const { t } = useTranslation();
  const f = useFormat();
  const principal = usePrincipal();
  const customs = isCustoms(principal);
  const [params, setParams] = useSearchParams();
  // Filters live in the URL, but the page applies a change at once rather than after the router's (transition)
  // navigation, so the query starts in the same frame as the click.
  const search = params.toString();
  const [filters, setFilters] = useState(() => filtersFromSearch(params));
  useEffect(() => {
    const fromUrl = filtersFromSearch(new URLSearchParams(search));
    setFilters((current) =>
      filtersToSearch(current).toString() === filtersToSearch(fromUrl).toString() ? current : fromUrl,
    );
  }, [search]);
  const query = useMemo(() => toApiQuery(filters), [filters]);
  const queue = useQueue(query);
  // The next thing an officer does is open a declaration: fetch that page's code while the queue is idle.
  useEffect(() => {
    const idle = setTimeout(() => void import('../detail/DeclarationPage'), 500);
    return () => clearTimeout(idle);
  }, []);

  const update = useCallback(
    (next: Partial<QueueFilters>) => {
      const paging = 'offset' in next ? {} : { offset: 0 };
      const merged = { ...filters, ...next, ...paging };
      setFilters(merged);
      setParams(filtersToSearch(merged), { replace: true });
    },
    [filters, setParams],
  );

  return (
    <div className="page">
      <div className="page-header">
        <h1>{customs ? t('queue.title') : t('queue.mine')}</h1>
        {queue.data ? (
          <p className="count" aria-live="polite">
            {t('queue.total', { count: queue.data.total, formatted: f.integer(queue.data.total) })}
          </p>
        ) : null}
        {!customs ? (
          <Link className="btn btn-primary" to="/lodge">
            {t('nav.lodge')}
          </Link>
        ) : null}
      </div>
      <QueueFiltersBar filters={filters} onChange={update} showParty={customs} />
      <ProblemAlert error={queue.error} />
      <QueueTable rows={queue.data?.items ?? []} busy={queue.isFetching} showDeclarant={customs} />
      {queue.data ? (
        <Pagination
          offset={filters.offset}
          limit={filters.limit}
          total={queue.data.total}
          onOffset={(offset) => update({ offset })}
        />
      ) : null}
    </div>
  );
}
