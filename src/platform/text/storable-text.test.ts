import { describe, expect, it } from 'vitest';
import { findUnstorableText, mayHoldUnstorableText } from './storable-text.js';

describe('findUnstorableText', () => {
  it('finds nothing in a body PostgreSQL can store, paired surrogates (emoji) included', () => {
    expect(findUnstorableText({ a: 'x', b: [1, 'café 📦', { c: null }], d: true })).toBeUndefined();
    expect(findUnstorableText(null)).toBeUndefined();
    expect(findUnstorableText(42)).toBeUndefined();
  });

  it('points at the string that holds a NUL, escaping the keys', () => {
    expect(findUnstorableText({ goodsItems: [{ description: 'ok' }, { description: 'a\u0000b' }] })).toEqual({
      pointer: '/goodsItems/1/description',
      character: 'U+0000',
    });
    expect(findUnstorableText({ 'a/b': { 'c~d': '\u0000' } })?.pointer).toBe('/a~1b/c~0d');
    expect(findUnstorableText('raw\u0000text')).toEqual({ pointer: '', character: 'U+0000' });
  });

  it('finds a lone high or low surrogate', () => {
    expect(findUnstorableText({ name: 'a\ud800b' })).toEqual({ pointer: '/name', character: 'U+D800' });
    expect(findUnstorableText({ name: 'end\ud83d' })).toEqual({ pointer: '/name', character: 'U+D83D' });
    expect(findUnstorableText({ name: '\udc00start' })).toEqual({ pointer: '/name', character: 'U+DC00' });
  });

  it('points at an object key that holds one', () => {
    expect(findUnstorableText({ parties: { 'x\u0000': 1 } })?.pointer).toBe('/parties/x\u0000');
  });

  it('walks a body nested 20 000 deep without exhausting the stack', () => {
    const deep = JSON.parse('['.repeat(20_000) + '"\\u0000"' + ']'.repeat(20_000)) as unknown;
    expect(findUnstorableText(deep)?.pointer).toBe('/0'.repeat(20_000));
  });
});

describe('mayHoldUnstorableText', () => {
  it('is false for JSON text without a \\u escape, whatever it holds', () => {
    expect(mayHoldUnstorableText(JSON.stringify({ a: 'café 📦', b: [1, 2] }))).toBe(false);
    expect(mayHoldUnstorableText(JSON.stringify({ a: 'x\u0000' }))).toBe(true);
    expect(mayHoldUnstorableText(JSON.stringify({ a: 'x\ud800' }))).toBe(true);
  });
});
