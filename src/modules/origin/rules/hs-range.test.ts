import { describe, expect, it } from 'vitest';
import { OriginRuleError } from './errors.js';
import {
  classificationChanges,
  formatHsCode,
  isHsRange,
  normaliseHsCode,
  parseHsRange,
  rangeContains,
  rangesOverlap,
} from './hs-range.js';

describe('parseHsRange', () => {
  it('reads heading ranges written with or without dots', () => {
    expect(parseHsRange('6101-6117')).toEqual({
      level: 'heading',
      first: '6101',
      last: '6117',
      text: '6101-6117',
    });
    expect(parseHsRange('52.08-52.12')).toMatchObject({ level: 'heading', first: '5208', last: '5212' });
  });

  it('reads chapters, single subheadings and subheading ranges', () => {
    expect(parseHsRange('50-63')).toMatchObject({ level: 'chapter', first: '50', last: '63' });
    expect(parseHsRange('8708.99')).toMatchObject({ level: 'subheading', first: '870899', last: '870899' });
    expect(parseHsRange('6109.10 - 6109.90')).toMatchObject({
      level: 'subheading',
      first: '610910',
      last: '610990',
    });
  });

  it('refuses ranges whose ends differ in level, run backwards or are not HS provisions', () => {
    for (const text of ['61-6117', '6117-6101', '610', '61.0x', '6101-6105-6109', '']) {
      expect(isHsRange(text), text).toBe(false);
    }
    expect(() => parseHsRange('61-6117')).toThrow(OriginRuleError);
  });
});

describe('rangeContains', () => {
  it('matches a code by its provision at the range level', () => {
    expect(rangeContains(parseHsRange('5204-5212'), '520512')).toBe(true);
    expect(rangeContains(parseHsRange('5204-5212'), '520300')).toBe(false);
    expect(rangeContains(parseHsRange('54'), '540211')).toBe(true);
    expect(rangeContains(parseHsRange('6109.10-6109.90'), '61091000')).toBe(true);
    expect(rangeContains(parseHsRange('6109.10-6109.90'), '611020')).toBe(false);
  });

  it('sees overlap only between ranges of one level', () => {
    expect(rangesOverlap(parseHsRange('6101-6109'), parseHsRange('6109-6117'))).toBe(true);
    expect(rangesOverlap(parseHsRange('6101-6108'), parseHsRange('6109-6117'))).toBe(false);
    expect(rangesOverlap(parseHsRange('61'), parseHsRange('6109'))).toBe(false);
  });
});

describe('classificationChanges', () => {
  it('compares chapter, heading or subheading of material and good', () => {
    expect(classificationChanges('610910', '600622', 'CC')).toBe(true);
    expect(classificationChanges('090121', '090111', 'CC')).toBe(false);
    expect(classificationChanges('850710', '850790', 'CTH')).toBe(false);
    expect(classificationChanges('850710', '850790', 'CTSH')).toBe(true);
  });
});

describe('normaliseHsCode', () => {
  it('keeps the digits of 6-, 8- and 10-digit codes and refuses shorter ones', () => {
    expect(normaliseHsCode('6109.10')).toBe('610910');
    expect(normaliseHsCode('6109.10.0012')).toBe('6109100012');
    expect(() => normaliseHsCode('6109')).toThrow(OriginRuleError);
    expect(() => normaliseHsCode('6109.1')).toThrow(/not an HS code/);
  });

  it('writes codes back the way the agreements do', () => {
    expect(formatHsCode('610910')).toBe('6109.10');
    expect(formatHsCode('61091000')).toBe('6109.10.00');
    expect(formatHsCode('5205')).toBe('5205');
  });
});
