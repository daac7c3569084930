import type { FieldIssue } from '../../../api/client';
import { DeclarationInputSchema } from '../shared';

/**
 * zod issue code → the API's field error code. The platform maps schema failures the same way
 * (src/platform/http/problem.ts); a contract test lodges the same documents on both sides and compares.
 */
export const ZOD_CODES: Record<string, string> = {
  invalid_type: 'FIELD_INVALID_TYPE',
  too_small: 'FIELD_TOO_SMALL',
  too_big: 'FIELD_TOO_BIG',
  invalid_format: 'FIELD_INVALID_FORMAT',
  invalid_value: 'FIELD_INVALID_VALUE',
  unrecognized_keys: 'FIELD_UNKNOWN',
  invalid_union: 'FIELD_INVALID_VALUE',
  custom: 'FIELD_INVALID_VALUE',
};

/** Structure errors of a submission, with the API's codes and JSON pointers, checked in the browser at each keystroke. */
export function structuralIssues(submission: unknown): FieldIssue[] {
  const result = DeclarationInputSchema.safeParse(submission);
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const keys = 'keys' in issue && Array.isArray(issue.keys) ? issue.keys : [];
    const base = issue.path.length ? `/${issue.path.join('/')}` : '';
    const pointer = `${base}${keys.length ? `/${keys[0]}` : ''}` || '/';
    return {
      code: ZOD_CODES[issue.code] ?? 'FIELD_INVALID_VALUE',
      pointer,
      params: { detail: issue.message },
    };
  });
}

/** Groups issues by pointer, for fields to find their own. */
export function byPointer(issues: FieldIssue[]): Map<string, FieldIssue[]> {
  const map = new Map<string, FieldIssue[]>();
  for (const issue of issues) map.set(issue.pointer, [...(map.get(issue.pointer) ?? []), issue]);
  return map;
}
