import { describe, expect, it } from 'vitest';
import { ContainerMonitor, type AlarmConditionChange, type ContainerMonitorOptions } from './alarm-rules.js';
import { IotDomainError } from './errors.js';
import { circleRing, destinationPoint, type LonLat } from './geo.js';
import type { Observation, ReadingObservation } from './observation.js';
import type { AlarmType } from './profiles.js';
import { compileShipmentPlan, type ShipmentPlan } from './shipment-plan.js';

const T0 = Date.parse('2025-03-01T00:00:00Z');
const MIN = 60_000;
const PORT: LonLat = [-80, 10];
const EQUIPMENT = 'MSKU9070323';

const planInput: ShipmentPlan = {
  shipmentId: 'SHP-TEST',
  equipmentReference: EQUIPMENT,
  devices: [
    { deviceId: 'TRK', reportingIntervalS: 300 },
    { deviceId: 'SEAL', reportingIntervalS: null },
  ],
  origin: 'PAONX',
  destination: 'HNPCR',
  corridor: { path: [PORT, [-80, 12]], toleranceM: 10_000 },
  authorisedZones: [{ zoneId: 'PORT', kind: 'PORT', name: 'Port', polygon: [circleRing(PORT, 4_000)] }],
  temperatureProfile: { profileId: 'PHARMA_2_8' },
};
const plan = compileShipmentPlan(planInput);

/** A point `km` north of the port along the corridor, optionally `offKm` east of it. */
const at = (km: number, offKm = 0): LonLat =>
  destinationPoint(destinationPoint(PORT, 0, km * 1000), 90, offKm * 1000);

let sequence = 0;
function reading(minute: number, fields: Partial<ReadingObservation> = {}): ReadingObservation {
  sequence += 1;
  return {
    kind: 'READING',
    messageId: `r-${sequence}`,
    deviceId: 'TRK',
    equipmentReference: EQUIPMENT,
    at: T0 + minute * MIN,
    temperatureC: 5,
    speedKmh: 30,
    position: at(20 + minute * 0.5),
    ...fields,
  };
}

function event(minute: number, fields: Record<string, unknown>): Observation {
  sequence += 1;
  return {
    messageId: `e-${sequence}`,
    deviceId: 'TRK',
    equipmentReference: EQUIPMENT,
    at: T0 + minute * MIN,
    ...fields,
  } as Observation;
}

function start(options?: ContainerMonitorOptions) {
  return ContainerMonitor.start(plan, T0, options);
}

/** Feeds observations in order (arrival = observation time) and returns every change. */
function feed(monitor: ContainerMonitor, observations: Observation[]): AlarmConditionChange[] {
  return observations.flatMap((o) => monitor.observe(o, o.at).changes);
}

const only = (changes: AlarmConditionChange[], type: AlarmType) =>
  changes.filter((c) => c.condition.type === type);
const kinds = (changes: AlarmConditionChange[], type: AlarmType) =>
  changes.filter((c) => c.condition.type === type).map((c) => c.change);

describe('TEMPERATURE_EXCURSION', () => {
  const warmFrom = (from: number, to: number, temperatureC: number) =>
    Array.from({ length: (to - from) / 5 + 1 }, (_, i) => reading(from + i * 5, { temperatureC }));

  it('waits for D minutes out of band before raising, and dates the alarm from the first reading out', () => {
    const monitor = start();
    const early = feed(monitor, [...warmFrom(0, 10, 5), ...warmFrom(15, 40, 9.5)]);
    expect(kinds(early, 'TEMPERATURE_EXCURSION')).toEqual([]);
    const due = feed(monitor, [reading(45, { temperatureC: 9.6 })]);
    const raise = due.find((c) => c.condition.type === 'TEMPERATURE_EXCURSION');
    expect(raise?.change).toBe('RAISE');
    expect(raise?.condition.startedAt).toBe(T0 + 15 * MIN);
    expect(raise?.condition.details.peakC).toBe(9.6);
  });

  it('is MAJOR within the USP <659> allowance and turns CRITICAL once the excursion passes 15 °C', () => {
    const monitor = start();
    const within = feed(monitor, warmFrom(0, 35, 12));
    expect(within.find((c) => c.condition.type === 'TEMPERATURE_EXCURSION')?.condition).toMatchObject({
      severity: 'MAJOR',
      details: { beyondAllowance: false },
    });
    const beyond = only(feed(monitor, [reading(40, { temperatureC: 15.5 })]), 'TEMPERATURE_EXCURSION');
    expect(beyond).toMatchObject([
      { change: 'UPDATE', condition: { severity: 'CRITICAL', details: { beyondAllowance: true } } },
    ]);
  });

  it('starts over when the temperature dips back into the band before D', () => {
    const monitor = start();
    const changes = feed(monitor, [
      ...warmFrom(0, 20, 9),
      reading(25, { temperatureC: 6 }),
      ...warmFrom(30, 50, 9),
    ]);
    expect(kinds(changes, 'TEMPERATURE_EXCURSION')).toEqual([]);
  });

  it('clears only after the clear delay well inside the band (hysteresis)', () => {
    const monitor = start();
    feed(monitor, warmFrom(0, 40, 10));
    // 7.8 °C is inside 2–8 but within the 0.5 °C margin: not a recovery.
    const marginal = feed(monitor, warmFrom(45, 120, 7.8));
    expect(kinds(marginal, 'TEMPERATURE_EXCURSION')).toEqual([]);
    const recovering = feed(monitor, warmFrom(125, 150, 5));
    expect(kinds(recovering, 'TEMPERATURE_EXCURSION')).toEqual([]);
    const recovered = feed(monitor, warmFrom(155, 160, 5));
    const clear = recovered.find((c) => c.condition.type === 'TEMPERATURE_EXCURSION');
    expect(clear?.change).toBe('CLEAR');
    expect(clear?.change === 'CLEAR' && clear.clearedAt).toBe(T0 + 155 * MIN);
  });

  it('does not bridge a gap in the record longer than the silence threshold', () => {
    const monitor = start();
    const changes = feed(monitor, [reading(0, { temperatureC: 10 }), reading(60, { temperatureC: 10 })]);
    expect(kinds(changes, 'TEMPERATURE_EXCURSION')).toEqual([]);
  });
});

describe('TEMPERATURE_HARD_LIMIT and MKT_ABOVE_LIMIT', () => {
  it('raises on the first reading above the hard limit and updates, never duplicates, on the next', () => {
    const monitor = start({ updateEveryMs: 0 });
    const changes = feed(monitor, [
      reading(0),
      reading(5, { temperatureC: 15.5 }),
      reading(10, { temperatureC: 16.5 }),
    ]);
    expect(kinds(changes, 'TEMPERATURE_HARD_LIMIT')).toEqual(['RAISE', 'UPDATE']);
    expect(monitor.activeConditions().filter((c) => c.type === 'TEMPERATURE_HARD_LIMIT')).toHaveLength(1);
  });

  it('reports detail-only updates at most every updateEveryMs', () => {
    const monitor = start();
    const hot = Array.from({ length: 6 }, (_, i) => reading(i * 5, { temperatureC: 15.5 + i * 0.5 }));
    expect(kinds(feed(monitor, hot), 'TEMPERATURE_HARD_LIMIT')).toEqual(['RAISE', 'UPDATE']);
  });

  it('raises a freeze below the hard minimum too', () => {
    const changes = feed(start(), [reading(0, { temperatureC: -0.5 })]);
    expect(changes.find((c) => c.condition.type === 'TEMPERATURE_HARD_LIMIT')?.condition.details.lowC).toBe(
      -0.5,
    );
  });

  it('gives no MKT verdict before six hours of record, then raises when the rolling MKT passes 8 °C', () => {
    const monitor = start();
    const warm = Array.from({ length: 60 }, (_, i) => reading(i * 5, { temperatureC: 11 }));
    expect(kinds(feed(monitor, warm.slice(0, 60)), 'MKT_ABOVE_LIMIT')).toEqual([]);
    const more = Array.from({ length: 20 }, (_, i) => reading(300 + i * 5, { temperatureC: 11 }));
    const changes = feed(monitor, more);
    expect(kinds(changes, 'MKT_ABOVE_LIMIT')).toEqual(['RAISE']);
    expect(changes.find((c) => c.condition.type === 'MKT_ABOVE_LIMIT')?.condition.startedAt).toBe(
      T0 + 360 * MIN,
    );
  });
});

describe('door, seal and shock events', () => {
  it('ignores a door opened inside an authorised zone and raises one outside, cleared when it closes', () => {
    const monitor = start();
    const inPort = feed(monitor, [
      reading(0, { position: PORT, speedKmh: 0 }),
      event(2, { kind: 'DOOR', door: 'OPENED' }),
      event(4, { kind: 'DOOR', door: 'CLOSED' }),
    ]);
    expect(inPort).toEqual([]);
    const atSea = feed(monitor, [
      reading(60, { position: at(50) }),
      event(62, { kind: 'DOOR', door: 'OPENED' }),
      event(70, { kind: 'DOOR', door: 'CLOSED' }),
    ]);
    expect(kinds(atSea, 'DOOR_OPENED_OUTSIDE_ZONE')).toEqual(['RAISE', 'CLEAR']);
  });

  it('treats a door opened with no known position as outside every zone', () => {
    const changes = feed(start(), [event(1, { kind: 'DOOR', door: 'OPENED' })]);
    expect(changes[0]?.condition.details).toMatchObject({ positionKnown: false });
  });

  it('raises when a container leaves the zone with its door still open', () => {
    const monitor = start();
    const changes = feed(monitor, [
      reading(0, { position: PORT, speedKmh: 0 }),
      event(1, { kind: 'DOOR', door: 'OPENED' }),
      reading(30, { position: at(15) }),
    ]);
    expect(kinds(changes, 'DOOR_OPENED_OUTSIDE_ZONE')).toEqual(['RAISE']);
  });

  it('lets a seal be opened in a zone, raises if opened outside, escalates on tampering, clears on a new seal', () => {
    const monitor = start();
    const seal = (minute: number, s: string, position?: LonLat) =>
      event(minute, {
        kind: 'SEAL',
        deviceId: 'SEAL',
        seal: s,
        sealNumber: 'PA1',
        ...(position ? { position } : {}),
      });
    expect(feed(monitor, [seal(0, 'OPENED', PORT)])).toEqual([]);
    const opened = only(feed(monitor, [seal(10, 'OPENED', at(40))]), 'SEAL_BREACH');
    expect(opened.map((c) => [c.change, c.condition.type, c.condition.details.event])).toEqual([
      ['RAISE', 'SEAL_BREACH', 'OPENED'],
    ]);
    const tampered = only(feed(monitor, [seal(20, 'TAMPERED', at(45))]), 'SEAL_BREACH');
    expect(tampered.map((c) => [c.change, c.condition.severity, c.condition.details.event])).toEqual([
      ['UPDATE', 'CRITICAL', 'TAMPERED'],
    ]);
    expect(kinds(feed(monitor, [seal(30, 'APPLIED', at(50))]), 'SEAL_BREACH')).toEqual(['CLEAR']);
  });

  it('raises on a shock above the threshold, counts repeats, turns CRITICAL past criticalG and clears after quiet', () => {
    const monitor = start({ updateEveryMs: 0 });
    const shock = (minute: number, peakG: number) => event(minute, { kind: 'SENSOR', peakG });
    expect(feed(monitor, [shock(0, 2.5)])).toEqual([]);
    const first = feed(monitor, [shock(5, 4)]);
    expect(first[0]).toMatchObject({
      change: 'RAISE',
      condition: { severity: 'MAJOR', details: { count: 1 } },
    });
    const second = feed(monitor, [shock(10, 9)]);
    expect(second[0]).toMatchObject({
      change: 'UPDATE',
      condition: { severity: 'CRITICAL', details: { count: 2, peakG: 9 } },
    });
    expect(kinds(monitor.tick(T0 + 69 * MIN), 'SHOCK')).toEqual([]);
    expect(kinds(feed(monitor, [reading(71)]), 'SHOCK')).toEqual(['CLEAR']);
  });
});

describe('CORRIDOR_DEVIATION and UNPLANNED_STOP', () => {
  it('raises after D minutes beyond tolerance and clears once well back for the clear delay', () => {
    const monitor = start();
    const off = Array.from({ length: 8 }, (_, i) => reading(i * 5, { position: at(30, 15) }));
    const changes = feed(monitor, off);
    expect(kinds(changes, 'CORRIDOR_DEVIATION')).toEqual(['RAISE']);
    expect(
      changes.find((c) => c.condition.type === 'CORRIDOR_DEVIATION')?.condition.details.maxDistanceM,
    ).toBe(15_000);
    // 9 km is within tolerance but not within 80 % of it: no clear.
    expect(
      kinds(
        feed(
          monitor,
          Array.from({ length: 6 }, (_, i) => reading(40 + i * 5, { position: at(30, 9) })),
        ),
        'CORRIDOR_DEVIATION',
      ),
    ).toEqual([]);
    const back = feed(
      monitor,
      Array.from({ length: 5 }, (_, i) => reading(70 + i * 5, { position: at(30, 1) })),
    );
    expect(kinds(back, 'CORRIDOR_DEVIATION')).toEqual(['CLEAR']);
  });

  it('does not count an authorised zone off the corridor as a deviation', () => {
    const monitor = ContainerMonitor.start(
      compileShipmentPlan({
        ...planInput,
        authorisedZones: [
          ...planInput.authorisedZones,
          {
            zoneId: 'BW',
            kind: 'BONDED_WAREHOUSE',
            name: 'Bonded',
            polygon: [circleRing(at(30, 20), 3_000)],
          },
        ],
      }),
      T0,
    );
    const changes = feed(
      monitor,
      Array.from({ length: 12 }, (_, i) => reading(i * 5, { position: at(30, 20), speedKmh: 0 })),
    );
    expect(changes).toEqual([]);
  });

  it('raises a stop outside zones after D minutes at speed ≈ 0, dated from the stop, and clears when moving', () => {
    const monitor = start();
    const stopped = Array.from({ length: 26 }, (_, i) =>
      reading(i * 5, { position: at(40, i % 2 === 0 ? 0 : 0.1), speedKmh: 0.5 }),
    );
    const changes = feed(monitor, stopped);
    const raise = changes.find((c) => c.condition.type === 'UNPLANNED_STOP');
    expect(raise).toMatchObject({ change: 'RAISE', condition: { startedAt: T0 } });
    expect(
      kinds(feed(monitor, [reading(130, { position: at(43), speedKmh: 30 })]), 'UNPLANNED_STOP'),
    ).toEqual(['CLEAR']);
  });

  it('never raises a stop inside an authorised zone', () => {
    const changes = feed(
      start(),
      Array.from({ length: 40 }, (_, i) => reading(i * 5, { position: PORT, speedKmh: 0 })),
    );
    expect(changes).toEqual([]);
  });

  it('derives speed from positions when the device sends none', () => {
    const monitor = start();
    const drifting = Array.from({ length: 30 }, (_, i) =>
      reading(i * 5, { position: at(60), speedKmh: undefined }),
    );
    expect(kinds(feed(monitor, drifting), 'UNPLANNED_STOP')).toEqual(['RAISE']);
  });
});

describe('DEVICE_SILENT', () => {
  it('raises once nothing was heard for interval × k and clears on the next message', () => {
    const monitor = start();
    feed(monitor, [reading(0)]);
    expect(monitor.tick(T0 + 15 * MIN)).toEqual([]);
    const silent = monitor.tick(T0 + 16 * MIN);
    expect(silent).toMatchObject([
      {
        change: 'RAISE',
        condition: { type: 'DEVICE_SILENT', startedAt: T0, details: { silentDevices: 'TRK' } },
      },
    ]);
    expect(kinds(feed(monitor, [reading(20)]), 'DEVICE_SILENT')).toEqual(['CLEAR']);
  });

  it('does not watch devices without a reporting interval (e-seals)', () => {
    const monitor = start();
    const changes = Array.from({ length: 10 }, (_, i) => {
      monitor.observe(reading(i * 5), T0 + i * 5 * MIN);
      return monitor.tick(T0 + i * 5 * MIN + MIN);
    }).flat();
    expect(changes).toEqual([]);
  });
});

describe('delivery: duplicates, late and foreign messages', () => {
  it('ignores a QoS 1 redelivery of the same messageId', () => {
    const monitor = start({ updateEveryMs: 0 });
    const shock = event(0, { kind: 'SENSOR', peakG: 4 });
    expect(monitor.observe(shock).outcome).toBe('ACCEPTED');
    expect(monitor.observe(shock)).toEqual({ outcome: 'DUPLICATE', changes: [] });
    expect(monitor.activeConditions()[0]?.details.count).toBe(1);
  });

  it('leaves out an observation older than the reorder window', () => {
    const monitor = start();
    feed(monitor, [reading(0), reading(30)]);
    expect(monitor.observe(reading(10, { temperatureC: 30 })).outcome).toBe('LATE');
    expect(monitor.activeConditions()).toEqual([]);
    expect(monitor.counters().LATE).toBe(1);
  });

  it('refuses a timestamp from the future and a device not bound to the shipment', () => {
    const monitor = start();
    expect(monitor.observe(reading(30), T0).outcome).toBe('FUTURE');
    expect(monitor.observe({ ...reading(0), deviceId: 'STRANGER' }).outcome).toBe('UNBOUND_DEVICE');
    expect(monitor.observe({ ...reading(0), equipmentReference: 'CSQU3054383' }).outcome).toBe(
      'UNBOUND_DEVICE',
    );
  });

  it('folds a late reading in as if it had come in order', () => {
    const ordered = start();
    const shuffled = start();
    const stream = [0, 5, 10, 15, 20, 25, 30, 35, 40].map((m) =>
      reading(m, { temperatureC: m >= 10 ? 10 : 5 }),
    );
    feed(ordered, stream);
    const order = [0, 1, 3, 4, 2, 6, 5, 8, 7];
    for (const i of order) shuffled.observe(stream[i]!, stream[8]!.at);
    expect(shuffled.activeConditions()).toEqual(ordered.activeConditions());
    expect(ordered.activeConditions().map((c) => c.startedAt)).toEqual([T0 + 10 * MIN]);
  });

  it('folds in a reading stamped just before a quiet tick without replaying, and replays for a real late one', () => {
    const monitor = start();
    monitor.observe(reading(0), T0 + 2_000);
    monitor.tick(T0 + 5 * MIN + 1_000);
    monitor.observe(reading(5), T0 + 5 * MIN + 3_000);
    expect(monitor.counters().REPLAYS).toBe(0);
    monitor.observe(reading(15), T0 + 15 * MIN);
    monitor.observe(reading(10), T0 + 15 * MIN);
    expect(monitor.counters()).toMatchObject({ ACCEPTED: 4, REPLAYS: 1 });
  });

  it('withdraws an alarm that a late reading shows was never due', () => {
    const monitor = start();
    const warm = [5, 10, 15, 25, 30, 35].map((m) => reading(m, { temperatureC: 9 }));
    const changes = feed(monitor, [reading(0), ...warm]);
    expect(kinds(changes, 'TEMPERATURE_EXCURSION')).toEqual(['RAISE']);
    const late = monitor.observe(reading(20, { temperatureC: 5 }), T0 + 36 * MIN);
    expect(kinds(late.changes, 'TEMPERATURE_EXCURSION')).toEqual(['CLEAR']);
  });
});

describe('serialisable state', () => {
  it('restores from JSON and carries on exactly as an uninterrupted monitor', () => {
    const stream = Array.from({ length: 40 }, (_, i) =>
      reading(i * 5, { temperatureC: i > 10 && i < 30 ? 12 : 5, position: at(20 + i, i > 15 ? 15 : 0) }),
    );
    const uninterrupted = start();
    const expected = feed(uninterrupted, stream);
    const first = start();
    const before = feed(first, stream.slice(0, 20));
    const restored = ContainerMonitor.restore(plan, JSON.parse(JSON.stringify(first.snapshot())));
    const after = feed(restored, stream.slice(20));
    expect([...before, ...after]).toEqual(expected);
    expect(restored.snapshot()).toEqual(uninterrupted.snapshot());
  });

  it('refuses a state of another container or version', () => {
    const state = start().snapshot();
    const other = compileShipmentPlan({ ...planInput, equipmentReference: 'CSQU3054383' });
    expect(() => ContainerMonitor.restore(other, state)).toThrow(IotDomainError);
    expect(() => ContainerMonitor.restore(plan, { ...state, version: 2 as 1 })).toThrowError(
      /MONITOR_STATE_INCOMPATIBLE/,
    );
  });
});
