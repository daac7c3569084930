import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../../kit/Field';
import { useCountries, useCurrencies, useOffices } from '../api';

interface Common {
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[] | undefined;
  onBlur?: () => void;
  required?: boolean;
}

/** ISO 3166 countries by name in the console's language (Spanish names for Spanish, English otherwise). */
export function CountrySelect({ label, value, onChange, errors, onBlur, required }: Common) {
  const { t, i18n } = useTranslation();
  const countries = useCountries();
  const options = useMemo(() => {
    const es = i18n.language === 'es';
    return (countries.data ?? [])
      .map((c) => ({ value: c.code, label: `${es ? c.nameEs : c.nameEn} (${c.code})` }))
      .sort((a, b) => a.label.localeCompare(b.label, i18n.language));
  }, [countries.data, i18n.language]);
  return (
    <SelectField
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      errors={errors}
      required={required}
      emptyLabel={t('common.choose')}
      options={options}
    />
  );
}

export function CurrencySelect({ label, value, onChange, errors, onBlur, required }: Common) {
  const currencies = useCurrencies();
  const options = (currencies.data ?? []).map((c) => ({ value: c.code, label: `${c.code} · ${c.name}` }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: value });
  return (
    <SelectField
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      errors={errors}
      required={required}
      options={options}
    />
  );
}

export function OfficeSelect({ label, value, onChange, errors, onBlur, required }: Common) {
  const { t } = useTranslation();
  const offices = useOffices();
  return (
    <SelectField
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      errors={errors}
      required={required}
      emptyLabel={t('common.choose')}
      options={(offices.data ?? []).map((o) => ({ value: o.code, label: `${o.code} · ${o.name}` }))}
    />
  );
}
