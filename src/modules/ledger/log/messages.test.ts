import { describe, expect, it } from 'vitest';
import { LEDGER_LOG_ERROR_CODES } from './errors.js';
import en from './messages.en.json' with { type: 'json' };
import es from './messages.es.json' with { type: 'json' };

describe('ledger log message catalogues', () => {
  it('translate every error code, in English and in Spanish, with the same keys', () => {
    const codes = [...LEDGER_LOG_ERROR_CODES].sort();
    expect(Object.keys(en).sort()).toEqual(codes);
    expect(Object.keys(es).sort()).toEqual(codes);
  });

  it('have no empty message', () => {
    for (const text of [...Object.values(en), ...Object.values(es)]) expect(text.trim()).not.toBe('');
  });
});
