import { describe, expect, it } from 'vitest';
import { csvSlice, TRAIN_CSV, VALID_CSV } from '../test-support.js';
import { labelledDeclarations, readDeclarationCsv } from '../model/index.js';
import { buildTrainingSets, type PlatformLabel } from './training-data.js';

const base = labelledDeclarations(await readDeclarationCsv(csvSlice(VALID_CSV, 300)));

/** Platform labels on consecutive days from 2026-01-01, fraud on every third. */
function labels(n: number, flip?: number): PlatformLabel[] {
  return Array.from({ length: n }, (_, i) => {
    const fraud = (i % 3 === 0) !== (i === flip) ? 1 : 0;
    const date = new Date(Date.UTC(2026, 0, 1 + Math.floor(i / 4)));
    return {
      declarationId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      lodgedAt: new Date(date.getTime() + (i % 4) * 3_600_000).toISOString(),
      fraud,
      revenue: fraud ? 100 : 0,
      items: [
        {
          sequence: 1,
          input: { ...base[i % base.length]!.input, date: date.toISOString().slice(0, 10) },
          fraud,
        },
      ],
    };
  });
}

describe('buildTrainingSets', () => {
  it('trains on the shipped year and holds out the shipped quarter; few platform labels all go to training', async () => {
    const sets = await buildTrainingSets({
      trainCsv: csvSlice(TRAIN_CSV, 500),
      validCsv: csvSlice(VALID_CSV, 200),
      platformLabels: labels(20),
      minPlatformValidation: 200,
    });
    expect(sets.train).toHaveLength(520);
    expect(sets.valid.shipped).toHaveLength(200);
    expect(sets.valid.platform).toHaveLength(0);
    expect(sets.description.platformCutoff).toBeNull();
    expect(sets.description.train.map((s) => [s.source, s.rows])).toEqual([
      ['shipped', 500],
      ['platform', 20],
    ]);
    const shippedTo = sets.description.train[0]!.to!;
    expect(shippedTo < sets.description.validation[0]!.from!).toBe(true);
  });

  it('holds out the latest whole days of platform labels once there are enough, never training on a later day', async () => {
    const sets = await buildTrainingSets({ platformLabels: labels(240), minPlatformValidation: 200 });
    const cutoff = sets.description.platformCutoff!;
    expect(cutoff).toMatch(/^2026-/);
    expect(sets.train.every((d) => d.input.date < cutoff)).toBe(true);
    expect(sets.valid.platform.every((d) => d.input.date >= cutoff)).toBe(true);
    expect(sets.valid.platform.length).toBeGreaterThanOrEqual(48);
    expect(sets.train.length + sets.valid.platform.length).toBe(240);
  });

  it('changes the labels digest when one control result changes', async () => {
    const a = await buildTrainingSets({ platformLabels: labels(30) });
    const b = await buildTrainingSets({ platformLabels: labels(30, 4) });
    const c = await buildTrainingSets({ platformLabels: labels(30) });
    expect(a.description.labelsDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(b.description.labelsDigest).not.toBe(a.description.labelsDigest);
    expect(c.description.labelsDigest).toBe(a.description.labelsDigest);
  });
});
