import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';
import { Button } from './Button';

/** Previous / next paging with "rows a–b of n"; the page size is chosen by the caller. */
export function Pagination({
  offset,
  limit,
  total,
  onOffset,
}: {
  offset: number;
  limit: number;
  total: number;
  onOffset: (offset: number) => void;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <Button onClick={() => onOffset(Math.max(0, offset - limit))} disabled={offset === 0}>
        {t('pagination.previous')}
      </Button>
      <span aria-live="polite">
        {t('pagination.range', { first: f.integer(first), last: f.integer(last), total: f.integer(total) })}
      </span>
      <Button onClick={() => onOffset(offset + limit)} disabled={last >= total}>
        {t('pagination.next')}
      </Button>
    </nav>
  );
}
