/** A stand-in for the network in component tests: each test says how the API answers. */
export type ApiHandler = (request: Request) => Response | Promise<Response>;

const notFound: ApiHandler = () => json({ code: 'ROUTE_NOT_FOUND' }, 404);
let handler: ApiHandler = notFound;
export const requests: Request[] = [];

export function onApi(next: ApiHandler): void {
  handler = next;
}

export function resetApi(): void {
  handler = notFound;
  requests.length = 0;
}

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

export function installFetch(): void {
  globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request.clone());
    return Promise.resolve(handler(request));
  };
}
