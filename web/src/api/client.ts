import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** A field error as the API reports it (problem+JSON `errors[]`, or a declaration check). */
export interface FieldIssue {
  code: string;
  pointer: string;
  wcoPath?: string;
  value?: unknown;
  params?: Record<string, string | number>;
  /** `warning`: kept with the declaration, does not refuse it (absent: an error). */
  severity?: 'error' | 'warning';
  /** Server-rendered texts, when the API sent them; the console renders from the same catalogue. */
  messages?: Record<string, string>;
}

/** An RFC 9457 problem from the API, thrown by {@link unwrap}. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly errors: FieldIssue[] = [],
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'ApiProblem';
  }
}

const TOKEN_KEY = 'aduana.session';

/** The bearer token of this browser tab (kept across reloads, forgotten when the tab closes). */
export const session = {
  get token(): string | null {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set(token: string | null) {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  },
};

let language = 'en';
let onUnauthenticated: () => void = () => undefined;

/** The language the API should answer problems in. */
export function setApiLanguage(lang: string): void {
  language = lang;
}

/** What to do when the session has expired (the shell sends the user to sign in). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

const authMiddleware: Middleware = {
  onRequest({ request }) {
    const token = session.token;
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    request.headers.set('accept-language', language);
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && !request.url.endsWith('/api/v1/auth/login')) {
      session.set(null);
      onUnauthenticated();
    }
    return response;
  },
};

/** The typed API client, generated from the platform's OpenAPI document (`npm run api:generate`). */
export const api = createClient<paths>({ baseUrl: globalThis.location?.origin ?? 'http://localhost' });
api.use(authMiddleware);

interface ProblemBody {
  code?: string;
  errors?: FieldIssue[];
  [key: string]: unknown;
}

/** Turns a failed response into an {@link ApiProblem}. */
export function toProblem(status: number, body: unknown): ApiProblem {
  const p = (body ?? {}) as ProblemBody;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p)) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
  return new ApiProblem(status, p.code ?? 'INTERNAL_ERROR', p.errors ?? [], params);
}

/** Returns the data of an openapi-fetch result, or throws the problem it carries. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok)
    throw toProblem(result.response.status, result.error);
  return result.data as T;
}

/** Sends a request outside the typed client with the session's token and language; refusals are problems. */
async function rawRequest(path: string, init: RequestInit, headers: Record<string, string>): Promise<string> {
  const h = new Headers({ ...headers, 'accept-language': language });
  const token = session.token;
  if (token) h.set('authorization', `Bearer ${token}`);
  const response = await fetch(path, { ...init, headers: h });
  const text = await response.text();
  if (!response.ok) throw toProblem(response.status, parseJson(text));
  return text;
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Posts a raw body (e.g. a WCO DM XML file) with its own content type, through the same credentials and language
 * as the typed client. A file goes as its bytes: the server reads the encoding it declares (ISO-8859-1 included).
 */
export async function postRaw(path: string, body: string | Blob, contentType: string): Promise<unknown> {
  return parseJson(await rawRequest(path, { method: 'POST', body }, { 'content-type': contentType }));
}

/** Reads a non-JSON representation (e.g. WCO DM XML) with the session's token; refusals are problems as elsewhere. */
export function getText(path: string, accept: string): Promise<string> {
  return rawRequest(path, {}, { accept });
}
