import { describe, expect, it } from 'vitest';
import {
  addRollingMktReading,
  createRollingMkt,
  meanKineticTemperatureC,
  meanKineticTemperatureOfReadingsC,
  rollingMktC,
  rollingMktCoverageMs,
} from './mkt.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe('mean kinetic temperature', () => {
  it('gives 5.87 °C for 22 h at 5 °C and 2 h at 12 °C (DOMAIN.md check)', () => {
    const mkt = meanKineticTemperatureC([
      { temperatureC: 5, duration: 22 },
      { temperatureC: 12, duration: 2 },
    ]);
    expect(mkt).not.toBeNull();
    expect(mkt!.toFixed(2)).toBe('5.87');
  });

  it('gives 7.71 °C for 20 h at 5 °C and 4 h at 15 °C (DOMAIN.md check, to within its rounding)', () => {
    const mkt = meanKineticTemperatureC([
      { temperatureC: 5, duration: 20 },
      { temperatureC: 15, duration: 4 },
    ])!;
    // With T = °C + 273.15 the exact value is 7.7046 °C; DOMAIN.md's 7.71 is what T = °C + 273 (or 273.1)
    // gives (7.7060). Both agree to within 0.006 °C, far below any logger's resolution.
    expect(Math.abs(mkt - 7.71)).toBeLessThan(0.006);
    expect(mkt).toBeCloseTo(7.7046, 4);
  });

  it('equals the temperature when it never changes, and lies above the arithmetic mean otherwise', () => {
    expect(meanKineticTemperatureC([{ temperatureC: -18, duration: 5 }])).toBeCloseTo(-18, 9);
    const mkt = meanKineticTemperatureC([
      { temperatureC: 2, duration: 1 },
      { temperatureC: 8, duration: 1 },
    ])!;
    expect(mkt).toBeGreaterThan(5);
    expect(mkt).toBeLessThan(8);
  });

  it('weighs by ΔH/R: a higher activation energy pulls MKT towards the warm peak', () => {
    const segments = [
      { temperatureC: 5, duration: 20 },
      { temperatureC: 15, duration: 4 },
    ];
    expect(meanKineticTemperatureC(segments, 20_000)!).toBeGreaterThan(meanKineticTemperatureC(segments)!);
  });

  it('is null with no duration', () => {
    expect(meanKineticTemperatureC([])).toBeNull();
    expect(meanKineticTemperatureC([{ temperatureC: 5, duration: 0 }])).toBeNull();
  });

  it('holds each reading until the next one, capped by the maximum gap', () => {
    const readings = [
      { at: 0, temperatureC: 5 },
      { at: 22 * HOUR, temperatureC: 12 },
      { at: 24 * HOUR, temperatureC: 12 },
    ];
    expect(meanKineticTemperatureOfReadingsC(readings, { maxGapMs: 48 * HOUR })!.toFixed(2)).toBe('5.87');
    // With a 2 h cap, the 22 h at 5 °C counts for only 2 h: two equal halves.
    const capped = meanKineticTemperatureOfReadingsC(readings, { maxGapMs: 2 * HOUR })!;
    expect(capped).toBeCloseTo(
      meanKineticTemperatureC([
        { temperatureC: 5, duration: 1 },
        { temperatureC: 12, duration: 1 },
      ])!,
      9,
    );
  });
});

describe('rolling mean kinetic temperature', () => {
  function feed(windowMs: number, profile: (hour: number) => number, hours: number, stepMs = 5 * MINUTE) {
    const state = createRollingMkt({ windowMs, maxGapMs: 30 * MINUTE });
    for (let at = 0; at <= hours * HOUR; at += stepMs)
      addRollingMktReading(state, { at, temperatureC: profile(at / HOUR) });
    return state;
  }

  it('reproduces the 7.71 °C check over a 24 h window', () => {
    const state = feed(24 * HOUR, (h) => (h < 20 ? 5 : 15), 24);
    expect(Math.abs(rollingMktC(state)! - 7.71)).toBeLessThan(0.006);
    expect(rollingMktC(state)).toBeCloseTo(
      meanKineticTemperatureC([
        { temperatureC: 5, duration: 20 },
        { temperatureC: 15, duration: 4 },
      ])!,
      9,
    );
    expect(rollingMktCoverageMs(state)).toBe(24 * HOUR);
  });

  it('forgets what left the window: 30 h of data, the first 6 h hot, gives back the flat 5 °C', () => {
    const state = feed(24 * HOUR, (h) => (h < 6 ? 15 : 5), 30);
    expect(rollingMktC(state)).toBeCloseTo(5, 9);
    expect(rollingMktCoverageMs(state)).toBe(24 * HOUR);
  });

  it('splits a long segment exactly at bucket edges and trims at the window start', () => {
    const state = createRollingMkt({ windowMs: 10 * HOUR, maxGapMs: 100 * HOUR });
    addRollingMktReading(state, { at: 0, temperatureC: 15 });
    addRollingMktReading(state, { at: 8 * HOUR, temperatureC: 5 });
    addRollingMktReading(state, { at: 12 * HOUR, temperatureC: 5 });
    // window [2 h, 12 h]: 6 h at 15 °C, 4 h at 5 °C
    expect(rollingMktC(state)).toBeCloseTo(
      meanKineticTemperatureC([
        { temperatureC: 15, duration: 6 },
        { temperatureC: 5, duration: 4 },
      ])!,
      9,
    );
    expect(rollingMktCoverageMs(state)).toBe(10 * HOUR);
  });

  it('counts the bucket straddling the window start pro rata', () => {
    const state = createRollingMkt({ windowMs: HOUR, maxGapMs: HOUR, bucketMs: 30 * MINUTE });
    for (let at = 0; at <= 70 * MINUTE; at += 10 * MINUTE)
      addRollingMktReading(state, { at, temperatureC: 5 });
    // window [10 min, 70 min]: the first bucket [0, 30) counts for 20 of its 30 minutes.
    expect(rollingMktCoverageMs(state)).toBeCloseTo(HOUR, 6);
    expect(rollingMktC(state)).toBeCloseTo(5, 9);
  });

  it('keeps its state small whatever the reporting interval', () => {
    const state = feed(24 * HOUR, () => 5, 72, MINUTE);
    expect(state.buckets.length / 3).toBeLessThanOrEqual(97);
  });

  it('stays exact over a long run of evictions', () => {
    const state = feed(24 * HOUR, (h) => 5 + 3 * Math.sin(h), 24 * 30, MINUTE);
    const readings: { at: number; temperatureC: number }[] = [];
    for (let at = 24 * 29 * HOUR; at <= 24 * 30 * HOUR; at += MINUTE)
      readings.push({ at, temperatureC: 5 + 3 * Math.sin(at / HOUR) });
    const direct = meanKineticTemperatureOfReadingsC(readings, { maxGapMs: 30 * MINUTE })!;
    expect(rollingMktC(state)).toBeCloseTo(direct, 6);
  });

  it('does not count a gap longer than the maximum as held temperature', () => {
    const state = createRollingMkt({ windowMs: 24 * HOUR, maxGapMs: 30 * MINUTE });
    addRollingMktReading(state, { at: 0, temperatureC: 20 });
    addRollingMktReading(state, { at: 10 * HOUR, temperatureC: 5 });
    expect(rollingMktCoverageMs(state)).toBe(30 * MINUTE);
  });

  it('refuses a reading older than the last one', () => {
    const state = createRollingMkt({ windowMs: HOUR, maxGapMs: HOUR });
    addRollingMktReading(state, { at: 10, temperatureC: 5 });
    expect(() => addRollingMktReading(state, { at: 5, temperatureC: 5 })).toThrow(RangeError);
  });

  it('survives a JSON round trip and carries on identically', () => {
    const a = feed(6 * HOUR, (h) => 4 + h, 8);
    const b = JSON.parse(JSON.stringify(a)) as typeof a;
    addRollingMktReading(a, { at: 9 * HOUR, temperatureC: 7 });
    addRollingMktReading(b, { at: 9 * HOUR, temperatureC: 7 });
    expect(rollingMktC(b)).toBe(rollingMktC(a));
  });
});
