import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, postRaw } from '../../../api/client';
import type { DeclarationDetail } from '../../../api/types';
import { ProblemAlert } from '../../../kit/Alert';
import { Button } from '../../../kit/Button';
import { declarationKeys } from '../api';
import { errorsFirst, isWarning, useFieldLabel, useIssueText } from './issueText';

const MAX_BYTES = 2 * 1024 * 1024;

/**
 * Lodges a WCO DM declaration (DEC-DMS XML) by posting the file to the lodgement route as `application/xml`. Each
 * refusal is listed with the field, its WCO pointer path and the message that says how to fix it.
 */
export function XmlUpload({ onLodged }: { onLodged: (d: DeclarationDetail) => void }) {
  const { t } = useTranslation();
  const issueText = useIssueText();
  const fieldLabel = useFieldLabel();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const upload = useMutation({
    mutationFn: async (f: File) =>
      // The file's bytes, not `f.text()`: that would read a Latin-1 file as UTF-8 and garble its accents.
      (await postRaw('/api/v1/declarations', f, 'application/xml')) as DeclarationDetail,
    onSuccess: async (d) => {
      await queryClient.invalidateQueries({ queryKey: declarationKeys.all });
      onLodged(d);
    },
  });
  const problem = upload.error instanceof ApiProblem ? upload.error : null;
  return (
    <form
      className="xml-upload"
      onSubmit={(e) => {
        e.preventDefault();
        if (file && !tooLarge) upload.mutate(file);
      }}
    >
      <p>{t('xml.intro')}</p>
      <div className="field">
        <label htmlFor="xml-file">{t('xml.file')}</label>
        <input
          id="xml-file"
          type="file"
          accept=".xml,application/xml,text/xml"
          onChange={(e) => {
            const chosen = e.target.files?.[0] ?? null;
            setFile(chosen);
            setTooLarge(!!chosen && chosen.size > MAX_BYTES);
            upload.reset();
          }}
        />
        {tooLarge ? <p className="field-errors">{t('xml.tooLarge')}</p> : null}
      </div>
      <Button type="submit" tone="primary" busy={upload.isPending} disabled={!file || tooLarge}>
        {t('xml.submit')}
      </Button>
      {upload.error ? <ProblemAlert error={upload.error} /> : null}
      {problem?.errors.length ? (
        <ul className="xml-errors" aria-label={t('xml.errors')}>
          {errorsFirst(problem.errors).map((issue, i) => (
            <li key={`${issue.pointer}-${i}`} className={isWarning(issue) ? 'issue-warning' : undefined}>
              {isWarning(issue) ? <span className="issue-tag">{t('issue.warning')}</span> : null}
              <strong>{fieldLabel(issue.pointer)}</strong>
              {issue.wcoPath ? <span className="mono wco">{issue.wcoPath}</span> : null}
              <span>{issueText(issue)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </form>
  );
}
