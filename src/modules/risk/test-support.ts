/**
 * Helpers for the risk module's tests and benchmark: slices of the shipped data, small models that train in a
 * second, and principals. Not used by product code.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Principal } from '../../platform/auth/roles.js';
import type { BoosterParams } from './model/index.js';
import { installationPath } from './risk.module.js';

export const TRAIN_CSV = installationPath('assets/fraud/df_syn_train_eng.csv');
export const VALID_CSV = installationPath('assets/fraud/df_syn_valid_eng.csv');

/** A model small enough to train in about a second, for tests. */
export const SMALL_BOOSTER: Partial<BoosterParams> = { rounds: 30, maxLeaves: 15, maxDepth: 6 };

/** Writes the header and the first `rows` declarations of a CSV to a temporary file; returns its path. */
export function csvSlice(
  source: string,
  rows: number,
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aduana-risk-')),
): string {
  const lines = fs.readFileSync(source, 'utf8').split('\n');
  const file = path.join(dir, `${path.basename(source, '.csv')}-${rows}.csv`);
  fs.writeFileSync(file, `${lines.slice(0, rows + 1).join('\n')}\n`);
  return file;
}

export function principal(
  roles: Principal['roles'],
  name: string,
  partyTin: string | null = null,
): Principal {
  return { kind: 'user', id: name, name, roles, partyTin, office: null, locale: 'en' };
}

/** An analyst's profile used across the acceptance and browser tests: cigarettes declared under 20 USD/kg go red. */
export const CHEAP_CIGARETTES_PROFILE = {
  name: 'Cigarettes under 20 USD/kg',
  criteria: {
    all: [
      { field: 'hsCode', op: 'inList', list: 'tobacco' },
      { field: 'unitValuePerKg', op: 'lt', value: 20 },
    ],
  },
  action: { channel: 'red' },
  reason: 'Undervaluation of cigarettes: the usual price is 25–40 USD/kg',
} as const;
