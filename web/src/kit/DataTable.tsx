import { useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format';

export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  align?: 'start' | 'end';
  /** Hidden on narrow screens (tablets in portrait). */
  optional?: boolean;
}

/** A search box over the table's rows: `label` names it (already translated), `text` is what a row can be found by. */
export interface TableFilter<Row> {
  label: string;
  text: (row: Row) => string;
}

/** Text folded for searching: lower case, without diacritics, so "aduana" finds "Aduána" and "senal" "Señal". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Whether `text` holds every word of `query`, ignoring case and accents. An empty query matches everything. */
export function matchesSearch(text: string, query: string): boolean {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const folded = foldForSearch(text);
  return words.every((w) => folded.includes(w));
}

/**
 * A plain, accessible table: a caption, column headers, one row per item. Links inside cells carry the row's
 * action, so keyboard users tab from row to row. With `filter`, a search box above it narrows the rows as the user
 * types and says how many of them are shown.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  empty,
  busy = false,
  filter,
}: {
  caption: ReactNode;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  empty: ReactNode;
  busy?: boolean;
  filter?: TableFilter<Row>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const [query, setQuery] = useState('');
  const id = useId();
  const text = filter?.text;
  const shown = useMemo(
    () => (text && query.trim() ? rows.filter((row) => matchesSearch(text(row), query)) : rows),
    [rows, text, query],
  );
  const emptyText =
    rows.length > 0 && shown.length === 0 ? t('tableFilter.noMatch', { query: query.trim() }) : empty;
  return (
    <>
      {filter ? (
        <div className="table-filter" role="search" aria-label={filter.label}>
          <div className="field">
            <label htmlFor={`${id}-query`}>{filter.label}</label>
            <input
              id={`${id}-query`}
              type="search"
              autoComplete="off"
              spellCheck={false}
              value={query}
              aria-controls={`${id}-table`}
              aria-describedby={`${id}-count`}
              onChange={(e) => setQuery(e.target.value)}
            />
          </div>
          <p id={`${id}-count`} className="table-filter-count" aria-live="polite">
            {t('tableFilter.shown', { shown: f.integer(shown.length), total: f.integer(rows.length) })}
          </p>
        </div>
      ) : null}
      <div className="table-wrap">
        <table id={`${id}-table`} className="data-table" aria-busy={busy || undefined}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={`${c.align === 'end' ? 'num' : ''}${c.optional ? ' optional' : ''}`}
                >
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="empty">
                  {emptyText}
                </td>
              </tr>
            ) : (
              shown.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((c) => (
                    <td
                      key={c.key}
                      className={`${c.align === 'end' ? 'num' : ''}${c.optional ? ' optional' : ''}`}
                    >
                      {c.cell(row)}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
