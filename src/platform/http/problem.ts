import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isConnectionError } from '../database/database.js';
import { DomainError, httpStatusFor, type FieldError } from '../errors.js';
import { LANGUAGES, pickLanguage, translator, type Language } from '../i18n/i18n.js';
import { issueDetails } from './validation.js';

/** A field error as rendered: the coded error plus its element name and readable messages. */
export interface RenderedFieldError extends FieldError {
  message: string;
  messages: Record<string, string>;
}

/** RFC 9457 problem details, with Aduana's stable `code` and field errors. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  instance: string;
  requestId: string;
  errors?: RenderedFieldError[];
  [extra: string]: unknown;
}

/** Maps a JSON pointer in a request body to a WCO DM pointer path, when the route knows one. */
export type WcoPathResolver = (pointer: string) => string | undefined;

declare module 'fastify' {
  interface FastifyContextConfig {
    wcoPaths?: WcoPathResolver;
  }
}

const ZOD_CODES: Record<string, string> = {
  invalid_type: 'FIELD_INVALID_TYPE',
  too_small: 'FIELD_TOO_SMALL',
  too_big: 'FIELD_TOO_BIG',
  invalid_format: 'FIELD_INVALID_FORMAT',
  invalid_value: 'FIELD_INVALID_VALUE',
  unrecognized_keys: 'FIELD_UNKNOWN',
  invalid_union: 'FIELD_INVALID_VALUE',
  custom: 'FIELD_INVALID_VALUE',
};

function displayValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Field errors with their element messages in the request's language and in every language. */
export function renderFieldErrors(
  errors: FieldError[],
  lang: ReturnType<typeof pickLanguage>,
): RenderedFieldError[] {
  return errors.map(({ localizedParams, ...e }) => {
    const params = {
      pointer: e.pointer,
      value: displayValue(e.value),
      ...(e.params ?? {}),
    };
    const messages = Object.fromEntries(
      LANGUAGES.map((l) => [l, translator(l)(`error.${e.code}`, { ...params, ...localizedParams?.[l] })]),
    ) as Record<Language, string>;
    // `params` in the request's language, for a client that words the message itself (the console does).
    const own = localizedParams?.[lang];
    return { ...e, ...(own ? { params: { ...e.params, ...own } } : {}), message: messages[lang], messages };
  });
}

/** Builds the problem document for any error thrown while serving a request. */
export function toProblem(
  err: unknown,
  request: FastifyRequest,
): { problem: Problem; headers: Record<string, string> } {
  const lang = pickLanguage(request.headers['accept-language']);
  const t = translator(lang);
  const headers: Record<string, string> = {};
  let code = 'INTERNAL_ERROR';
  let status = 500;
  let fieldErrors: FieldError[] | undefined;
  let detail: string | undefined;
  let extra: Record<string, unknown> = {};
  let params: Record<string, string | number> = {};

  if (err instanceof DomainError) {
    code = err.code;
    status = httpStatusFor(code);
    fieldErrors = err.details.errors;
    params = err.details.params ?? {};
    extra = err.details.extra ?? {};
  } else if (hasZodFastifySchemaValidationErrors(err)) {
    code = err.validationContext === 'body' ? 'VALIDATION_FAILED' : 'BAD_REQUEST';
    status = err.validationContext === 'body' ? 422 : 400;
    const resolve = request.routeOptions.config.wcoPaths;
    fieldErrors = err.validation.map((v) => {
      const base = err.validationContext === 'body' ? '' : `/${err.validationContext ?? 'request'}`;
      const keys = (v.params as { keys?: string[] }).keys;
      const pointer =
        `${base}${v.instancePath === '/' ? '' : v.instancePath}${keys?.length ? `/${keys[0]}` : ''}` || '/';
      const wcoPath = err.validationContext === 'body' ? resolve?.(pointer) : undefined;
      const fe: FieldError = {
        code: ZOD_CODES[v.keyword] ?? 'FIELD_INVALID_VALUE',
        pointer,
        ...issueDetails(v.params),
      };
      if (wcoPath) fe.wcoPath = wcoPath;
      return fe;
    });
  } else if (isConnectionError(err)) {
    code = 'DATABASE_UNAVAILABLE';
    status = 503;
    headers['retry-after'] = '5';
  } else {
    const fe = err as FastifyError;
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') code = 'BODY_TOO_LARGE';
    else if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') code = 'UNSUPPORTED_MEDIA_TYPE';
    else if (
      fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      err instanceof SyntaxError
    )
      code = 'MALFORMED_BODY';
    else if (fe.statusCode === 429) code = 'RATE_LIMITED';
    else if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) code = 'BAD_REQUEST';
    if (code !== 'INTERNAL_ERROR') {
      status = httpStatusFor(code);
      detail = fe.message;
    }
  }
  if (code === 'RATE_LIMITED') headers['retry-after'] = '60';
  if (status === 503 && !headers['retry-after']) headers['retry-after'] = '5';
  const problem: Problem = {
    type: `https://aduana.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: t(`problem.${code}`, { ...params, defaultValue: code }),
    status,
    code,
    instance: request.url,
    requestId: String(request.id),
    ...extra,
  };
  if (detail) problem.detail = detail;
  if (fieldErrors?.length) problem.errors = renderFieldErrors(fieldErrors, lang);
  return { problem, headers };
}

export function sendProblem(
  reply: FastifyReply,
  problem: Problem,
  headers: Record<string, string>,
): FastifyReply {
  return reply
    .code(problem.status)
    .headers(headers)
    .type('application/problem+json; charset=utf-8')
    .send(problem);
}
