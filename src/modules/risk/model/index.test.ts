import { describe, expect, it } from 'vitest';
import {
  DECLARATION_CSV_COLUMNS,
  evaluateDeclarationCsv,
  trainFraudModel,
  type LabelledDeclaration,
} from './index.js';
import { seededRandom } from './random.js';

function declarations(n: number, seed: number): LabelledDeclaration[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const fraud = random.next() < 0.25 ? 1 : 0;
    return {
      fraud,
      input: {
        date: '2020-05-04',
        officeId: fraud === 1 && random.next() < 0.8 ? '40' : '20',
        processType: 'B',
        importType: '11',
        importUse: '21',
        paymentType: '11',
        modeOfTransport: '10',
        declarantId: `D${random.nextInt(20)}`,
        importerId: `I${random.nextInt(100)}`,
        sellerId: null,
        courierId: null,
        hs6: '392690',
        departureCountry: 'CN',
        originCountry: 'CN',
        originIndicator: 'E',
        taxRate: 6.5,
        taxType: 'C',
        netMassKg: 1 + random.nextInt(500),
        itemPrice: 100 + random.nextInt(10_000),
      },
    };
  });
}

describe('evaluateDeclarationCsv', () => {
  it('evaluates a CSV it has never seen: new identifiers, other column order, an empty mass', async () => {
    const model = trainFraudModel({
      train: declarations(800, 1),
      params: { booster: { rounds: 20, maxLeaves: 4 } },
    });
    const header = [...DECLARATION_CSV_COLUMNS].reverse().join(',');
    const line = (office: string, fraud: number, mass: string): string =>
      [
        'NEW-ID',
        '2022-06-01',
        office,
        'B',
        '11',
        '21',
        '11',
        '10',
        'NEWDECL',
        'NEWIMP',
        '',
        '',
        '847130',
        'US',
        'US',
        '8.0',
        'A',
        'Y',
        mass,
        '1000.0',
        String(fraud),
        String(fraud),
      ]
        .reverse()
        .join(',');
    const csv = [
      header,
      line('40', 1, '12.5'),
      line('20', 0, ''),
      line('20', 0, '3'),
      line('40', 1, '7'),
    ].join('\n');
    const evaluation = await evaluateDeclarationCsv(model, { content: csv }, [50]);
    expect(evaluation.rows).toBe(4);
    expect(evaluation.frauds).toBe(2);
    // The model learned that office 40 is risky; the two office-40 declarations come first.
    expect(evaluation.auc).toBe(1);
    expect(evaluation.budgets['50']).toEqual({ precision: 1, recall: 1, revenue: 1 });
  });

  it('passes on the coded error of a malformed file', async () => {
    const model = trainFraudModel({ train: declarations(200, 2), params: { booster: { rounds: 2 } } });
    await expect(
      evaluateDeclarationCsv(model, { content: 'Declaration ID,Date\n1,2020-01-01' }),
    ).rejects.toMatchObject({
      code: 'CSV_MISSING_COLUMN',
    });
  });
});
