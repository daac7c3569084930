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
 * Rolling MKT over the last `windowMs` of data time, fed readings in time order.
 *
 * Held time is accumulated into fixed buckets of `bucketMs` (aligned on the epoch), each keeping
 * Σ tᵢ·e^(−ΔH/(R·Tᵢ)) and Σ tᵢ. A segment is split exactly at bucket edges, so the only approximation is
 * at the window's start, where the one bucket that straddles it counts pro rata. State stays at
 * window / bucket triples (97 for a day in 15-minute buckets) whatever the reporting interval — small to
 * persist and cheap to copy when a late reading forces a replay — and it is plain data.
 */
export interface RollingMktState {
  windowMs: number;
  maxGapMs: number;
  bucketMs: number;
  activationEnergyK: number;
  /** Buckets flattened as startAt, Σ t·weight, Σ t triples, oldest first. */
  buckets: number[];
  last: TemperatureReading | null;
}

export function createRollingMkt(options: {
  windowMs: number;
  maxGapMs: number;
  activationEnergyK?: number;
  /** Default: 15 minutes, or window / 96 if that is shorter. */
  bucketMs?: number;
}): RollingMktState {
  return {
    windowMs: options.windowMs,
    maxGapMs: options.maxGapMs,
    bucketMs: options.bucketMs ?? Math.max(1, Math.min(15 * 60_000, Math.floor(options.windowMs / 96))),
    activationEnergyK: options.activationEnergyK ?? DEFAULT_ACTIVATION_ENERGY_K,
    buckets: [],
    last: null,
  };
}

function hold(state: RollingMktState, from: number, to: number, temperatureC: number): void {
  const w = weight(temperatureC, state.activationEnergyK);
  const b = state.buckets;
  let start = from;
  while (start < to) {
    const bucketStart = Math.floor(start / state.bucketMs) * state.bucketMs;
    const end = Math.min(to, bucketStart + state.bucketMs);
    const n = b.length;
    if (n === 0 || b[n - 3] !== bucketStart) b.push(bucketStart, 0, 0);
    const i = b.length - 3;
    b[i + 1] = b[i + 1]! + (end - start) * w;
    b[i + 2] = b[i + 2]! + (end - start);
    start = end;
  }
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
    if (held > 0) hold(state, previous.at, previous.at + held, previous.temperatureC);
  }
  state.last = { at: reading.at, temperatureC: reading.temperatureC };
  const windowStart = reading.at - state.windowMs;
  let drop = 0;
  while (drop < state.buckets.length && state.buckets[drop]! + state.bucketMs <= windowStart) drop += 3;
  if (drop > 0) state.buckets.splice(0, drop);
}

function windowSums(state: RollingMktState): { weighted: number; covered: number } {
  let weighted = 0;
  let covered = 0;
  const b = state.buckets;
  const windowStart = state.last === null ? -Infinity : state.last.at - state.windowMs;
  for (let i = 0; i < b.length; i += 3) {
    const share = Math.min(1, (b[i]! + state.bucketMs - windowStart) / state.bucketMs);
    weighted += b[i + 1]! * share;
    covered += b[i + 2]! * share;
  }
  return { weighted, covered };
}

/** MKT in °C over the window (null before any time is covered) and the time it rests on, in one pass. */
export function rollingMkt(state: RollingMktState): { mktC: number | null; coveredMs: number } {
  const { weighted, covered } = windowSums(state);
  return {
    mktC: covered > 0 ? fromMeanWeight(weighted / covered, state.activationEnergyK) : null,
    coveredMs: covered,
  };
}

/** MKT in °C over the window, or null before any time is covered. */
export function rollingMktC(state: RollingMktState): number | null {
  const { weighted, covered } = windowSums(state);
  if (covered <= 0) return null;
  return fromMeanWeight(weighted / covered, state.activationEnergyK);
}

/** How much time inside the window the rolling MKT actually rests on, in ms. */
export function rollingMktCoverageMs(state: RollingMktState): number {
  return windowSums(state).covered;
}
