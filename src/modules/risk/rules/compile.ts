import type { FieldError } from '../../../platform/errors.js';
import {
  CRITERION_FIELDS,
  type Criterion,
  type CriterionField,
  type CriterionLeaf,
  type FieldKind,
  type ListKind,
} from './criteria.schema.js';
import type { FactValue, ItemFacts } from './facts.js';
import type { CompiledList } from './lists.js';

/** A criteria tree compiled against list versions: tests the declaration's fields with one goods item's. */
export type ItemPredicate = (declaration: ItemFacts['values'], item: ItemFacts['values']) => boolean;

export interface CompiledCriteria {
  test: ItemPredicate;
  /** Lists the criteria read (name → the version compiled in). */
  lists: Map<string, CompiledList>;
}

const OPS_BY_KIND: Record<FieldKind, readonly CriterionLeaf['op'][]> = {
  text: ['eq', 'ne', 'in', 'notIn', 'prefix', 'inList', 'notInList'],
  hs: ['eq', 'ne', 'in', 'notIn', 'prefix', 'inList', 'notInList'],
  number: ['eq', 'ne', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte', 'between'],
  boolean: ['eq', 'ne'],
  ratio: ['lt', 'lte', 'gt', 'gte', 'between'],
};

const PARTY_FIELDS = new Set<CriterionField>(['declarant', 'importer', 'exporter', 'carrier', 'seller']);
const COUNTRY_FIELDS = new Set<CriterionField>(['departureCountry', 'destinationCountry', 'originCountry']);

/** List kinds a field may be matched against. */
function listKindsFor(field: CriterionField): readonly ListKind[] {
  if (field === 'hsCode') return ['hs', 'values'];
  if (field === 'route') return ['routes', 'values'];
  if (field === 'container') return ['containers', 'values'];
  if (field === 'unitValueVsReference') return ['reference-values'];
  if (PARTY_FIELDS.has(field)) return ['parties', 'values'];
  if (COUNTRY_FIELDS.has(field)) return ['countries', 'values'];
  return ['values'];
}

const ITEM_FIELDS = new Set<CriterionField>([
  'hsCode',
  'originCountry',
  'seller',
  'procedureCode',
  'preferentialAgreement',
  'unitValuePerKg',
  'unitValueVsReference',
  'taxRate',
  'netMassKg',
  'customsValue',
]);

export class CriteriaError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.pointer}: ${e.code}`).join('; '));
    this.name = 'CriteriaError';
  }
}

/**
 * Compiles criteria against the current list versions. Every problem (an operator the field does not take, a value of
 * the wrong type, an unknown list or one of the wrong kind) is reported with its JSON pointer, all at once.
 */
export function compileCriteria(
  criteria: Criterion,
  lists: ReadonlyMap<string, CompiledList>,
  pointer = '/criteria',
): CompiledCriteria {
  const errors: FieldError[] = [];
  const used = new Map<string, CompiledList>();
  const test = compileNode(criteria, pointer, lists, used, errors);
  if (errors.length > 0) throw new CriteriaError(errors);
  return { test, lists: used };
}

function compileNode(
  node: Criterion,
  pointer: string,
  lists: ReadonlyMap<string, CompiledList>,
  used: Map<string, CompiledList>,
  errors: FieldError[],
): ItemPredicate {
  if ('all' in node) {
    const parts = node.all.map((c, i) => compileNode(c, `${pointer}/all/${i}`, lists, used, errors));
    return (d, it) => parts.every((p) => p(d, it));
  }
  if ('any' in node) {
    const parts = node.any.map((c, i) => compileNode(c, `${pointer}/any/${i}`, lists, used, errors));
    return (d, it) => parts.some((p) => p(d, it));
  }
  if ('not' in node) {
    const inner = compileNode(node.not, `${pointer}/not`, lists, used, errors);
    return (d, it) => !inner(d, it);
  }
  return compileLeaf(node, pointer, lists, used, errors);
}

function compileLeaf(
  leaf: CriterionLeaf,
  pointer: string,
  lists: ReadonlyMap<string, CompiledList>,
  used: Map<string, CompiledList>,
  errors: FieldError[],
): ItemPredicate {
  const kind = CRITERION_FIELDS[leaf.field];
  const fail = (code: string, params: Record<string, string | number> = {}): ItemPredicate => {
    errors.push({ code, pointer, params: { field: leaf.field, op: leaf.op, ...params } });
    return () => false;
  };
  if (!OPS_BY_KIND[kind].includes(leaf.op)) return fail('RISK_CRITERION_OPERATOR');
  const read = (d: ItemFacts['values'], it: ItemFacts['values']): FactValue =>
    ITEM_FIELDS.has(leaf.field) ? it[leaf.field] : d[leaf.field];

  let list: CompiledList | undefined;
  if ('list' in leaf && leaf.list !== undefined) {
    list = lists.get(leaf.list);
    if (!list) return fail('RISK_LIST_UNKNOWN', { list: leaf.list });
    if (!listKindsFor(leaf.field).includes(list.kind))
      return fail('RISK_LIST_KIND', { list: leaf.list, kind: list.kind });
    used.set(list.name, list);
  } else if (kind === 'ratio') {
    return fail('RISK_CRITERION_NEEDS_REFERENCE');
  }

  const values = (v: FactValue): readonly (string | number | boolean)[] =>
    v === undefined ? [] : Array.isArray(v) ? (v as readonly string[]) : [v as string | number | boolean];

  if (kind === 'ratio') {
    const reference = list!;
    const ratio = (d: ItemFacts['values'], it: ItemFacts['values']): number | undefined => {
      const unit = it.unitValuePerKg;
      const hs = it.hsCode;
      if (typeof unit !== 'number' || typeof hs !== 'string') return undefined;
      const usual = reference.reference(hs);
      return usual === undefined ? undefined : unit / usual;
    };
    return numeric(leaf, ratio, fail);
  }

  switch (leaf.op) {
    case 'eq':
    case 'ne': {
      if (kind === 'number' && typeof leaf.value !== 'number') return fail('RISK_CRITERION_VALUE');
      if (kind === 'boolean' && typeof leaf.value !== 'boolean') return fail('RISK_CRITERION_VALUE');
      const want = kind === 'number' || kind === 'boolean' ? leaf.value : String(leaf.value).toUpperCase();
      const eq = (v: string | number | boolean) => (typeof v === 'string' ? v.toUpperCase() : v) === want;
      return leaf.op === 'eq'
        ? (d, it) => values(read(d, it)).some(eq)
        : (d, it) => !values(read(d, it)).some(eq);
    }
    case 'in':
    case 'notIn': {
      if (kind === 'number' && leaf.value.some((v) => typeof v !== 'number'))
        return fail('RISK_CRITERION_VALUE');
      const set = new Set(leaf.value.map((v) => (typeof v === 'string' ? v.toUpperCase() : v)));
      const has = (v: string | number | boolean) => set.has(typeof v === 'string' ? v.toUpperCase() : v);
      return leaf.op === 'in'
        ? (d, it) => values(read(d, it)).some(has)
        : (d, it) => !values(read(d, it)).some(has);
    }
    case 'prefix': {
      const prefixes = (Array.isArray(leaf.value) ? leaf.value : [leaf.value]).map((p) => p.toUpperCase());
      return (d, it) =>
        values(read(d, it)).some(
          (v) => typeof v === 'string' && prefixes.some((p) => v.toUpperCase().startsWith(p)),
        );
    }
    case 'inList':
    case 'notInList': {
      const l = list!;
      const has = (v: string | number | boolean) => l.has(String(v));
      return leaf.op === 'inList'
        ? (d, it) => values(read(d, it)).some(has)
        : (d, it) => !values(read(d, it)).some(has);
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
    case 'between':
      return numeric(
        leaf,
        (d, it) => {
          const v = read(d, it);
          return typeof v === 'number' ? v : undefined;
        },
        fail,
      );
  }
}

function numeric(
  leaf: CriterionLeaf,
  read: (d: ItemFacts['values'], it: ItemFacts['values']) => number | undefined,
  fail: (code: string) => ItemPredicate,
): ItemPredicate {
  const check = (x: number): boolean => {
    switch (leaf.op) {
      case 'lt':
        return x < leaf.value;
      case 'lte':
        return x <= leaf.value;
      case 'gt':
        return x > leaf.value;
      case 'gte':
        return x >= leaf.value;
      case 'between':
        return x >= leaf.value[0] && x <= leaf.value[1];
      case 'eq':
      case 'ne':
      case 'in':
      case 'notIn':
      case 'prefix':
      case 'inList':
      case 'notInList':
        return false;
    }
  };
  if (!['lt', 'lte', 'gt', 'gte', 'between'].includes(leaf.op)) return fail('RISK_CRITERION_OPERATOR');
  return (d, it) => {
    const x = read(d, it);
    return x !== undefined && Number.isFinite(x) && check(x);
  };
}
