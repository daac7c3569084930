import type { ListBody, ListKind } from './criteria.schema.js';

/** A named list at one version, ready for matching. */
export interface CompiledList {
  id: string;
  name: string;
  version: number;
  kind: ListKind;
  /** Whether a value belongs to the list (HS codes by prefix or range, routes with wildcards). */
  has(value: string): boolean;
  /** For reference-values lists: the usual value per kg of the most specific HS entry covering the code. */
  reference(hsCode: string): number | undefined;
}

function hsMatcher(entries: readonly string[]): (code: string) => boolean {
  const prefixes = entries.filter((e) => !e.includes('-'));
  const ranges = entries
    .filter((e) => e.includes('-'))
    .map((e) => {
      const [from = '', to = ''] = e.split('-');
      return { from, to };
    });
  return (code) =>
    prefixes.some((p) => code.startsWith(p)) ||
    ranges.some(({ from, to }) => {
      const a = code.slice(0, from.length);
      const b = code.slice(0, to.length);
      return a >= from && b <= to;
    });
}

function routeMatcher(entries: readonly string[]): (route: string) => boolean {
  const parsed = entries.map((e) => e.split('>') as [string, string]);
  return (route) => {
    const [from = '', to = ''] = route.split('>');
    return parsed.some(([f, t]) => (f === '*' || f === from) && (t === '*' || t === to));
  };
}

/** Compiles a list version for matching. */
export function compileList(id: string, name: string, version: number, body: ListBody): CompiledList {
  const base = { id, name, version, kind: body.kind };
  switch (body.kind) {
    case 'reference-values': {
      const byHs = new Map(body.entries.map((e) => [e.hs, e.valuePerKg]));
      return {
        ...base,
        has: (v) => byHs.has(v),
        reference(hsCode) {
          for (let len = hsCode.length; len >= 2; len--) {
            const value = byHs.get(hsCode.slice(0, len));
            if (value !== undefined) return value;
          }
          return undefined;
        },
      };
    }
    case 'hs':
      return { ...base, has: hsMatcher(body.entries), reference: () => undefined };
    case 'routes':
      return { ...base, has: routeMatcher(body.entries), reference: () => undefined };
    case 'parties':
    case 'countries':
    case 'containers':
    case 'values': {
      const set = new Set(body.entries.map((e) => e.toUpperCase()));
      return { ...base, has: (v) => set.has(v.toUpperCase()), reference: () => undefined };
    }
  }
}
