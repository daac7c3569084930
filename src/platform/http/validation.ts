import type { FastifySchemaCompiler } from 'fastify';
import * as z from 'zod';
import { safeParse, type $ZodIssue, type $ZodType } from 'zod/v4/core';
import type { FieldError } from '../errors.js';
import { LANGUAGES, translator, type Language } from '../i18n/i18n.js';

/** The mark fastify-type-provider-zod gives its validation errors (so `hasZodFastifySchemaValidationErrors` holds). */
const ZOD_VALIDATION_ERROR = Symbol.for('ZodFastifySchemaValidationError');

/** zod's own wording of an issue, in each language the platform speaks. */
const ZOD_LOCALES: Record<Language, { localeError: z.core.$ZodErrorMap }> = {
  en: z.locales.en(),
  es: z.locales.es(),
};

/** A refinement's message that is a stable code (`INSTANT_OUT_OF_RANGE`) rather than prose. */
const STABLE_CODE = /^[A-Z][A-Z0-9_]+$/;

/**
 * The route validator: zod with the offending input kept on each issue, so that a refusal can show the value and
 * zod can word the issue in Spanish as well as English (it needs the input to say what it received).
 */
export const validatorCompiler: FastifySchemaCompiler<$ZodType> =
  ({ schema }) =>
  (data) => {
    const result = safeParse(schema, data, { reportInput: true });
    if (!result.error) return { value: result.data };
    return {
      error: result.error.issues.map((issue) => {
        const { path, code, message, ...params } = issue;
        return {
          [ZOD_VALIDATION_ERROR]: true,
          keyword: code,
          instancePath: `/${path.join('/')}`,
          schemaPath: `#/${path.join('/')}/${code}`,
          message,
          params: { ...params, issue },
        };
      }) as unknown as Error,
    };
  };

/** The input a refusal shows as the value: a scalar, a long text cut short; never a whole object. */
function shownValue(input: unknown): string | number | boolean | undefined {
  if (typeof input === 'string') return input.length > 200 ? `${input.slice(0, 200)}…` : input;
  if (typeof input === 'number' || typeof input === 'boolean') return input;
  return undefined;
}

/**
 * What a zod issue says, per language: a stable code through the catalogue (`detail.<CODE>`), zod's own wording
 * where the schema left it at zod's, and a schema's own prose as written.
 */
function detailsOf(issue: $ZodIssue): Record<Language, string> {
  const out = {} as Record<Language, string>;
  const ownWording = issue.message !== ZOD_LOCALES.en.localeError(issue as never);
  for (const lang of LANGUAGES) {
    if (STABLE_CODE.test(issue.message))
      out[lang] = translator(lang)(`detail.${issue.message}`, { defaultValue: issue.message });
    else if (ownWording) out[lang] = issue.message;
    else {
      const worded = ZOD_LOCALES[lang].localeError(issue as never);
      out[lang] = typeof worded === 'string' ? worded : (worded?.message ?? issue.message);
    }
  }
  return out;
}

/** A field error's `detail` from the catalogue (`detail.<CODE>`), worded in every language. */
export function catalogueDetail(code: string): Pick<FieldError, 'params' | 'localizedParams'> {
  const worded = (l: Language) => translator(l)(`detail.${code}`, { defaultValue: code });
  return {
    params: { detail: worded('en') },
    localizedParams: Object.fromEntries(LANGUAGES.map((l) => [l, { detail: worded(l) }])),
  };
}

/** The value and the per-language detail of a validation error's issue, for its field error. */
export function issueDetails(params: unknown): Pick<FieldError, 'value' | 'params' | 'localizedParams'> {
  const issue = (params as { issue?: $ZodIssue } | undefined)?.issue;
  if (!issue) return { params: { detail: '' } };
  const details = detailsOf(issue);
  const value = shownValue(issue.input);
  return {
    ...(value === undefined ? {} : { value }),
    params: { detail: details.en },
    localizedParams: Object.fromEntries(LANGUAGES.map((l) => [l, { detail: details[l] }])),
  };
}
