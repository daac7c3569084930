import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DeclarationSummary } from '../../../api/types';
import { ChannelBadge, StatusBadge } from '../../../kit/Badges';
import { DataTable, type Column } from '../../../kit/DataTable';
import { useFormat } from '../../../i18n/format';

/** Declarations as rows; the LRN links to the declaration page. */
export function QueueTable({
  rows,
  busy,
  showDeclarant,
}: {
  rows: DeclarationSummary[];
  busy: boolean;
  showDeclarant: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const columns: Column<DeclarationSummary>[] = [
    {
      key: 'lrn',
      header: t('declaration.lrn'),
      cell: (d) => (
        <Link to={`/declarations/${d.id}`} className="row-link">
          {d.lrn}
        </Link>
      ),
    },
    { key: 'lodgedAt', header: t('declaration.lodgedAt'), cell: (d) => f.dateTime(d.lodgedAt) },
    { key: 'office', header: t('declaration.office'), cell: (d) => d.office, optional: true },
    { key: 'status', header: t('declaration.status'), cell: (d) => <StatusBadge status={d.status} /> },
    { key: 'channel', header: t('declaration.channel'), cell: (d) => <ChannelBadge channel={d.channel} /> },
    ...(showDeclarant
      ? [
          {
            key: 'declarant',
            header: t('declaration.declarant'),
            cell: (d: DeclarationSummary) => d.declarantTin,
            optional: true,
          },
        ]
      : []),
    { key: 'importer', header: t('declaration.importer'), cell: (d) => d.importerTin ?? '—', optional: true },
    { key: 'hs', header: t('declaration.hsCodes'), cell: (d) => d.hsCodes.join(', '), optional: true },
    {
      key: 'value',
      header: t('declaration.value'),
      align: 'end',
      cell: (d) => f.money(d.totalValue, d.currency),
    },
  ];
  return (
    <DataTable
      caption={t('queue.caption')}
      columns={columns}
      rows={rows}
      rowKey={(d) => d.id}
      busy={busy}
      empty={t('queue.empty')}
    />
  );
}
