import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A model feature source in words: a declaration field (`originCountry`) or a pair of them (`importerId×hs6`,
 * "Importer × HS subheading"). A field without a translation is shown by its name.
 */
export function useFieldName(): (source: string) => string {
  const { t } = useTranslation();
  return useCallback(
    (source: string) =>
      source
        .split('×')
        .map((part) => t(`risk.why.fields.${part}`, { defaultValue: part }))
        .join(' × '),
    [t],
  );
}
