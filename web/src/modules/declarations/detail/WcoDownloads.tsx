import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getText } from '../../../api/client';
import type { DeclarationDetail } from '../../../api/types';
import { ProblemAlert } from '../../../kit/Alert';
import { Button } from '../../../kit/Button';
import { Panel } from '../../../kit/Panel';

type Kind = 'declaration' | 'notifications';

const PATHS: Record<Kind, (id: string) => string> = {
  declaration: (id) => `/api/v1/declarations/${id}?format=xml`,
  notifications: (id) => `/api/v1/declarations/${id}/notifications?format=xml`,
};
const SUFFIX: Record<Kind, string> = { declaration: 'DEC', notifications: 'RES' };

/** `LRN 7/2026` → `LRN_7_2026`: what any file system takes. */
export function fileNameFor(lrn: string, kind: Kind): string {
  return `${lrn.replace(/[^A-Za-z0-9._-]+/g, '_')}-${SUFFIX[kind]}.xml`;
}

/** Hands a text to the browser as a file to save. */
function save(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/xml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * The declaration as WCO DEC-DMS XML and its notifications as RES-DMS XML, for the trader's or the partner
 * administration's own systems. Fetched with the session's token (a plain link would not carry it).
 */
export function WcoDownloads({ declaration }: { declaration: DeclarationDetail }) {
  const { t } = useTranslation();
  const download = useMutation({
    mutationFn: async (kind: Kind) => {
      save(await getText(PATHS[kind](declaration.id), 'application/xml'), fileNameFor(declaration.lrn, kind));
    },
  });
  return (
    <Panel title={t('declaration.wcoDownloads.title')}>
      <p className="hint">{t('declaration.wcoDownloads.hint')}</p>
      <div className="button-row">
        {(['declaration', 'notifications'] as const).map((kind) => (
          <Button
            key={kind}
            busy={download.isPending && download.variables === kind}
            onClick={() => download.mutate(kind)}
          >
            {t(`declaration.wcoDownloads.${kind}`)}
          </Button>
        ))}
      </div>
      {download.error ? <ProblemAlert error={download.error} /> : null}
    </Panel>
  );
}
