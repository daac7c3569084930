/**
 * Mean kinetic temperature (USP <1079.2>, GDP):
 *
 *   MKT = (ΔH/R) / −ln( Σ tᵢ·e^(−ΔH/(R·Tᵢ)) / Σ tᵢ ),  T in kelvin, ΔH/R = 10 000 K by convention.
 *
 * Terms are scaled by e^(ΔH/(R·T_ref)) so that sums stay far from underflow; the scale cancels out.
 */

export const DEFAULT_ACTIVATION_ENERGY_K = 10_000;
const KELVIN = 273.15;
const REFERENCE_K = KELVIN + 10;

/** One temperature held for a duration (any unit of time, as long as all segments share it). */
export interface TemperatureSegment {
  temperatureC: number;
  duration: number;
}

function weight(temperatureC: number, activationEnergyK: number): number {
  return Math.exp(-activationEnergyK * (1 / (temperatureC + KELVIN) - 1 / REFERENCE_K));
}

function fromMeanWeight(meanWeight: number, activationEnergyK: number): number {
  return 1 / (1 / REFERENCE_K - Math.log(meanWeight) / activationEnergyK) - KELVIN;
}

/** MKT in °C of time-weighted segments; null when the total duration is zero. */
export function meanKineticTemperatureC(
  segments: readonly TemperatureSegment[],
  activationEnergyK = DEFAULT_ACTIVATION_ENERGY_K,
): number | null {
  let weighted = 0;
  let total = 0;
  for (const s of segments) {
    if (s.duration <= 0) continue;
    weighted += s.duration * weight(s.temperatureC, activationEnergyK);
    total += s.duration;
  }
  return total > 0 ? fromMeanWeight(weighted / total, activationEnergyK) : null;
}

/** A timestamped temperature reading (epoch ms). */
export interface TemperatureReading {
  at: number;
  temperatureC: number;
}

/**
 * MKT of readings in time order, each held until the next reading (sample-and-hold) but never for longer
 * than `maxGapMs`: a gap in the record is not assumed to be at the last known temperature.
 */
export function meanKineticTemperatureOfReadingsC(
  readings: readonly TemperatureReading[],
  options: { maxGapMs: number; activationEnergyK?: number },
): number | null {
  const segments: TemperatureSegment[] = [];
  for (let i = 0; i + 1 < readings.length; i += 1) {
    const current = readings[i]!;
    const next = readings[i + 1]!;
    segments.push({
      temperatureC: current.temperatureC,
      duration: Math.min(next.at - current.at, options.maxGapMs),
    });
  }
  return meanKineticTemperatureC(segments, options.activationEnergyK);
}

/**
 * Rolling MKT over the last `windowMs` of data time, fed readings in time order. Plain data, so it can be
 * serialised with the monitor that owns it. Running sums are recomputed exactly every so often to keep
 * floating-point drift from evictions bounded.
 */
export interface RollingMktState {
  windowMs: number;
  maxGapMs: number;
  activationEnergyK: number;
  /**
   * Closed segments, flattened as startAt, endAt, temperatureC triples (one array of numbers keeps a monitor
   * with a day of minute readings small), oldest first, from triple index `head`.
   */
  segments: number[];
  head: number;
  weighted: number;
  coveredMs: number;
  last: TemperatureReading | null;
  evictionsSinceExact: number;
}

export function createRollingMkt(options: {
  windowMs: number;
  maxGapMs: number;
  activationEnergyK?: number;
}): RollingMktState {
  return {
    windowMs: options.windowMs,
    maxGapMs: options.maxGapMs,
    activationEnergyK: options.activationEnergyK ?? DEFAULT_ACTIVATION_ENERGY_K,
    segments: [],
    head: 0,
    weighted: 0,
    coveredMs: 0,
    last: null,
    evictionsSinceExact: 0,
  };
}

const EXACT_EVERY = 256;

function recomputeExact(state: RollingMktState): void {
  let weighted = 0;
  let covered = 0;
  const s = state.segments;
  for (let i = state.head * 3; i < s.length; i += 3) {
    const start = s[i]!;
    const end = s[i + 1]!;
    const t = s[i + 2]!;
    weighted += (end - start) * weight(t, state.activationEnergyK);
    covered += end - start;
  }
  state.weighted = weighted;
  state.coveredMs = covered;
  state.evictionsSinceExact = 0;
}

function evictBefore(state: RollingMktState, windowStart: number): void {
  const s = state.segments;
  while (state.head * 3 < s.length) {
    const i = state.head * 3;
    const start = s[i]!;
    const end = s[i + 1]!;
    if (start >= windowStart) break;
    const cut = Math.min(end, windowStart) - start;
    state.weighted -= cut * weight(s[i + 2]!, state.activationEnergyK);
    state.coveredMs -= cut;
    state.evictionsSinceExact += 1;
    if (end <= windowStart) state.head += 1;
    else s[i] = windowStart;
  }
  if (state.head > 512 && state.head * 6 > s.length) {
    state.segments = s.slice(state.head * 3);
    state.head = 0;
  }
  if (state.evictionsSinceExact >= EXACT_EVERY) recomputeExact(state);
}

/**
 * Folds in a reading. Readings must come in non-decreasing time order (the monitor replays late ones in
 * order); an older reading is a programming error.
 */
export function addRollingMktReading(state: RollingMktState, reading: TemperatureReading): void {
  const previous = state.last;
  if (previous !== null) {
    if (reading.at < previous.at) throw new RangeError('rolling MKT readings must be in time order');
    const held = Math.min(reading.at - previous.at, state.maxGapMs);
    if (held > 0) {
      state.segments.push(previous.at, previous.at + held, previous.temperatureC);
      state.weighted += held * weight(previous.temperatureC, state.activationEnergyK);
      state.coveredMs += held;
    }
  }
  state.last = { at: reading.at, temperatureC: reading.temperatureC };
  evictBefore(state, reading.at - state.windowMs);
}

/** MKT in °C over the window, or null before any time is covered. */
export function rollingMktC(state: RollingMktState): number | null {
  if (state.coveredMs <= 0) return null;
  return fromMeanWeight(
    Math.max(state.weighted, Number.MIN_VALUE) / state.coveredMs,
    state.activationEnergyK,
  );
}

/** How much time inside the window the rolling MKT actually rests on, in ms. */
export function rollingMktCoverageMs(state: RollingMktState): number {
  return Math.max(0, state.coveredMs);
}
