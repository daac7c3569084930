import { useTranslation } from 'react-i18next';
import type { DeclarationDetail } from '../../../api/types';
import { DataTable } from '../../../kit/DataTable';
import { Panel } from '../../../kit/Panel';
import { documentOf } from './sections';

interface Element {
  path: string;
  value: string;
}

/** `Declaration/GoodsShipment/GovernmentAgencyGoodsItem[1]/AdditionalInformation/StatementCode` → readable steps. */
export function readablePath(path: string): string {
  return path
    .replace(/^Declaration\//, '')
    .split('/')
    .map((step) => step.replace(/\[(\d+)\]$/, (_, i: string) => ` ${Number(i) + 1}`).replace(/^@/, '@ '))
    .join(' › ');
}

/**
 * For a declaration lodged as WCO DEC-DMS XML: the message's elements that the form does not show (additional
 * information statements, authorisations, payment methods, a final supplementary declaration's account…), kept with
 * the declaration and written back on export. Folded by default, searchable.
 */
export function WcoElementsPanel({ declaration }: { declaration: DeclarationDetail }) {
  const { t } = useTranslation();
  const elements: Element[] = documentOf(declaration).wco?.elements ?? [];
  if (!elements.length) return null;
  return (
    <Panel title={t('declaration.wcoElements.title')}>
      <details className="wco-elements">
        <summary>{t('declaration.wcoElements.summary', { count: elements.length })}</summary>
        <p className="hint">{t('declaration.wcoElements.hint')}</p>
        <DataTable
          caption={t('declaration.wcoElements.caption')}
          rows={elements}
          rowKey={(e) => e.path}
          empty={t('common.none')}
          filter={{
            label: t('declaration.wcoElements.filter'),
            text: (e) => `${readablePath(e.path)} ${e.value}`,
          }}
          columns={[
            {
              key: 'element',
              header: t('declaration.wcoElements.element'),
              cell: (e) => <span title={e.path}>{readablePath(e.path)}</span>,
            },
            {
              key: 'value',
              header: t('declaration.wcoElements.value'),
              cell: (e) => <span className="mono">{e.value}</span>,
            },
          ]}
        />
      </details>
    </Panel>
  );
}
