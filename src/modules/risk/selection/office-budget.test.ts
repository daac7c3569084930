import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../declarations/demo/generator.js';
import type { Channel } from '../../declarations/index.js';
import { OfficeBudget, type BudgetCandidate, type OfficeRates } from './office-budget.js';

const RATES: OfficeRates = {
  rates: { green: 70, yellow: 15, red: 10, blue: 5 },
  randomMinimum: 2,
  explorationShare: 10,
};

function day(
  budget: OfficeBudget,
  n: number,
  seed: number,
  candidate: (r: () => number, i: number) => BudgetCandidate,
) {
  const r = seededRandom(seed);
  const out: { channel: Channel; source: string; score: number | null }[] = [];
  for (let i = 0; i < n; i++) {
    const c = candidate(r, i);
    const d = budget.decide(c);
    out.push({ channel: d.channel, source: d.source, score: c.score });
  }
  return out;
}

const modelled = (r: () => number): BudgetCandidate => {
  const p = r() ** 3;
  return { score: p, revenueAtStake: p * r() * 1000, uncertainty: p * (1 - p) };
};

const share = (xs: { channel: Channel }[], c: Channel) =>
  (100 * xs.filter((x) => x.channel === c).length) / xs.length;

describe('OfficeBudget', () => {
  it('realises every expected channel rate within one point over a day of 3,000 declarations', () => {
    const budget = new OfficeBudget(RATES, seededRandom(1));
    const out = day(budget, 3000, 2, (r, i) => ({
      ...modelled(r),
      ruleChannel: i % 40 === 0 ? 'yellow' : undefined,
    }));
    for (const c of ['green', 'yellow', 'red', 'blue'] as const)
      expect(Math.abs(share(out, c) - RATES.rates[c])).toBeLessThanOrEqual(1);
  });

  it('honours the random minimum exactly: at least ⌊n·rate⌋ random picks, each a control', () => {
    const budget = new OfficeBudget(RATES, seededRandom(3));
    const out = day(budget, 1234, 4, modelled);
    const random = out.filter((x) => x.source === 'random');
    expect(random.length).toBeGreaterThanOrEqual(Math.floor(1234 * 0.02));
    expect(random.every((x) => x.channel === 'red' || x.channel === 'yellow')).toBe(true);
  });

  it('gives the exploration share of the red and yellow budget to uncertain picks', () => {
    const budget = new OfficeBudget(RATES, seededRandom(5));
    const out = day(budget, 2000, 6, modelled);
    const explored = out.filter((x) => x.source === 'exploration');
    // 10 % of (10 + 15) % = 2.5 % of declarations.
    expect(explored.length).toBeGreaterThanOrEqual(Math.floor(2000 * 0.025) - 1);
    expect(explored.length).toBeLessThanOrEqual(Math.ceil(2000 * 0.025) + 1);
    const meanU = (xs: { score: number | null }[]) =>
      xs.reduce((a, x) => a + x.score! * (1 - x.score!), 0) / xs.length;
    expect(meanU(explored)).toBeGreaterThan(meanU(out));
  });

  it('sends the highest scores to red and the lowest to green', () => {
    const budget = new OfficeBudget({ ...RATES, randomMinimum: 0, explorationShare: 0 }, seededRandom(7));
    const out = day(budget, 2000, 8, modelled).slice(200);
    const mean = (c: Channel) => {
      const xs = out.filter((x) => x.channel === c);
      return xs.reduce((a, x) => a + x.score!, 0) / xs.length;
    };
    expect(mean('red')).toBeGreaterThan(mean('yellow'));
    expect(mean('yellow')).toBeGreaterThan(mean('green'));
    const modelRed = out.filter((x) => x.channel === 'red' && x.source === 'model');
    expect(modelRed.length / out.filter((x) => x.channel === 'red').length).toBeGreaterThan(0.8);
  });

  it('lets criteria hits beat the model: every rule hit keeps at least its channel, red beating yellow', () => {
    const budget = new OfficeBudget(RATES, seededRandom(9));
    const out = day(budget, 500, 10, (r, i) => ({
      ...modelled(r),
      ruleChannel: i % 10 === 0 ? 'red' : i % 10 === 1 ? 'yellow' : undefined,
    }));
    out.forEach((x, i) => {
      if (i % 10 === 0) expect(x).toMatchObject({ channel: 'red', source: 'rule' });
      if (i % 10 === 1) expect(['yellow', 'red']).toContain(x.channel);
    });
  });

  it('keeps the rates without a model, selecting the top-up at random', () => {
    const budget = new OfficeBudget(RATES, seededRandom(11));
    const out = day(budget, 1500, 12, () => ({ score: null, revenueAtStake: null, uncertainty: null }));
    for (const c of ['green', 'yellow', 'red', 'blue'] as const)
      expect(Math.abs(share(out, c) - RATES.rates[c])).toBeLessThanOrEqual(1);
    expect(out.some((x) => x.source === 'model')).toBe(false);
  });

  it('continues a restored day from its counters', () => {
    const first = new OfficeBudget(RATES, seededRandom(13));
    day(first, 600, 14, modelled);
    const second = new OfficeBudget(RATES, seededRandom(15));
    second.restore(first.realised);
    const rest = day(second, 600, 16, modelled);
    expect(second.decided).toBe(1200);
    const total = second.realised.byChannel;
    expect(Math.abs((100 * total.red) / 1200 - 10)).toBeLessThanOrEqual(1);
    expect(rest.length).toBe(600);
  });
});
