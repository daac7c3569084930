import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { SCENARIO_ALARMS, type Scenario } from '../src/modules/iot/domain/index.js';
import { AduanaClient } from '../src/modules/iot/simulator/aduana-client.js';
import {
  playFleet,
  prepareFleet,
  type PlaybackResult,
  type SimulatedContainer,
} from '../src/modules/iot/simulator/fleet-simulator.js';
import { deviceBrokerUrl, eventually, iotTestConfig } from '../src/modules/iot/testing/iot-test-kit.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

/**
 * Acceptance over real MQTT (the embedded broker, or the machine's Mosquitto when MQTT_URL is set): a simulated fleet,
 * one container per scenario, published in compressed real time through the broker into ingestion with every rule on.
 */
let t: TestApp;
let url: string;
let containers: SimulatedContainer[];
let playback: PlaybackResult;
let alarmsAtEnd: { containerNumber: string; type: string; alarmId: string; declarationId: string }[];

const byScenario = (s: Scenario) => containers.find((c) => c.scenario === s)!;

beforeAll(async () => {
  t = await startTestApp(
    iotTestConfig({ iotChannelEvents: { green: 'CUSS', yellow: 'CUSS', red: 'CUSI', blue: 'CUSS' } }),
  );
  url = await t.app.listen();
  const api = new AduanaClient(url, { username: 'trader', password: 'trader-demo-1' });
  const fleet = await prepareFleet({
    api,
    topics: t.app.iot.topics,
    containers: 7,
    rate: 10,
    scenario: 'mixed',
    seed: 11,
    ...(process.env.MQTT_URL ? { mqttUrl: process.env.MQTT_URL } : {}),
  });
  fleet.brokerUrl = deviceBrokerUrl({ mqtt: fleet.brokerUrl });
  containers = fleet.containers;
  // 3 h of voyage before each incident, then the incident: 3 000 s of voyage per wall second.
  playback = await playFleet(fleet, {
    topics: t.app.iot.topics,
    untilMs: 9_000,
    leadBeforeIncidentMs: 3 * 3_600_000,
  });
  await t.app.iot.ingestion.flush();
  const officer = await t.login('officer');
  alarmsAtEnd = (
    await t.app.http.inject({ method: 'GET', url: '/api/v1/iot/alarms?limit=500', headers: officer })
  ).json<{ items: typeof alarmsAtEnd }>().items;
}, 90_000);
afterAll(async () => t.close());

describe('alarm rules over MQTT', () => {
  it('stores every published reading once and acknowledges all of them', () => {
    expect(playback.failed).toBe(0);
    expect(playback.acknowledged).toBe(playback.sent);
    expect(t.app.iot.ingestion.counters.stored).toBe(playback.sent);
  });

  it.each(['excursion', 'door', 'deviation', 'silence', 'shock', 'stop'] as const)(
    'raises the %s scenario’s alarms and nothing else',
    (scenario) => {
      const raised = new Set(
        alarmsAtEnd
          .filter((a) => a.containerNumber === byScenario(scenario).containerNumber)
          .map((a) => a.type),
      );
      expect([...raised].sort()).toEqual([...SCENARIO_ALARMS[scenario]].sort());
    },
  );

  it('raises nothing on the normal voyage', () => {
    expect(alarmsAtEnd.filter((a) => a.containerNumber === byScenario('normal').containerNumber)).toEqual([]);
  });

  it('announces each raised alarm once through the outbox with the agreed payload', async () => {
    await t.app.dispatcher.drain();
    const excursion = byScenario('excursion');
    const rows = await sql<{ payload: Record<string, unknown> }>`
      select payload from outbox where type = 'iot.alarm-raised'
      and payload->>'containerNumber' = ${excursion.containerNumber}`.execute(t.app.database.db);
    const raised = rows.rows.filter((r) => r.payload.escalation === false).map((r) => r.payload.type);
    expect(new Set(raised)).toEqual(new Set(SCENARIO_ALARMS.excursion));
    expect(raised.length).toBe(new Set(raised).size);
    // An escalation (MAJOR → CRITICAL once the excursion allowance is exceeded) is announced again, same alarm id.
    for (const e of rows.rows.filter((r) => r.payload.escalation === true))
      expect(
        rows.rows.some((r) => r.payload.escalation === false && r.payload.alarmId === e.payload.alarmId),
      ).toBe(true);
    expect(rows.rows[0]!.payload).toMatchObject({
      declarationId: excursion.declarationId,
      containerNumber: excursion.containerNumber,
      severity: expect.stringMatching(/CRITICAL|MAJOR/),
      alarmId: expect.stringMatching(/^ALM-/),
      shipmentId: excursion.shipmentId,
    });
  });
});

describe('alarms feed risk', () => {
  it('raises the risk of the pharma declaration: red, goods held, the alarm shown with the decision', async () => {
    await t.app.dispatcher.drain();
    const excursion = byScenario('excursion');
    const officer = await t.login('officer');
    const declaration = await eventually(async () => {
      const res = await t.app.http.inject({
        method: 'GET',
        url: `/api/v1/declarations/${excursion.declarationId}`,
        headers: officer,
      });
      const body = res.json<{ status: string; channel: string | null }>();
      return body.status === 'held' ? body : undefined;
    });
    expect(declaration.channel).toBe('red');

    const risk = (
      await t.app.http.inject({
        method: 'GET',
        url: `/api/v1/risk/declarations/${excursion.declarationId}`,
        headers: officer,
      })
    ).json<{ signals: { kind: string; detail: { type: string; severity: string }; effect: string }[] }>();
    const iot = risk.signals.filter((s) => s.kind === 'iot-alarm');
    expect(iot.map((s) => s.detail.type)).toContain('TEMPERATURE_EXCURSION');
    expect(iot.some((s) => s.detail.severity === 'CRITICAL' && /held/.test(s.effect))).toBe(true);

    const audit = (
      await t.app.http.inject({
        method: 'GET',
        url: `/api/v1/declarations/${excursion.declarationId}/audit`,
        headers: officer,
      })
    ).json<{ action: string; reason: string | null }[]>();
    expect(audit.find((e) => e.action === 'held')?.reason).toMatch(/IoT alarm .*CRITICAL/);
  });

  it('leaves the normal voyage’s declaration where lodgement put it', async () => {
    await t.app.dispatcher.drain();
    const normal = byScenario('normal');
    const res = await t.app.http.inject({
      method: 'GET',
      url: `/api/v1/risk/declarations/${normal.declarationId}`,
      headers: await t.login('officer'),
    });
    expect(res.json<{ signals: { kind: string }[] }>().signals.filter((s) => s.kind === 'iot-alarm')).toEqual(
      [],
    );
    const declaration = await t.app.http.inject({
      method: 'GET',
      url: `/api/v1/declarations/${normal.declarationId}`,
      headers: await t.login('officer'),
    });
    expect(declaration.json<{ status: string }>().status).not.toBe('held');
  });
});

describe('who sees what', () => {
  it('shows the pharma excursion with its declaration, to customs and to the owning trader', async () => {
    const excursion = byScenario('excursion');
    for (const user of ['officer', 'trader']) {
      const res = await t.app.http.inject({
        method: 'GET',
        url: `/api/v1/iot/declarations/${excursion.declarationId}`,
        headers: await t.login(user),
      });
      expect(res.statusCode).toBe(200);
      const body = res.json<{
        shipments: { profile: { profileId: string } }[];
        alarms: { type: string }[];
      }>();
      expect(body.shipments[0]!.profile.profileId).toBe('PHARMA_2_8');
      expect(body.alarms.map((a) => a.type)).toContain('TEMPERATURE_EXCURSION');
    }
    const own = await t.app.http.inject({
      method: 'GET',
      url: `/api/v1/iot/alarms?container=${excursion.containerNumber}`,
      headers: await t.login('trader'),
    });
    expect(own.json<{ total: number }>().total).toBeGreaterThanOrEqual(3);
  });

  it('shows another party nothing: no alarms, no containers, no declaration, no customs events', async () => {
    const other = await t.login('trader.gt');
    const excursion = byScenario('excursion');
    const list = await t.app.http.inject({ method: 'GET', url: '/api/v1/iot/alarms', headers: other });
    expect(list.json<{ total: number }>().total).toBe(0);
    for (const path of [
      `/api/v1/iot/containers/${excursion.containerNumber}`,
      `/api/v1/iot/containers/${excursion.containerNumber}/series`,
      `/api/v1/iot/declarations/${excursion.declarationId}`,
      `/api/v1/iot/alarms/${alarmsAtEnd[0]!.alarmId}`,
    ])
      expect((await t.app.http.inject({ method: 'GET', url: path, headers: other })).statusCode).toBe(404);
    const fleet = await t.app.http.inject({ method: 'GET', url: '/api/v1/iot/fleet', headers: other });
    expect(fleet.json<{ containers: unknown[] }>().containers).toEqual([]);
    const events = await t.app.http.inject({
      method: 'GET',
      url: '/api/v1/iot/equipment-events',
      headers: other,
    });
    expect(events.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('gives the trader its fleet map, the container’s series and the customs equipment event', async () => {
    const trader = await t.login('trader');
    const fleet = await t.app.http.inject({ method: 'GET', url: '/api/v1/iot/fleet', headers: trader });
    const mine = fleet.json<{ containers: { containerNumber: string; latestReading: unknown }[] }>()
      .containers;
    expect(mine.map((c) => c.containerNumber).sort()).toEqual(
      containers.map((c) => c.containerNumber).sort(),
    );
    const normal = byScenario('normal').containerNumber;
    const series = await t.app.http.inject({
      method: 'GET',
      url: `/api/v1/iot/containers/${normal}/series?resolution=raw`,
      headers: trader,
    });
    expect(series.json<{ points: unknown[] }>().points.length).toBeGreaterThan(50);
    await t.app.dispatcher.drain();
    const events = await eventually(async () => {
      const res = await t.app.http.inject({
        method: 'GET',
        url: `/api/v1/iot/equipment-events?container=${normal}`,
        headers: trader,
      });
      const items = res.json<{ items: { payload: { equipmentEventTypeCode: string } }[] }>().items;
      return items.length > 0 ? items : undefined;
    });
    expect(['CUSS', 'CUSI']).toContain(events[0]!.payload.equipmentEventTypeCode);
  });
});

describe('alarm board', () => {
  it('lets an officer acknowledge, comment and clear, and refuses an illegal transition', async () => {
    const officer = await t.login('officer');
    const alarm = alarmsAtEnd.find((a) => a.type === 'SEAL_BREACH')!;
    const ack = await t.app.http.inject({
      method: 'POST',
      url: `/api/v1/iot/alarms/${alarm.alarmId}/acknowledge`,
      headers: officer,
    });
    expect(ack.json<{ status: string; acknowledgedBy: string }>()).toMatchObject({
      status: 'ACTIVE_ACK',
      acknowledgedBy: 'officer',
    });
    const again = await t.app.http.inject({
      method: 'POST',
      url: `/api/v1/iot/alarms/${alarm.alarmId}/acknowledge`,
      headers: officer,
    });
    expect(again.statusCode).toBe(409);
    const commented = await t.app.http.inject({
      method: 'POST',
      url: `/api/v1/iot/alarms/${alarm.alarmId}/comments`,
      headers: officer,
      payload: { text: 'Seal inspected at Puerto Cortés' },
    });
    expect(commented.json<{ comments: { text: string }[] }>().comments[0]!.text).toContain('Seal inspected');
    const cleared = await t.app.http.inject({
      method: 'POST',
      url: `/api/v1/iot/alarms/${alarm.alarmId}/clear`,
      headers: officer,
      payload: { reason: 'seal replaced under customs supervision' },
    });
    expect(cleared.json<{ status: string }>().status).toBe('CLEARED_ACK');
    const trader = await t.login('trader');
    const refused = await t.app.http.inject({
      method: 'POST',
      url: `/api/v1/iot/alarms/${alarm.alarmId}/acknowledge`,
      headers: trader,
    });
    expect(refused.statusCode).toBe(403);
  });
});
