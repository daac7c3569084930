import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading, ProblemAlert } from '../../../kit/Alert';
import { Button } from '../../../kit/Button';
import { DataTable } from '../../../kit/DataTable';
import { Facts, Panel } from '../../../kit/Panel';
import { useFormat } from '../../../i18n/format';
import { useCanWriteRules } from './access';
import { useList, type ListBody, type ListDetail } from './api';
import { ListForm } from './ListForm';
import { entriesText } from './listEntries';

type Version = ListDetail['versions'][number];

/** One named list: its entries, every version, and (for analysts) its editor. */
export default function ListPage() {
  const { name = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const list = useList(name);
  const canWrite = useCanWriteRules();
  const [editing, setEditing] = useState(false);
  if (list.isPending) return <Loading />;
  if (list.error || !list.data) return <ProblemAlert error={list.error} />;
  const detail = list.data;
  const entries = entriesText(detail.list as ListBody)
    .split('\n')
    .filter(Boolean);
  return (
    <div className="page">
      <div className="page-header">
        <p>
          <Link to="/risk/lists">{t('risk.lists.back')}</Link>
        </p>
        <h1 className="mono">{detail.name}</h1>
        <p className="subtitle">{t(`risk.lists.kind.${detail.kind}`, { defaultValue: detail.kind })}</p>
        {canWrite && !editing ? (
          <Button tone="primary" onClick={() => setEditing(true)}>
            {t('risk.lists.edit')}
          </Button>
        ) : null}
      </div>
      {editing ? (
        <Panel title={t('risk.lists.edit')}>
          <ListForm key={detail.version} list={detail} onSaved={() => setEditing(false)} />
        </Panel>
      ) : null}
      <Panel title={t('risk.lists.entries')}>
        <Facts
          items={[
            { key: 'version', label: t('risk.lists.version'), value: f.integer(detail.version) },
            { key: 'description', label: t('risk.lists.description'), value: detail.description || '—' },
            { key: 'count', label: t('risk.lists.entries'), value: f.integer(detail.entryCount) },
          ]}
        />
        {entries.length ? (
          <ul className="risk-list-entries mono">
            {entries.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : (
          <p>{t('risk.lists.noEntries')}</p>
        )}
      </Panel>
      <Panel title={t('risk.lists.versions')}>
        <DataTable<Version>
          caption={t('risk.lists.versions')}
          rows={[...detail.versions].sort((a, b) => b.version - a.version)}
          rowKey={(v) => String(v.version)}
          empty={t('risk.lists.noEntries')}
          columns={[
            { key: 'version', header: t('risk.lists.version'), cell: (v) => f.integer(v.version) },
            { key: 'by', header: t('risk.profiles.by'), cell: (v) => v.createdBy },
            { key: 'at', header: t('risk.profiles.at'), cell: (v) => f.dateTime(v.createdAt) },
            { key: 'note', header: t('risk.profiles.note'), cell: (v) => v.note ?? '' },
          ]}
        />
      </Panel>
    </div>
  );
}
