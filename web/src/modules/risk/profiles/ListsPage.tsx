import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Loading, ProblemAlert } from '../../../kit/Alert';
import { Button } from '../../../kit/Button';
import { DataTable } from '../../../kit/DataTable';
import { Panel } from '../../../kit/Panel';
import { useFormat } from '../../../i18n/format';
import { useCanWriteRules } from './access';
import { useLists, type ListSummary } from './api';
import { ListForm } from './ListForm';

/** The named lists criteria refer to (parties, HS codes, routes…), searchable, and a form to add one. */
export default function ListsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const lists = useLists();
  const canWrite = useCanWriteRules();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('risk.lists.title')}</h1>
        <p className="subtitle">{t('risk.lists.subtitle')}</p>
        {canWrite && !creating ? (
          <Button tone="primary" onClick={() => setCreating(true)}>
            {t('risk.lists.new')}
          </Button>
        ) : null}
      </div>
      {creating ? (
        <Panel title={t('risk.lists.new')}>
          <ListForm onSaved={(saved) => void navigate(`/risk/lists/${saved.name}`)} />
        </Panel>
      ) : null}
      <ProblemAlert error={lists.error} />
      {lists.isPending ? <Loading /> : null}
      {lists.data ? (
        <DataTable<ListSummary>
          caption={t('risk.lists.title')}
          rows={lists.data}
          rowKey={(l) => l.id}
          empty={t('risk.lists.empty')}
          filter={{
            label: t('risk.lists.filter'),
            text: (l) =>
              [l.name, l.kind, t(`risk.lists.kind.${l.kind}`, { defaultValue: l.kind }), l.description].join(
                ' ',
              ),
          }}
          columns={[
            {
              key: 'name',
              header: t('risk.lists.name'),
              cell: (l) => <Link to={`/risk/lists/${l.name}`}>{l.name}</Link>,
            },
            {
              key: 'kind',
              header: t('risk.lists.kindHeader'),
              cell: (l) => t(`risk.lists.kind.${l.kind}`, { defaultValue: l.kind }),
            },
            {
              key: 'description',
              header: t('risk.lists.description'),
              cell: (l) => l.description,
              optional: true,
            },
            {
              key: 'entries',
              header: t('risk.lists.entries'),
              cell: (l) => f.integer(l.entryCount),
              align: 'end',
            },
            {
              key: 'version',
              header: t('risk.lists.version'),
              cell: (l) => f.integer(l.version),
              align: 'end',
            },
            {
              key: 'updated',
              header: t('risk.lists.updated'),
              cell: (l) => f.dateTime(l.updatedAt),
              optional: true,
            },
          ]}
        />
      ) : null}
    </div>
  );
}
