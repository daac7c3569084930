import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading, ProblemAlert } from '../../../kit/Alert';
import { Button } from '../../../kit/Button';
import { DataTable } from '../../../kit/DataTable';
import { Facts, Panel } from '../../../kit/Panel';
import { useFormat } from '../../../i18n/format';
import { useCanWriteRules } from './access';
import { profileBodyOf, useDryRun, useProfile, type ProfileBody, type ProfileDetail } from './api';
import { CriteriaView } from './CriteriaView';
import { DryRunPanel } from './DryRunPanel';
import { ProfileForm } from './ProfileForm';
import { calendarDay, useActionText } from './profileText';

type Version = ProfileDetail['versions'][number];

/** One profile: what it does, its criteria in words, every version, a dry run, and (for analysts) its editor. */
export default function ProfilePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const f = useFormat();
  const profile = useProfile(id);
  const canWrite = useCanWriteRules();
  const actionText = useActionText();
  const dryRun = useDryRun();
  const [editing, setEditing] = useState(false);
  const [shown, setShown] = useState<number | null>(null);
  if (profile.isPending) return <Loading />;
  if (profile.error || !profile.data) return <ProblemAlert error={profile.error} />;
  const detail = profile.data;
  const version = detail.versions.find((v) => v.version === shown) ?? null;
  const body = profileBodyOf(version ?? detail);
  const runDraft = (draft: ProfileBody) => dryRun.mutate({ profile: draft, days: 30, sampleSize: 50 });
  return (
    <div className="page">
      <div className="page-header">
        <p>
          <Link to="/risk/profiles">{t('risk.profiles.back')}</Link>
        </p>
        <h1>{profileBodyOf(detail).name}</h1>
        <p className="subtitle">
          {t('risk.profiles.versionOf', {
            version: version?.version ?? detail.version,
            latest: detail.version,
          })}
        </p>
        {canWrite && !editing ? (
          <Button tone="primary" onClick={() => setEditing(true)}>
            {t('risk.profiles.edit')}
          </Button>
        ) : null}
      </div>
      {editing ? (
        <Panel title={t('risk.profiles.editTitle')}>
          <ProfileForm
            key={detail.version}
            id={detail.id}
            profile={profileBodyOf(detail)}
            baseVersion={detail.version}
            onSaved={() => {
              setEditing(false);
              setShown(null);
            }}
            onDryRun={runDraft}
          />
        </Panel>
      ) : null}
      <Panel title={t('risk.profiles.summary')}>
        <Facts
          items={[
            {
              key: 'status',
              label: t('risk.profiles.statusHeader'),
              value: t(`risk.profiles.status.${body.status ?? 'draft'}`),
            },
            { key: 'action', label: t('risk.profiles.action'), value: actionText(body.action) },
            {
              key: 'offices',
              label: t('risk.profiles.offices'),
              value: body.offices?.join(', ') || t('risk.profiles.allOffices'),
            },
            {
              key: 'from',
              label: t('risk.profiles.form.validFrom'),
              value: body.validFrom ? f.date(calendarDay(body.validFrom)) : '—',
            },
            {
              key: 'to',
              label: t('risk.profiles.form.validTo'),
              value: body.validTo ? f.date(calendarDay(body.validTo)) : '—',
            },
            { key: 'reason', label: t('risk.profiles.form.reason'), value: body.reason },
          ]}
        />
        <h3>{t('risk.profiles.form.criteria')}</h3>
        <CriteriaView criteria={body.criteria} />
      </Panel>
      <Panel title={t('risk.profiles.versions')}>
        <DataTable<Version>
          caption={t('risk.profiles.versions')}
          rows={[...detail.versions].sort((a, b) => b.version - a.version)}
          rowKey={(v) => String(v.version)}
          empty={t('risk.profiles.noVersions')}
          columns={[
            {
              key: 'version',
              header: t('risk.profiles.version'),
              cell: (v) => (
                <Button
                  tone="quiet"
                  aria-pressed={(version?.version ?? detail.version) === v.version}
                  onClick={() => setShown(v.version)}
                >
                  {t('risk.profiles.showVersion', { version: v.version })}
                </Button>
              ),
            },
            { key: 'by', header: t('risk.profiles.by'), cell: (v) => v.createdBy },
            { key: 'at', header: t('risk.profiles.at'), cell: (v) => f.dateTime(v.createdAt) },
            { key: 'note', header: t('risk.profiles.note'), cell: (v) => v.note ?? '' },
          ]}
        />
      </Panel>
      <DryRunPanel
        result={dryRun.data}
        error={dryRun.error}
        running={dryRun.isPending}
        onRun={(days) =>
          dryRun.mutate({
            profileId: detail.id,
            ...(version ? { version: version.version } : {}),
            days,
            sampleSize: 50,
          })
        }
      />
    </div>
  );
}
