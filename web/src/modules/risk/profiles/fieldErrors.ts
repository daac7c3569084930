import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, type FieldIssue } from '../../../api/client';

/** Where a field error belongs on a form: its pointer without the body's wrapper (`/profile/action/percent` → `action/percent`). */
export function fieldOf(pointer: string, wrapper: string): string {
  const parts = pointer.split('/').filter(Boolean);
  if (parts[0] === 'body') parts.shift();
  if (parts[0] === wrapper) parts.shift();
  return parts.join('/');
}

/** The API's own words for a field error (in the user's language), else the catalogue's. */
export function useIssueMessage() {
  const { t, i18n } = useTranslation();
  return useCallback(
    (issue: FieldIssue) =>
      issue.messages?.[i18n.language] ??
      issue.messages?.en ??
      t(`api:error.${issue.code}`, { ...(issue.params ?? {}), defaultValue: issue.code }),
    [t, i18n.language],
  );
}

/**
 * The field errors of a refusal, grouped by the form field they belong to. `place` maps a field path (e.g.
 * `criteria/all/0`) to the form's field name; errors of no known field go under `''`.
 */
export function useFieldErrors(error: unknown, wrapper: string, place: (path: string) => string) {
  const message = useIssueMessage();
  const out = new Map<string, string[]>();
  if (!(error instanceof ApiProblem)) return out;
  for (const issue of error.errors) {
    const field = place(fieldOf(issue.pointer, wrapper));
    out.set(field, [...(out.get(field) ?? []), message(issue)]);
  }
  return out;
}

/** Whether a refusal is only about fields (shown at them), not something to say above the form. */
export const onlyFieldErrors = (error: unknown) => error instanceof ApiProblem && error.errors.length > 0;
