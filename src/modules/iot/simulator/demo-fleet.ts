/**
 * The small fleet `aduana serve --demo` runs so that the console is alive: a few containers on mixed scenarios,
 * published slowly (one message per container every few seconds), voyage after voyage. Light on CPU by design.
 */
import type { Logger } from '../../../platform/logger.js';
import type { TopicSpace } from '../broker/topics.js';
import { AduanaClient } from './aduana-client.js';
import { playFleet, prepareFleet } from './fleet-simulator.js';

export interface DemoFleet {
  stop(): Promise<void>;
}

export function startDemoFleet(options: {
  baseUrl: string;
  topics: TopicSpace;
  containers: number;
  /** Messages per second per container. Default 0.2. */
  rate?: number;
  log: Logger;
  credentials?: { username: string; password: string };
}): DemoFleet {
  const abort = new AbortController();
  const api = new AduanaClient(
    options.baseUrl,
    options.credentials ?? { username: 'trader', password: 'trader-demo-1' },
  );
  const run = async () => {
    let cycle = 0;
    while (!abort.signal.aborted) {
      const fleet = await prepareFleet({
        api,
        topics: options.topics,
        containers: options.containers,
        rate: options.rate ?? 0.2,
        scenario: 'mixed',
        seed: Date.now() + cycle,
      });
      options.log.info(
        { containers: fleet.containers.length, broker: fleet.brokerUrl },
        'demo fleet sailing',
      );
      // Each voyage with an incident starts two simulated hours before it (two minutes at the default rate), so the
      // alarm board, the held declaration and its risk signal show within minutes of `npm start`.
      await playFleet(fleet, {
        topics: options.topics,
        signal: abort.signal,
        leadBeforeIncidentMs: 2 * 3_600_000,
      });
      for (const c of fleet.containers)
        await api
          .request('POST', `/api/v1/iot/shipments/${c.shipmentId}/close`, { reason: 'demo voyage completed' })
          .catch(() => undefined);
      cycle += 1;
    }
  };
  const done = run().catch((err: unknown) => {
    if (!abort.signal.aborted) options.log.warn({ err }, 'demo fleet stopped');
  });
  return {
    async stop() {
      abort.abort();
      await done;
    },
  };
}
