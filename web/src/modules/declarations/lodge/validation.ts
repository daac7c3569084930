import type { FieldIssue } from '../../../api/client';
import {
  DeclarationInputSchema,
  IMPORT_DATA_SETS,
  requiredItemElements,
  transportModeRequired,
  type ImportDataSet,
} from '../platform-model.js';

type DataSetOf = Parameters<typeof requiredItemElements>[0];

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

/**
 * Structure errors of a submission, with the API's codes and JSON pointers, checked in the browser at each keystroke,
 * and the elements its data set needs that it leaves out (`ELEMENT_REQUIRED`, as the API's rules report them).
 */
export function structuralIssues(submission: unknown): FieldIssue[] {
  const result = DeclarationInputSchema.safeParse(submission);
  const missing = missingElements(submission);
  if (result.success) return missing;
  return [...schemaIssues(result.error.issues), ...missing];
}

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Data-set elements left out (the API's business rules give the same codes and pointers). */
function missingElements(submission: unknown): FieldIssue[] {
  if (!isObject(submission)) return [];
  const { type, additionalType, dataSet } = submission;
  const d: DataSetOf = {
    type: type === 'export' || type === 'transit' ? type : 'import',
    ...(typeof additionalType === 'string' ? { additionalType } : {}),
    ...(IMPORT_DATA_SETS.includes(dataSet as ImportDataSet) ? { dataSet: dataSet as ImportDataSet } : {}),
  };
  const issues: FieldIssue[] = [];
  const required = (pointer: string, element: string) =>
    issues.push({ code: 'ELEMENT_REQUIRED', pointer, params: { element } });
  const transport = submission.transport;
  if (isObject(transport) && transport.mode === undefined && transportModeRequired(d))
    required('/transport/mode', 'mode');
  const items = Array.isArray(submission.goodsItems) ? submission.goodsItems : [];
  items.forEach((item, i) => {
    if (!isObject(item)) return;
    const valuation =
      item.valuation === 'spv' || item.valuation === 'statistical' ? item.valuation : undefined;
    for (const element of requiredItemElements(d, valuation ? { valuation } : {}))
      if (item[element] === undefined) required(`/goodsItems/${i}/${element}`, element);
    if (item.customsValue !== undefined && item.currency === undefined)
      required(`/goodsItems/${i}/currency`, 'currency');
  });
  return issues;
}

type SchemaIssues = NonNullable<ReturnType<typeof DeclarationInputSchema.safeParse>['error']>['issues'];

function schemaIssues(issues: SchemaIssues): FieldIssue[] {
  return issues.map((issue) => {
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
