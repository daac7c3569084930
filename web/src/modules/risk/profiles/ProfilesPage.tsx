import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading, ProblemAlert } from '../../../kit/Alert';
import { DataTable } from '../../../kit/DataTable';
import { useFormat } from '../../../i18n/format';
import { useCanWriteRules } from './access';
import { profileBodyOf, useProfiles, type ProfileRow } from './api';
import { calendarDay, useActionText } from './profileText';

/** The analyst's risk profiles at their current versions, searchable by name, channel, office and status. */
export default function ProfilesPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const profiles = useProfiles();
  const canWrite = useCanWriteRules();
  const actionText = useActionText();
  const validity = (row: ProfileRow) => {
    const p = profileBodyOf(row);
    if (!p.validFrom && !p.validTo) return t('risk.profiles.always');
    return `${p.validFrom ? f.date(calendarDay(p.validFrom)) : '…'} – ${p.validTo ? f.date(calendarDay(p.validTo)) : '…'}`;
  };
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('risk.profiles.title')}</h1>
        <p className="subtitle">{t('risk.profiles.subtitle')}</p>
        {canWrite ? (
          <Link className="btn btn-primary" to="/risk/profiles/new">
            {t('risk.profiles.new')}
          </Link>
        ) : null}
      </div>
      <ProblemAlert error={profiles.error} />
      {profiles.isPending ? <Loading /> : null}
      {profiles.data ? (
        <DataTable<ProfileRow>
          caption={t('risk.profiles.title')}
          rows={profiles.data}
          rowKey={(r) => r.id}
          empty={t('risk.profiles.empty')}
          filter={{
            label: t('risk.profiles.filter'),
            text: (r) => {
              const p = profileBodyOf(r);
              return [
                p.name,
                p.reason,
                p.status,
                t(`risk.profiles.status.${p.status}`),
                actionText(p.action),
                ...(p.offices ?? []),
              ].join(' ');
            },
          }}
          columns={[
            {
              key: 'name',
              header: t('risk.profiles.name'),
              cell: (r) => <Link to={`/risk/profiles/${r.id}`}>{profileBodyOf(r).name}</Link>,
            },
            {
              key: 'action',
              header: t('risk.profiles.action'),
              cell: (r) => actionText(profileBodyOf(r).action),
            },
            {
              key: 'offices',
              header: t('risk.profiles.offices'),
              cell: (r) => profileBodyOf(r).offices?.join(', ') || t('risk.profiles.allOffices'),
              optional: true,
            },
            { key: 'validity', header: t('risk.profiles.validity'), cell: validity },
            {
              key: 'version',
              header: t('risk.profiles.version'),
              cell: (r) => f.integer(r.version),
              align: 'end',
            },
            {
              key: 'status',
              header: t('risk.profiles.statusHeader'),
              cell: (r) => t(`risk.profiles.status.${profileBodyOf(r).status ?? 'draft'}`),
            },
          ]}
        />
      ) : null}
    </div>
  );
}
