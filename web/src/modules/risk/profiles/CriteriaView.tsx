import { useTranslation } from 'react-i18next';
import type { Criterion } from './api';

type Leaf = Extract<Criterion, { op: string }>;

const valueText = (v: unknown): string =>
  Array.isArray(v) ? v.map(valueText).join(', ') : typeof v === 'string' ? v : JSON.stringify(v);

/** One comparison in words: "HS code starts with 2402" or "Importer is in list watch-importers". */
function LeafText({ leaf }: { leaf: Leaf }) {
  const { t } = useTranslation();
  const field = t(`risk.profiles.field.${leaf.field}`);
  const list = 'list' in leaf && leaf.list ? leaf.list : undefined;
  const value = 'value' in leaf ? valueText(leaf.value) : '';
  return (
    <span className="criterion">
      {t(`risk.profiles.op.${leaf.op}`, { field, value, list: list ?? '' })}
      {list && leaf.op !== 'inList' && leaf.op !== 'notInList'
        ? ` ${t('risk.profiles.op.againstList', { list })}`
        : null}
    </span>
  );
}

/** A criteria tree in words, nested as the analyst wrote it. */
export function CriteriaView({ criteria }: { criteria: Criterion }) {
  const { t } = useTranslation();
  if ('all' in criteria || 'any' in criteria) {
    const [key, children] = 'all' in criteria ? ['all', criteria.all] : ['any', criteria.any];
    return (
      <div className="criteria-group">
        <span>{t(`risk.profiles.criteria.${key}`)}</span>
        <ul>
          {children.map((c, i) => (
            <li key={i}>
              <CriteriaView criteria={c} />
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if ('not' in criteria)
    return (
      <div className="criteria-group">
        <span>{t('risk.profiles.criteria.not')}</span>
        <ul>
          <li>
            <CriteriaView criteria={criteria.not} />
          </li>
        </ul>
      </div>
    );
  return <LeafText leaf={criteria} />;
}
