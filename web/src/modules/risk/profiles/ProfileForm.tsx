import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, ProblemAlert } from '../../../kit/Alert';
import { Button } from '../../../kit/Button';
import { SelectField, TextAreaField, TextField } from '../../../kit/Field';
import { CHANNELS, PROFILE_STATUSES, useSaveProfile, type ProfileBody, type ProfileDetail } from './api';
import { onlyFieldErrors, useFieldErrors } from './fieldErrors';
import { bodyOf, draftOf, placeProfileIssue, type ProfileDraft } from './profileDraft';

/**
 * Create a profile, or edit one (saving writes a new version). The criteria tree is edited as JSON; the API judges
 * the whole profile, and its field errors are shown at their fields in its own words.
 */
export function ProfileForm({
  profile,
  id,
  baseVersion,
  onSaved,
  onDryRun,
}: {
  profile?: ProfileBody;
  id?: string;
  baseVersion?: number;
  onSaved: (saved: ProfileDetail) => void;
  onDryRun: (body: ProfileBody) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ProfileDraft>(() => draftOf(profile));
  const [badJson, setBadJson] = useState(false);
  const [note, setNote] = useState('');
  const save = useSaveProfile(id);
  const errors = useFieldErrors(save.error, 'profile', (path) =>
    path === 'note' ? 'note' : placeProfileIssue(path),
  );
  const at = (field: string) => errors.get(field);
  const set = (patch: Partial<ProfileDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const body = (): ProfileBody | null => {
    const b = bodyOf(draft);
    setBadJson(b === null);
    return b;
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const b = body();
    if (b)
      save.mutate(
        {
          profile: b,
          ...(baseVersion ? { baseVersion } : {}),
          ...(note.trim() ? { note: note.trim() } : {}),
        },
        { onSuccess: onSaved },
      );
  };
  const criteriaErrors = [
    ...(badJson ? [t('risk.profiles.form.criteriaNotJson')] : []),
    ...(at('criteria') ?? []),
  ];
  return (
    <form className="form risk-profile-form" onSubmit={submit} noValidate>
      <TextField
        label={t('risk.profiles.form.name')}
        required
        value={draft.name}
        errors={at('name')}
        onChange={(e) => set({ name: e.target.value })}
      />
      <TextAreaField
        label={t('risk.profiles.form.reason')}
        hint={t('risk.profiles.form.reasonHint')}
        required
        rows={2}
        value={draft.reason}
        errors={at('reason')}
        onChange={(e) => set({ reason: e.target.value })}
      />
      <SelectField
        label={t('risk.profiles.form.status')}
        value={draft.status}
        errors={at('status')}
        options={PROFILE_STATUSES.map((s) => ({ value: s, label: t(`risk.profiles.status.${s}`) }))}
        onChange={(e) => set({ status: e.target.value as ProfileDraft['status'] })}
      />
      <TextField
        label={t('risk.profiles.form.offices')}
        hint={t('risk.profiles.form.officesHint')}
        value={draft.offices}
        errors={at('offices')}
        onChange={(e) => set({ offices: e.target.value })}
      />
      <SelectField
        label={t('risk.profiles.form.action')}
        value={draft.actionKind}
        errors={at('action')}
        options={[
          { value: 'channel', label: t('risk.profiles.form.actionChannel') },
          { value: 'score', label: t('risk.profiles.form.actionScore') },
        ]}
        onChange={(e) => set({ actionKind: e.target.value as ProfileDraft['actionKind'] })}
      />
      {draft.actionKind === 'channel' ? (
        <>
          <SelectField
            label={t('risk.profiles.form.channel')}
            value={draft.channel}
            errors={at('channel')}
            options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
            onChange={(e) => set({ channel: e.target.value as ProfileDraft['channel'] })}
          />
          <TextField
            label={t('risk.profiles.form.percent')}
            hint={t('risk.profiles.form.percentHint')}
            inputMode="decimal"
            value={draft.percent}
            errors={at('percent')}
            onChange={(e) => set({ percent: e.target.value })}
          />
        </>
      ) : (
        <TextField
          label={t('risk.profiles.form.scoreWeight')}
          hint={t('risk.profiles.form.scoreWeightHint')}
          inputMode="decimal"
          value={draft.scoreWeight}
          errors={at('scoreWeight')}
          onChange={(e) => set({ scoreWeight: e.target.value })}
        />
      )}
      <TextField
        label={t('risk.profiles.form.validFrom')}
        type="date"
        value={draft.validFrom}
        errors={at('validFrom')}
        onChange={(e) => set({ validFrom: e.target.value })}
      />
      <TextField
        label={t('risk.profiles.form.validTo')}
        type="date"
        value={draft.validTo}
        errors={at('validTo')}
        onChange={(e) => set({ validTo: e.target.value })}
      />
      <TextAreaField
        label={t('risk.profiles.form.criteria')}
        hint={t('risk.profiles.form.criteriaHint')}
        className="mono"
        rows={12}
        spellCheck={false}
        value={draft.criteria}
        errors={criteriaErrors.length ? criteriaErrors : undefined}
        onChange={(e) => set({ criteria: e.target.value })}
      />
      <TextField
        label={t('risk.profiles.form.note')}
        hint={t('risk.profiles.form.noteHint')}
        value={note}
        errors={at('note')}
        onChange={(e) => setNote(e.target.value)}
      />
      {errors.get('')?.map((m) => (
        <Alert key={m} tone="error">
          {m}
        </Alert>
      ))}
      {save.error && !onlyFieldErrors(save.error) ? <ProblemAlert error={save.error} /> : null}
      {save.isSuccess ? (
        <Alert tone="success">{t('risk.profiles.form.saved', { version: save.data.version })}</Alert>
      ) : null}
      <div className="form-actions">
        <Button tone="primary" type="submit" busy={save.isPending}>
          {id ? t('risk.profiles.form.saveVersion') : t('risk.profiles.form.create')}
        </Button>
        <Button
          onClick={() => {
            const b = body();
            if (b) onDryRun(b);
          }}
        >
          {t('risk.profiles.dryRun.runDraft')}
        </Button>
      </div>
    </form>
  );
}
