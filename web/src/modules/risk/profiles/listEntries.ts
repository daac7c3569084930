import type { ListBody, ListKind } from './api';

/** A list's entries as the analyst edits them: one per line; reference values as "HS value-per-kg". */
export function entriesText(list: ListBody): string {
  return list.kind === 'reference-values'
    ? list.entries.map((e) => `${e.hs} ${e.valuePerKg}`).join('\n')
    : list.entries.join('\n');
}

/** The list body for the API from the lines typed; the API judges each entry and names the line it refuses. */
export function listBodyOf(kind: ListKind, description: string, text: string): ListBody {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (kind === 'reference-values')
    return {
      kind,
      description,
      entries: lines.map((l) => {
        const [hs = '', value = ''] = l.split(/[\s;,]+/);
        return { hs, valuePerKg: Number(value) };
      }),
    };
  return { kind, description, entries: lines };
}

/** The form field an API field error of a list belongs to (`entries/3` → `entries`). */
export function placeListIssue(path: string): string {
  const head = path.split('/')[0] ?? '';
  return ['name', 'kind', 'description', 'entries'].includes(head) ? head : '';
}
