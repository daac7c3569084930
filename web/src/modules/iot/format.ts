import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Locale-aware units of the IoT views (Intl): °C, % relative humidity, km/h. */
export function iotFormatters(lang: string) {
  const unit = (u: string, digits = 1) =>
    new Intl.NumberFormat(lang, { style: 'unit', unit: u, maximumFractionDigits: digits });
  const celsius = unit('celsius');
  const percent = unit('percent', 0);
  const speed = unit('kilometer-per-hour', 0);
  const time = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'medium' });
  const seconds = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const hour = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
  const day = new Intl.DateTimeFormat(lang, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
  return {
    temperature: (c: number | null | undefined) => (c === null || c === undefined ? '—' : celsius.format(c)),
    humidity: (p: number | null | undefined) => (p === null || p === undefined ? '—' : percent.format(p)),
    speed: (v: number | null | undefined) => (v === null || v === undefined ? '—' : speed.format(v)),
    /** A reading's moment, to the second (telemetry arrives every few seconds in the demo). */
    moment: (iso: string) => time.format(new Date(iso)),
    /** A chart's time axis: to the second over an hour or less, to the minute over two days, else with the day. */
    axisTime: (spanMs: number) => {
      const f = spanMs <= 3_600_000 ? seconds : spanMs <= 172_800_000 ? hour : day;
      return (d: Date) => f.format(d);
    },
  };
}
export type IotFormatters = ReturnType<typeof iotFormatters>;

export function useIotFormat(): IotFormatters {
  const { i18n } = useTranslation();
  return useMemo(() => iotFormatters(i18n.language), [i18n.language]);
}
