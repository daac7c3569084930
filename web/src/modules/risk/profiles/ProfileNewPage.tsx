import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Panel } from '../../../kit/Panel';
import { useDryRun } from './api';
import { DryRunPanel } from './DryRunPanel';
import { ProfileForm } from './ProfileForm';

/** A new risk profile: the form, and a dry run of the draft before it is saved. */
export default function ProfileNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const dryRun = useDryRun();
  return (
    <div className="page">
      <div className="page-header">
        <p>
          <Link to="/risk/profiles">{t('risk.profiles.back')}</Link>
        </p>
        <h1>{t('risk.profiles.new')}</h1>
      </div>
      <Panel title={t('risk.profiles.newTitle')}>
        <ProfileForm
          onSaved={(saved) => void navigate(`/risk/profiles/${saved.id}`)}
          onDryRun={(profile) => dryRun.mutate({ profile, days: 30, sampleSize: 50 })}
        />
      </Panel>
      {dryRun.data || dryRun.error || dryRun.isPending ? (
        <DryRunPanel result={dryRun.data} error={dryRun.error} running={dryRun.isPending} />
      ) : null}
    </div>
  );
}
