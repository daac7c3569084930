import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerNumber, seededRandom } from '../src/modules/declarations/demo/generator.js';
import { connectDevice } from '../src/modules/iot/simulator/device-client.js';
import {
  deviceBrokerUrl,
  eventually,
  iotTestConfig,
  lodgeWatchedReefer,
} from '../src/modules/iot/testing/iot-test-kit.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

/**
 * DOMAIN.md's worked mean kinetic temperatures, through the whole platform: readings published over MQTT into
 * pharma shipments whose MKT limit sits just under or just over the expected value.
 * 22 h at 5 °C + 2 h at 12 °C → 5.87 °C; 20 h at 5 °C + 4 h at 15 °C → 7.71 °C.
 */
let t: TestApp;
const STEP = 15 * 60_000;
const cases = [
  { hoursCold: 22, warmC: 12, limitC: 5.75, raises: true, expected: 5.87 },
  { hoursCold: 22, warmC: 12, limitC: 6.0, raises: false, expected: 5.87 },
  { hoursCold: 20, warmC: 15, limitC: 7.55, raises: true, expected: 7.71 },
  { hoursCold: 20, warmC: 15, limitC: 7.9, raises: false, expected: 7.71 },
];
const containers: string[] = [];

beforeAll(async () => {
  t = await startTestApp(iotTestConfig());
  await t.app.listen();
  const trader = await t.login('trader');
  const run = t.app.iot.topics.namespace;
  const random = seededRandom(5);
  const end = Date.now() - 60_000;
  for (const [i, c] of cases.entries()) {
    const container = containerNumber('MKTU', 100 + i * 17 + (Date.now() % 1000));
    containers.push(container);
    const deviceId = `${run}-MKT-${i}`;
    const { secret, topics } = await lodgeWatchedReefer(t.app.http, trader, {
      random,
      lrn: `MKT-${run}-${i}`,
      container,
      deviceId,
      reportingIntervalS: 900,
      temperatureProfile: {
        profileId: 'PHARMA_2_8',
        overrides: { rules: { mktAboveLimit: { limitC: c.limitC } } },
      },
    });
    const connection = await connectDevice(deviceBrokerUrl(t.app.iot.broker.endpoints()), deviceId, secret);
    const steps = 24 * 4;
    for (let k = 0; k <= steps; k += 1) {
      const at = end - (steps - k) * STEP;
      const value = k < c.hoursCold * 4 ? 5 : c.warmC;
      await connection.publish(topics.telemetry, {
        messageId: `r-${k}`,
        deviceId,
        equipmentReference: container,
        eventCreatedDateTime: new Date(at).toISOString(),
        measurements: [{ measurementType: 'TEMPERATURE', value, unit: 'CEL' }],
      });
    }
    await connection.close();
  }
}, 90_000);
afterAll(async () => t.close());

describe('mean kinetic temperature through MQTT', () => {
  it.each(cases.map((c, i) => [i, c] as const))('case %i: MKT %o', async (i, c) => {
    const officer = await t.login('officer');
    const alarms = async () =>
      (
        await t.app.http.inject({
          method: 'GET',
          url: `/api/v1/iot/alarms?container=${containers[i]}&type=MKT_ABOVE_LIMIT`,
          headers: officer,
        })
      ).json<{ items: { details: { peakMktC: number } }[] }>().items;
    if (c.raises) {
      const [alarm] = await eventually(async () => {
        const items = await alarms();
        return items.length > 0 ? items : undefined;
      });
      // Raised when the rolling MKT crossed the limit (details as of that moment, to 0.1 °C): between the two.
      expect(alarm!.details.peakMktC).toBeGreaterThan(c.limitC);
      expect(alarm!.details.peakMktC).toBeLessThanOrEqual(c.expected + 0.1);
    } else {
      await t.app.iot.ingestion.flush();
      expect(await alarms()).toEqual([]);
    }
  });
});
