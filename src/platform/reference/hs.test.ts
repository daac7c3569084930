import { describe, expect, it } from 'vitest';
import { checkHsCode, getHs, isKnownHsCode, listHsSubheadings, normalizeHsCode, searchHs } from './hs.js';

describe('getHs', () => {
  it('finds subheading 080810 (fresh apples) with its heading, chapter and section', () => {
    const apples = getHs('080810');
    expect(apples).toMatchObject({
      code: '080810',
      level: 'subheading',
      description: 'Fruit, edible; apples, fresh',
      parent: '0808',
      section: { numeral: 'II', name: 'Vegetable products' },
    });
    expect(getHs('0808')).toMatchObject({ level: 'heading', parent: '08' });
    expect(getHs('08')).toMatchObject({ level: 'chapter', parent: null });
  });

  it('knows the headings introduced by HS 2022 (8524 flat panel displays, 2404, 3827, 8549)', () => {
    expect(getHs('8524')).toMatchObject({ level: 'heading', section: { numeral: 'XVI' } });
    expect(getHs('8524')?.description).toMatch(/^Flat panel display modules/);
    for (const code of ['2404', '3827', '8549']) expect(getHs(code)?.level).toBe('heading');
  });

  it('does not treat UN Comtrade residual codes (99, 9999, 999999) as HS', () => {
    expect(getHs('99')).toBeUndefined();
    expect(getHs('9999')).toBeUndefined();
    expect(getHs('999999')).toBeUndefined();
    expect(getHs('TOTAL')).toBeUndefined();
  });

  it('returns undefined for a national code and for dotted input', () => {
    expect(getHs('08081000')).toBeUndefined();
    expect(getHs('0808.10')).toBeUndefined();
  });
});

describe('checkHsCode', () => {
  it('accepts a 6-digit subheading that exists in HS 2022 (240220 cigarettes)', () => {
    const result = checkHsCode('240220');
    expect(result.ok).toBe(true);
    expect(result.ok && result.subheading.description).toBe('Cigarettes; containing tobacco');
  });

  it('rejects heading 2402 and chapter 24 as not specific enough for a goods item', () => {
    expect(checkHsCode('2402')).toEqual({ ok: false, code: 'HS_NOT_SUBHEADING' });
    expect(checkHsCode('24')).toEqual({ ok: false, code: 'HS_NOT_SUBHEADING' });
  });

  it('accepts national 8, 9 and 10 digit codes whose first 6 digits are a subheading', () => {
    for (const code of ['08081000', '080810001', '0808100010', '8524110000']) {
      expect(checkHsCode(code)).toMatchObject({ ok: true, subheading: { code: code.slice(0, 6) } });
    }
  });

  it('rejects well-formed codes that HS 2022 does not have', () => {
    expect(checkHsCode('080890')).toEqual({ ok: false, code: 'HS_UNKNOWN' });
    expect(checkHsCode('98010010')).toEqual({ ok: false, code: 'HS_UNKNOWN' });
    expect(checkHsCode('7700')).toEqual({ ok: false, code: 'HS_UNKNOWN' });
    expect(checkHsCode('999999')).toEqual({ ok: false, code: 'HS_UNKNOWN' });
  });

  it('rejects other lengths and non-digit characters as a format error', () => {
    for (const code of ['', '0', '080', '08081', '0808100', '08081000001', '0808.10', ' 080810', '08081O']) {
      expect(checkHsCode(code)).toEqual({ ok: false, code: 'HS_FORMAT' });
    }
  });
});

describe('isKnownHsCode', () => {
  it('agrees with checkHsCode on accepted and rejected codes', () => {
    const cases = ['080810', '240220', '0808100010', '2402', '24', '080890', '0808.10', '0808100'];
    for (const code of cases) expect(isKnownHsCode(code)).toBe(checkHsCode(code).ok);
    expect(isKnownHsCode('080810')).toBe(true);
    expect(isKnownHsCode('2402')).toBe(false);
  });
});

describe('normalizeHsCode', () => {
  it('removes dots and spaces written inside a code', () => {
    expect(normalizeHsCode('0808.10')).toBe('080810');
    expect(normalizeHsCode('8471 30 00.00')).toBe('8471300000');
  });
});

describe('listHsSubheadings', () => {
  it('lists the 5,612 HS 2022 subheadings in code order', () => {
    const list = listHsSubheadings();
    expect(list).toHaveLength(5612);
    expect(list.every((entry) => entry.level === 'subheading' && entry.code.length === 6)).toBe(true);
    expect(list.map((entry) => entry.code)).toEqual([...list.map((entry) => entry.code)].sort());
    expect(list[0]?.code).toBe('010121');
  });
});

describe('searchHs', () => {
  it('finds codes by prefix, heading before its subheadings', () => {
    expect(searchHs('0808').map((entry) => entry.code)).toEqual(['0808', '080810', '080830', '080840']);
    expect(searchHs('0808.1').map((entry) => entry.code)).toEqual(['080810']);
  });

  it('matches a national code on its subheading', () => {
    expect(searchHs('0808100010').map((entry) => entry.code)).toEqual(['080810']);
  });

  it('finds apples by description, the heading that starts with the word first', () => {
    const codes = searchHs('apples', 10).map((entry) => entry.code);
    expect(codes[0]).toBe('0808');
    expect(codes).toContain('080810');
    expect(codes).toContain('081330');
  });

  it('requires every word typed, as a word prefix, ignoring case and accents', () => {
    const codes = searchHs('FRESH Ápple', 10).map((entry) => entry.code);
    expect(codes).toEqual(['0808', '080810']);
  });

  it('honours the limit and the level filter', () => {
    expect(searchHs('fresh', 3)).toHaveLength(3);
    expect(searchHs('apples', 10, { level: 'subheading' }).every((e) => e.level === 'subheading')).toBe(true);
    expect(searchHs('apples', 0)).toEqual([]);
    expect(searchHs('   ')).toEqual([]);
  });
});
