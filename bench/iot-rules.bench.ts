/**
 * IoT alarm rules under load: N containers on simulated voyages (scenarios mixed so every rule fires),
 * their messages interleaved by arrival time as a broker would deliver them — a few delayed out of order,
 * a few redelivered (QoS 1) — and pushed through topic + schema validation and the container monitors with
 * all rules on, the clock ticking every simulated minute.
 *
 * Baseline, in the same run on the same messages: JSON.parse + validation + reduction, no rules.
 *
 *   npx tsx bench/iot-rules.bench.ts [containers=100] [intervalS=300]
 *
 * Prints a table, then one line of JSON. Progress goes to stderr.
 */
import { loadavg } from 'node:os';
import { containerCheckDigit } from '../src/platform/reference/index.js';
import {
  AlarmRegister,
  COLON_TO_PUERTO_CORTES,
  ContainerMonitor,
  MANZANILLO_TO_KINGSTON,
  SCENARIOS,
  compileShipmentPlan,
  generateVoyage,
  parseDeviceMessage,
  toObservation,
  type CompiledShipmentPlan,
} from '../src/modules/iot/domain/index.js';

const containers = Number(process.argv[2] ?? 100);
const intervalS = Number(process.argv[3] ?? 300);
const START = Date.parse('2025-03-01T06:00:00Z');
const TICK_MS = 60_000;

interface Wire {
  topic: string;
  body: string;
  receivedAt: number;
}

function containerNumber(i: number): string {
  const firstTen = `ADUU${String(i).padStart(6, '0')}`;
  return `${firstTen}${containerCheckDigit(firstTen)}`;
}

function buildFleet(count: number, seedBase: number) {
  const plans = new Map<string, CompiledShipmentPlan>();
  const streams: Wire[][] = [];
  let endAt = START;
  for (let i = 0; i < count; i += 1) {
    const scenario = SCENARIOS[i % SCENARIOS.length]!;
    const voyage = generateVoyage({
      route: i % 4 === 3 ? MANZANILLO_TO_KINGSTON : COLON_TO_PUERTO_CORTES,
      scenario,
      seed: seedBase + i,
      startAt: START + (i % 60) * 60_000,
      intervalS,
      equipmentReference: containerNumber(i),
      trackerId: `TRK-${i}`,
      esealId: `SEAL-${i}`,
      shipmentId: `SHP-${i}`,
      delivery: { maxDelayS: 90, duplicateRate: 0.02 },
    });
    const plan = compileShipmentPlan(voyage.plan);
    plans.set(`TRK-${i}`, plan);
    plans.set(`SEAL-${i}`, plan);
    streams.push(
      voyage.messages.map((m) => ({
        topic: m.topic,
        body: JSON.stringify(m.payload),
        receivedAt: m.receivedAt,
      })),
    );
    endAt = Math.max(endAt, voyage.endAt);
    if ((i + 1) % 25 === 0) process.stderr.write(`  generated ${i + 1}/${count} voyages\n`);
  }
  const wire = streams.flat().sort((a, b) => a.receivedAt - b.receivedAt);
  return { plans, wire, endAt };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Share of one core this process got over the phase: below 1 means other work on the machine took it. */
function cpuShare(since: NodeJS.CpuUsage, seconds: number): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6 / seconds;
}

const rssMiB = (): number => process.memoryUsage().rss / 2 ** 20;

function baseline(wire: Wire[]) {
  const latencies = new Float64Array(wire.length);
  let valid = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < wire.length; i += 1) {
    const m = wire[i]!;
    const s = performance.now();
    const parsed = parseDeviceMessage(m.topic, JSON.parse(m.body));
    if (parsed.ok) {
      toObservation(parsed.message);
      valid += 1;
    }
    latencies[i] = performance.now() - s;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, cpuShare: cpuShare(cpu0, seconds), valid, latencies: latencies.sort() };
}

function withRules(wire: Wire[], plans: Map<string, CompiledShipmentPlan>, endAt: number) {
  const monitors = new Map<string, ContainerMonitor>();
  const byContainer = new Map<string, ContainerMonitor>();
  for (const [deviceId, plan] of plans) {
    let monitor = byContainer.get(plan.plan.equipmentReference);
    if (monitor === undefined) {
      monitor = ContainerMonitor.start(plan, START);
      byContainer.set(plan.plan.equipmentReference, monitor);
    }
    monitors.set(deviceId, monitor);
  }
  const register = new AlarmRegister();
  const fleet = [...byContainer.values()];
  const endToEnd = new Float64Array(wire.length);
  const evaluation = new Float64Array(wire.length);
  const outcomes: Record<string, number> = {};
  let changes = 0;
  let tickSeconds = 0;
  let ticks = 0;
  let nextTick = START + TICK_MS;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < wire.length; i += 1) {
    const m = wire[i]!;
    while (nextTick <= m.receivedAt) {
      const ts = performance.now();
      for (const monitor of fleet) for (const c of monitor.tick(nextTick)) register.apply(c, nextTick);
      tickSeconds += (performance.now() - ts) / 1000;
      ticks += fleet.length;
      nextTick += TICK_MS;
    }
    const s = performance.now();
    const parsed = parseDeviceMessage(m.topic, JSON.parse(m.body));
    if (!parsed.ok) {
      outcomes.REJECTED = (outcomes.REJECTED ?? 0) + 1;
      continue;
    }
    const observation = toObservation(parsed.message);
    const e = performance.now();
    const result = monitors.get(observation.deviceId)!.observe(observation, m.receivedAt);
    for (const c of result.changes) register.apply(c, m.receivedAt);
    const done = performance.now();
    outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
    changes += result.changes.length;
    evaluation[i] = done - e;
    endToEnd[i] = done - s;
    if (i % 50_000 === 0 && i > 0) process.stderr.write(`  rules: ${i}/${wire.length} messages\n`);
  }
  for (; nextTick <= endAt; nextTick += TICK_MS) {
    const ts = performance.now();
    for (const monitor of fleet) for (const c of monitor.tick(nextTick)) register.apply(c, nextTick);
    tickSeconds += (performance.now() - ts) / 1000;
    ticks += fleet.length;
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuShare(cpu0, seconds);
  const replays = fleet.reduce((sum, monitor) => sum + monitor.counters().REPLAYS, 0);
  const stateBytes =
    fleet.reduce((sum, monitor) => sum + JSON.stringify(monitor.snapshot()).length, 0) / fleet.length;
  return {
    seconds,
    cpuShare: cpu,
    tickSeconds,
    ticks,
    outcomes,
    changes,
    replays,
    alarms: register.all().length,
    alarmsActiveAtEnd: register.active().length,
    stateBytes,
    endToEnd: endToEnd.sort(),
    evaluation: evaluation.sort(),
  };
}

process.stderr.write(`warming up…\n`);
{
  const warm = buildFleet(7, 9_000);
  baseline(warm.wire);
  withRules(warm.wire, warm.plans, warm.endAt);
}
process.stderr.write(`building ${containers} voyages at ${intervalS} s…\n`);
const { plans, wire, endAt } = buildFleet(containers, 1);
const collect = (): void => (globalThis as { gc?: () => void }).gc?.();
collect();
const rssBefore = rssMiB();
process.stderr.write(`baseline: parse + validate ${wire.length} messages…\n`);
const base = baseline(wire);
const rssBaseline = rssMiB();
collect();
process.stderr.write(`rules: ${containers} monitors, all rules on…\n`);
const rules = withRules(wire, plans, endAt);
const rssRules = rssMiB();

const us = (ms: number): string => (ms * 1000).toFixed(1);
const baseRate = base.valid / base.seconds;
// Ticks are timed apart: message throughput excludes them, the tick row gives their cost.
const ruleRate = wire.length / (rules.seconds - rules.tickSeconds);
const rows: [string, string, string][] = [
  ['messages (readings + events)', String(wire.length), String(wire.length)],
  ['throughput, messages/s (ticks apart)', baseRate.toFixed(0), ruleRate.toFixed(0)],
  [
    'p50 per message, µs (end to end)',
    us(percentile(base.latencies, 0.5)),
    us(percentile(rules.endToEnd, 0.5)),
  ],
  [
    'p99 per message, µs (end to end)',
    us(percentile(base.latencies, 0.99)),
    us(percentile(rules.endToEnd, 0.99)),
  ],
  ['p50 rule evaluation only, µs', '–', us(percentile(rules.evaluation, 0.5))],
  ['p99 rule evaluation only, µs', '–', us(percentile(rules.evaluation, 0.99))],
  ['ticks (monitor × minute), µs each', '–', ((rules.tickSeconds * 1e6) / rules.ticks).toFixed(2)],
  ['CPU share of one core during phase', base.cpuShare.toFixed(2), rules.cpuShare.toFixed(2)],
  ['RSS after phase, MiB', rssBaseline.toFixed(0), rssRules.toFixed(0)],
];
const width = Math.max(...rows.map((r) => r[0].length));
console.log(
  `IoT rules bench — ${containers} containers, ${intervalS} s reporting, load average ${loadavg()[0]!.toFixed(2)}`,
);
console.log(
  `${'measure'.padEnd(width)} | ${'baseline (parse+validate)'.padStart(25)} | ${'with all rules'.padStart(14)}`,
);
console.log(`${'-'.repeat(width)}-|-${'-'.repeat(25)}-|-${'-'.repeat(14)}`);
for (const [name, a, b] of rows) console.log(`${name.padEnd(width)} | ${a.padStart(25)} | ${b.padStart(14)}`);
console.log(
  `outcomes ${JSON.stringify(rules.outcomes)}; ${rules.replays} late arrivals replayed; ${rules.changes} condition changes → ${rules.alarms} alarms (${rules.alarmsActiveAtEnd} active at the end); monitor state ≈ ${(rules.stateBytes / 1024).toFixed(1)} KiB JSON each; RSS before ${rssBefore.toFixed(0)} MiB (messages held as JSON strings)`,
);
console.log(
  JSON.stringify({
    bench: 'iot-rules',
    containers,
    intervalS,
    messages: wire.length,
    baseline: {
      messagesPerSecond: Math.round(baseRate),
      p50Us: Number(us(percentile(base.latencies, 0.5))),
      p99Us: Number(us(percentile(base.latencies, 0.99))),
      rssMiB: Math.round(rssBaseline),
      cpuShare: Number(base.cpuShare.toFixed(2)),
    },
    rules: {
      messagesPerSecond: Math.round(ruleRate),
      p50Us: Number(us(percentile(rules.endToEnd, 0.5))),
      p99Us: Number(us(percentile(rules.endToEnd, 0.99))),
      evaluationP50Us: Number(us(percentile(rules.evaluation, 0.5))),
      evaluationP99Us: Number(us(percentile(rules.evaluation, 0.99))),
      tickUs: Number(((rules.tickSeconds * 1e6) / rules.ticks).toFixed(2)),
      rssMiB: Math.round(rssRules),
      cpuShare: Number(rules.cpuShare.toFixed(2)),
      stateKiB: Number((rules.stateBytes / 1024).toFixed(1)),
      outcomes: rules.outcomes,
      replays: rules.replays,
      conditionChanges: rules.changes,
      alarms: rules.alarms,
    },
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
  }),
);
