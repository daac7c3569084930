import { describe, expect, it } from 'vitest';
import { formatters } from './format';

describe('locale formatting', () => {
  it('groups and separates numbers per language', () => {
    expect(formatters('en').number(12345.5)).toBe('12,345.5');
    expect(formatters('es').number(12345.5)).toBe('12.345,5');
  });

  it('formats money with the currency per language', () => {
    expect(formatters('en').money(1234.5, 'USD')).toBe('$1,234.50');
    expect(formatters('es').money(1234.5, 'USD').replace(/\s/g, ' ')).toBe('1234,50 US$');
  });

  it('writes dates in the language', () => {
    const d = new Date(Date.UTC(2026, 2, 15, 12));
    expect(formatters('en').date(d)).toBe('Mar 15, 2026');
    expect(formatters('es').date(d)).toBe('15 mar 2026');
  });

  it('names months and weekdays in the language', () => {
    expect(formatters('en').monthName(11)).toBe('November');
    expect(formatters('es').monthName(1)).toBe('enero');
    expect(formatters('en').weekdayName(0)).toBe('Sunday');
    expect(formatters('es').weekdayName(3)).toBe('miércoles');
  });

  it('picks a readable unit for durations', () => {
    expect(formatters('en').duration(30)).toBe('30 sec');
    expect(formatters('en').duration(90 * 60)).toBe('1.5 hr');
    expect(formatters('es').duration(3 * 86_400)).toBe('3 d');
  });
});
