import { describe, expect, it } from 'vitest';
import en from './messages.en.json' with { type: 'json' };
import es from './messages.es.json' with { type: 'json' };
import { EVIDENCE_REASON_CODES } from './origin.service.js';

describe('origin evidence messages', () => {
  it('has an English and a Spanish message for every evidence reason code, and nothing else', () => {
    expect(Object.keys(en).sort()).toEqual([...EVIDENCE_REASON_CODES].sort());
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });
});
