import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../declarations/demo/generator.js';
import { officeDay } from './office-day.js';
import { StratifiedSampler } from './stratified-sampler.js';

describe('StratifiedSampler', () => {
  it('picks exactly one position in each stratum of 1/rate declarations, also for fractional strata', () => {
    for (const rate of [0.02, 0.03, 0.025, 0.3]) {
      const s = new StratifiedSampler(rate, seededRandom(1));
      const picks: number[] = [];
      for (let i = 0; i < 2000; i++) if (s.isPick(i)) picks.push(i);
      const length = 1 / rate;
      for (let k = 0; k < Math.floor(2000 * rate); k++) {
        const inStratum = picks.filter(
          (p) => p >= Math.ceil(k * length - 1e-9) && p < Math.ceil((k + 1) * length - 1e-9),
        );
        expect(inStratum, `rate ${rate} stratum ${k}`).toHaveLength(1);
      }
      for (let n = 1; n <= 2000; n++)
        expect(picks.filter((p) => p < n).length).toBeGreaterThanOrEqual(Math.floor(n * rate));
    }
  });

  it('does not always pick the same position of a stratum', () => {
    const s = new StratifiedSampler(0.1, seededRandom(2));
    const offsets = new Set<number>();
    for (let i = 0; i < 1000; i++) if (s.isPick(i)) offsets.add(i % 10);
    expect(offsets.size).toBeGreaterThan(5);
  });

  it('never picks at rate 0', () => {
    const s = new StratifiedSampler(0, seededRandom(3));
    expect(Array.from({ length: 100 }, (_, i) => s.isPick(i)).some(Boolean)).toBe(false);
  });
});

describe('officeDay', () => {
  it('is the calendar day in the office’s time zone (Kingston is UTC−5)', () => {
    expect(officeDay('JMKIN01', new Date('2026-03-10T03:00:00Z'))).toEqual({
      day: '2026-03-09',
      start: new Date('2026-03-09T05:00:00Z'),
      end: new Date('2026-03-10T05:00:00Z'),
    });
    expect(officeDay('JMKIN01', new Date('2026-03-10T05:00:00Z')).day).toBe('2026-03-10');
    expect(officeDay('UNKNOWN1', new Date('2026-03-10T03:00:00Z')).day).toBe('2026-03-10');
  });
});
