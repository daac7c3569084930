import { describe, expect, it } from 'vitest';
import { readExplanation } from './explanation';
import { redByRule } from './test-fixtures';

describe('reading the risk explanation the API sends', () => {
  it('keeps well-formed hits, contributions, items and budget place', () => {
    const e = readExplanation(redByRule());
    expect(e.hits.map((h) => [h.name, h.version, h.items, h.applied, h.action])).toEqual([
      ['Undervalued footwear from listed origins', 4, [2], true, { channel: 'red', percent: 100 }],
      ['New importer', 1, [1, 2], false, { channel: 'yellow', percent: 25 }],
    ]);
    expect(e.contributions.map((c) => [c.source, c.contribution])).toEqual([
      ['unitValue', 1.25],
      ['importerId×hs6', -0.5],
      ['originCountry', 0.3],
    ]);
    expect(e.items.map((i) => i.sequence)).toEqual([1, 2]);
    expect(e.budget).toEqual({ office: 'JMKIN', day: '2026-11-26', index: 41 });
  });

  it('reads a score-weight profile as points on the score', () => {
    const e = readExplanation(
      redByRule({
        ruleHits: [
          { profileId: 'p', name: 'AEO', version: 2, action: { scoreWeight: -10 }, items: [], applied: true },
        ],
      }),
    );
    expect(e.hits[0]!.action).toEqual({ scoreWeight: -10 });
  });

  it('leaves out malformed parts instead of guessing, and orders signals by time', () => {
    const e = readExplanation(
      redByRule({
        ruleHits: [null, { reason: 'no name' }],
        topFeatures: [{ source: 'hs6', contribution: 'high' }, 'x'],
        items: [{ sequence: 1 }],
        budget: { office: 'JMKIN' },
        signals: [
          { kind: 'telepathy', detail: null, effect: 'vanished', receivedAt: '2026-11-26T12:00:00Z' },
          { kind: 'origin', detail: {}, effect: 'recorded', receivedAt: '2026-11-26T08:00:00Z' },
        ],
      }),
    );
    expect(e.hits).toEqual([]);
    expect(e.contributions).toEqual([]);
    expect(e.items).toEqual([]);
    expect(e.budget).toBeNull();
    expect(e.signals.map((s) => [s.kind, s.effect])).toEqual([
      ['origin', 'recorded'],
      ['other', 'other'],
    ]);
  });
});
