import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Locale-aware formatting (Intl) of numbers, money, masses, dates and durations for one language. */
export function formatters(lang: string) {
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const integer = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' });
  const dateTime = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  const money = new Map<string, Intl.NumberFormat>();
  const toDate = (v: string | Date) => (typeof v === 'string' ? new Date(v) : v);
  return {
    number: (n: number) => number.format(n),
    integer: (n: number) => integer.format(n),
    percent: (share: number) =>
      new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(share),
    money: (amount: number, currency: string) => {
      let f = money.get(currency);
      if (!f) {
        try {
          f = new Intl.NumberFormat(lang, { style: 'currency', currency });
        } catch {
          f = number;
        }
        money.set(currency, f);
      }
      return f.format(amount);
    },
    mass: (kg: number) => new Intl.NumberFormat(lang, { style: 'unit', unit: 'kilogram' }).format(kg),
    date: (v: string | Date) => date.format(toDate(v)),
    /** The name of a month, 1 = January. */
    monthName: (month: number) =>
      new Intl.DateTimeFormat(lang, { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, month - 1, 1)),
    /** The name of a weekday, 0 = Sunday (as `Date.getUTCDay`). */
    weekdayName: (weekday: number) =>
      // 4 January 2026 was a Sunday.
      new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' }).format(
        Date.UTC(2026, 0, 4 + weekday),
      ),
    dateTime: (v: string | Date) => dateTime.format(toDate(v)),
    /** A duration in the largest sensible unit: "45 min", "3.5 h", "2 d". */
    duration: (seconds: number) => {
      const [value, unit] =
        seconds < 60
          ? [seconds, 'second']
          : seconds < 3600
            ? [seconds / 60, 'minute']
            : seconds < 172_800
              ? [seconds / 3600, 'hour']
              : [seconds / 86_400, 'day'];
      return new Intl.NumberFormat(lang, {
        style: 'unit',
        unit,
        unitDisplay: 'short',
        maximumFractionDigits: 1,
      }).format(value);
    },
  };
}
export type Formatters = ReturnType<typeof formatters>;

/** The formatters for the current console language. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => formatters(i18n.language), [i18n.language]);
}
