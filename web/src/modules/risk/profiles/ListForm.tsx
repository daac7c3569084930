import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, ProblemAlert } from '../../../kit/Alert';
import { Button } from '../../../kit/Button';
import { SelectField, TextAreaField, TextField } from '../../../kit/Field';
import { LIST_KINDS, useSaveList, type ListDetail, type ListKind } from './api';
import { onlyFieldErrors, useFieldErrors } from './fieldErrors';
import { entriesText, listBodyOf, placeListIssue } from './listEntries';

/**
 * Create a named list, or edit one's description and entries (a new version; its kind cannot change). The API's
 * field errors show at their fields in its own words.
 */
export function ListForm({ list, onSaved }: { list?: ListDetail; onSaved: (saved: ListDetail) => void }) {
  const { t } = useTranslation();
  const current = list?.list as Parameters<typeof entriesText>[0] | undefined;
  const [name, setName] = useState(list?.name ?? '');
  const [kind, setKind] = useState<ListKind>(current?.kind ?? 'parties');
  const [description, setDescription] = useState(current?.description ?? '');
  const [entries, setEntries] = useState(current ? entriesText(current) : '');
  const [note, setNote] = useState('');
  const save = useSaveList(!list);
  const fieldErrors = useFieldErrors(save.error, 'list', (path) =>
    path === 'note' || path === 'name' ? path : placeListIssue(path),
  );
  const at = (field: string) => fieldErrors.get(field);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        name,
        list: listBodyOf(kind, description, entries),
        ...(list ? { baseVersion: list.version } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      { onSuccess: onSaved },
    );
  };
  return (
    <form className="form risk-list-form" onSubmit={submit} noValidate>
      {list ? null : (
        <>
          <TextField
            label={t('risk.lists.form.name')}
            hint={t('risk.lists.form.nameHint')}
            required
            value={name}
            errors={at('name')}
            onChange={(e) => setName(e.target.value)}
          />
          <SelectField
            label={t('risk.lists.form.kind')}
            value={kind}
            errors={at('kind')}
            options={LIST_KINDS.map((k) => ({ value: k, label: t(`risk.lists.kind.${k}`) }))}
            onChange={(e) => setKind(e.target.value as ListKind)}
          />
        </>
      )}
      <TextField
        label={t('risk.lists.form.description')}
        value={description}
        errors={at('description')}
        onChange={(e) => setDescription(e.target.value)}
      />
      <TextAreaField
        label={t('risk.lists.form.entries')}
        hint={t(`risk.lists.entriesHint.${kind}`)}
        className="mono"
        rows={10}
        spellCheck={false}
        value={entries}
        errors={at('entries')}
        onChange={(e) => setEntries(e.target.value)}
      />
      <TextField
        label={t('risk.lists.form.note')}
        hint={t('risk.profiles.form.noteHint')}
        value={note}
        errors={at('note')}
        onChange={(e) => setNote(e.target.value)}
      />
      {fieldErrors.get('')?.map((m) => (
        <Alert key={m} tone="error">
          {m}
        </Alert>
      ))}
      {save.error && !onlyFieldErrors(save.error) ? <ProblemAlert error={save.error} /> : null}
      <div className="form-actions">
        <Button tone="primary" type="submit" busy={save.isPending}>
          {list ? t('risk.lists.form.saveVersion') : t('risk.lists.form.create')}
        </Button>
      </div>
    </form>
  );
}
