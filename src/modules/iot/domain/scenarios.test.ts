import { describe, expect, it } from 'vitest';
import { AlarmRegister } from './alarm-register.js';
import { ALARM_TYPES, type AlarmType } from './profiles.js';
import { COLON_TO_PUERTO_CORTES, MANZANILLO_TO_KINGSTON, directRoute } from './routes.js';
import {
  SCENARIO_ALARMS,
  SCENARIOS,
  generateVoyage,
  type Scenario,
  type VoyageOptions,
} from './scenarios.js';
import { compileShipmentPlan } from './shipment-plan.js';
import { replayVoyage, type VoyageReplay } from './voyage-replay.js';

const START = Date.parse('2025-03-01T06:00:00Z');

function voyage(scenario: Scenario, overrides: Partial<VoyageOptions> = {}) {
  return generateVoyage({ route: COLON_TO_PUERTO_CORTES, scenario, seed: 42, startAt: START, ...overrides });
}

const raised = (replay: VoyageReplay): AlarmType[] =>
  [...new Set(replay.changes.filter((c) => c.change === 'RAISE').map((c) => c.condition.type))].sort();

const cleared = (replay: VoyageReplay): AlarmType[] =>
  [...new Set(replay.changes.filter((c) => c.change === 'CLEAR').map((c) => c.condition.type))].sort();

describe('each alarm rule fires on its scenario and nothing else does (Colón → Puerto Cortés)', () => {
  it('the normal voyage raises nothing at all', () => {
    const replay = replayVoyage(voyage('normal'));
    expect(replay.outcomes.REJECTED).toBe(0);
    expect(replay.changes).toEqual([]);
  });

  it.each(SCENARIOS.filter((s) => s !== 'normal'))(
    '%s raises exactly its alarms, after the incident begins',
    (scenario) => {
      const v = voyage(scenario);
      const replay = replayVoyage(v);
      expect(replay.outcomes.REJECTED).toBe(0);
      expect(raised(replay)).toEqual([...SCENARIO_ALARMS[scenario]].sort());
      for (const change of replay.changes) {
        expect(change.condition.startedAt).toBeGreaterThanOrEqual(v.incident!.fromAt - 5 * 60_000);
      }
    },
  );

  it('every alarm type has a scenario that raises it', () => {
    const covered = new Set(Object.values(SCENARIO_ALARMS).flat());
    expect([...covered].sort()).toEqual([...ALARM_TYPES].sort());
  });
});

describe('what each scenario raises, in detail', () => {
  it('excursion: the reefer warms past 15 °C and back; excursion and hard limit clear, the 24 h MKT stays above 8 °C', () => {
    const replay = replayVoyage(voyage('excursion'));
    expect(cleared(replay)).toEqual(['TEMPERATURE_EXCURSION', 'TEMPERATURE_HARD_LIMIT']);
    const active = replay.monitor.activeConditions();
    expect(active.map((c) => c.type)).toEqual(['MKT_ABOVE_LIMIT']);
    expect(active[0]!.details.peakMktC as number).toBeGreaterThan(8.5);
    const hard = replay.changes.find(
      (c) => c.change === 'RAISE' && c.condition.type === 'TEMPERATURE_HARD_LIMIT',
    );
    expect(hard?.condition.severity).toBe('CRITICAL');
  });

  it('excursion through the alarm register: one alarm per type, escalated past the allowance, cleared or still active', () => {
    const replay = replayVoyage(voyage('excursion'));
    const register = new AlarmRegister();
    for (const change of replay.changes) register.apply(change, change.emittedAt);
    const byType = Object.fromEntries(register.all().map((a) => [a.type, a]));
    expect(register.all()).toHaveLength(3);
    expect(byType.TEMPERATURE_EXCURSION).toMatchObject({ status: 'CLEARED_UNACK', severity: 'CRITICAL' });
    expect(byType.TEMPERATURE_EXCURSION!.history.map((h) => h.operation)).toContain('escalate');
    expect(byType.TEMPERATURE_HARD_LIMIT).toMatchObject({ status: 'CLEARED_UNACK' });
    expect(byType.MKT_ABOVE_LIMIT).toMatchObject({ status: 'ACTIVE_UNACK', endedAt: null });
  });

  it('door: the seal is tampered with and the door opened at sea; the door alarm clears on closing, the seal stays breached', () => {
    const replay = replayVoyage(voyage('door'));
    expect(cleared(replay)).toEqual(['DOOR_OPENED_OUTSIDE_ZONE']);
    expect(replay.monitor.activeConditions()).toMatchObject([
      { type: 'SEAL_BREACH', severity: 'CRITICAL', details: { event: 'TAMPERED' } },
    ]);
  });

  it('deviation: 45 km off a 20 km corridor, raised with the distance and cleared on return', () => {
    const replay = replayVoyage(voyage('deviation'));
    const last = replay.changes.filter((c) => c.condition.type === 'CORRIDOR_DEVIATION').at(-1)!;
    expect(last.change).toBe('CLEAR');
    expect(last.condition.details.maxDistanceM as number).toBeGreaterThan(40_000);
  });

  it('silence, shock and stop each clear once the incident is over', () => {
    for (const scenario of ['silence', 'shock', 'stop'] as const) {
      const replay = replayVoyage(voyage(scenario));
      expect(cleared(replay)).toEqual([...SCENARIO_ALARMS[scenario]]);
      expect(replay.monitor.activeConditions()).toEqual([]);
    }
  });
});

describe('the longer Pacific–Caribbean voyage through the Panama Canal (Manzanillo → Kingston)', () => {
  it('sails through the Panama Canal zone without any alarm', () => {
    const replay = replayVoyage(
      generateVoyage({ route: MANZANILLO_TO_KINGSTON, scenario: 'normal', seed: 3, startAt: START }),
    );
    expect(replay.changes).toEqual([]);
  });

  it.each(['stop', 'deviation'] as const)('raises %s on the route and nothing else', (scenario) => {
    const replay = replayVoyage(
      generateVoyage({ route: MANZANILLO_TO_KINGSTON, scenario, seed: 3, startAt: START }),
    );
    expect(raised(replay)).toEqual([...SCENARIO_ALARMS[scenario]]);
  });
});

describe('the generator', () => {
  it('is deterministic: the same seed gives the same messages, another seed others', () => {
    expect(JSON.stringify(voyage('shock'))).toBe(JSON.stringify(voyage('shock')));
    expect(JSON.stringify(voyage('shock', { seed: 43 }).messages)).not.toBe(
      JSON.stringify(voyage('shock').messages),
    );
  });

  it('reports at the requested interval and produces a valid plan', () => {
    const v = voyage('normal', { intervalS: 600 });
    const telemetry = v.messages.filter((m) => m.topic.endsWith('/telemetry'));
    const hours = (v.endAt - v.startAt) / 3_600_000;
    expect(telemetry.length).toBe(Math.floor(hours * 6) + 1);
    expect(() => compileShipmentPlan(v.plan)).not.toThrow();
  });

  it('builds a direct route between any two coordinates', () => {
    const route = directRoute(
      { locode: 'GTPRQ', name: 'Puerto Quetzal', position: [-90.78, 13.92] },
      { locode: 'SVAQJ', name: 'Acajutla', position: [-89.83, 13.57] },
    );
    const replay = replayVoyage(generateVoyage({ route, scenario: 'normal', seed: 1, startAt: START }));
    expect(replay.changes).toEqual([]);
  });

  it('with QoS 1 redeliveries and delays up to 4 min, the monitor raises the same alarms from the same start times', () => {
    const inOrder = replayVoyage(voyage('excursion'));
    const messy = replayVoyage(voyage('excursion', { delivery: { maxDelayS: 240, duplicateRate: 0.2 } }));
    expect(messy.outcomes.DUPLICATE).toBeGreaterThan(50);
    expect(messy.outcomes.LATE).toBe(0);
    const starts = (r: VoyageReplay) =>
      r.changes.filter((c) => c.change === 'RAISE').map((c) => [c.condition.type, c.condition.startedAt]);
    expect(starts(messy)).toEqual(starts(inOrder));
  });
});
