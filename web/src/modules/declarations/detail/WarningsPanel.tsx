import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../api/client';
import type { DeclarationDetail } from '../../../api/types';
import { Panel } from '../../../kit/Panel';
import { useFieldLabel, useIssueText } from '../lodge/issueText';

/**
 * What the business rules flagged without refusing the declaration (a container number outside ISO 6346, a wrong
 * check digit, totals that do not add up), each at its field, in the reader's language. Nothing when there is none.
 */
export function WarningsPanel({ declaration }: { declaration: DeclarationDetail }) {
  const { t } = useTranslation();
  const label = useFieldLabel();
  const text = useIssueText();
  const warnings = declaration.warnings.filter(isIssue);
  if (!warnings.length) return null;
  return (
    <Panel title={t('declaration.warnings', { count: warnings.length })} className="panel-warnings">
      <p className="hint">{t('declaration.warningsHint')}</p>
      <ul className="issue-list">
        {warnings.map((w, i) => (
          <li key={`${w.pointer}-${w.code}-${i}`} data-code={w.code}>
            <strong>{label(w.pointer)}</strong>: {text(w)}
          </li>
        ))}
      </ul>
    </Panel>
  );
}

function isIssue(w: Record<string, unknown>): w is Record<string, unknown> & FieldIssue {
  return typeof w.code === 'string' && typeof w.pointer === 'string';
}
