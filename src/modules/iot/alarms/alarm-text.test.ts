import { describe, expect, it } from 'vitest';
import { translateAlarm } from './alarm-text.js';

describe('alarm texts', () => {
  it('says since when a temperature excursion lasts, in English and Spanish', () => {
    const texts = translateAlarm('TEMPERATURE_EXCURSION', {
      startedAt: Date.parse('2026-11-26T15:17:40Z'),
      bandMinC: 2,
      bandMaxC: 8,
      peakC: 17.34,
    });
    expect(texts.en).toBe('Temperature outside 2–8 °C since 2026-11-26 15:17 UTC (peak 17.34 °C).');
    expect(texts.es).toContain('26/11/2026 15:17 UTC');
    expect(texts.es).toContain('17,34 °C');
    expect(texts.es).not.toContain('17.34');
  });

  it('shows a dash for a detail the alarm does not carry', () => {
    expect(translateAlarm('TEMPERATURE_EXCURSION', { bandMinC: 2, bandMaxC: 8 }).en).toContain('peak — °C');
  });
});
