import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The Prometheus registry of one running platform, with HTTP metrics; modules add their own. */
export function createMetrics(): {
  registry: Registry;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
} {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'aduana_' });
  const httpDuration = new Histogram({
    name: 'aduana_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return { registry, httpDuration };
}

export function counter(
  registry: Registry,
  name: string,
  help: string,
  labelNames: string[] = [],
): Counter<string> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Counter<string>;
  return new Counter({ name, help, labelNames, registers: [registry] });
}

/**
 * Gauges computed when scraped, from one read shared by the gauges of a scrape (e.g. one database query). A read that
 * fails keeps the last values and is reported to `onError`, so that one module's trouble does not fail the scrape.
 */
export function gaugesOnScrape<T>(
  registry: Registry,
  read: () => Promise<T>,
  gauges: readonly { name: string; help: string; value: (read: T) => number }[],
  onError: (err: unknown) => void,
): void {
  let inFlight: Promise<T | undefined> | undefined;
  const readOnce = () =>
    (inFlight ??= read()
      .catch((err: unknown) => {
        onError(err);
        return undefined;
      })
      .finally(() => {
        inFlight = undefined;
      }));
  for (const g of gauges)
    new Gauge({
      name: g.name,
      help: g.help,
      registers: [registry],
      async collect() {
        const r = await readOnce();
        if (r !== undefined) this.set(g.value(r));
      },
    });
}
