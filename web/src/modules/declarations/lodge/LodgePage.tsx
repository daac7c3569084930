import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { usePrincipal } from '../../../auth/AuthProvider';
import { newDraft } from './formModel';
import { LodgementForm } from './LodgementForm';
import { XmlUpload } from './XmlUpload';

type Mode = 'form' | 'xml';

/** Lodge a declaration: by the form, or by uploading WCO DM XML. */
export default function LodgePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const principal = usePrincipal();
  const [mode, setMode] = useState<Mode>('form');
  // The declarant is always the trader's own party (the API refuses any other).
  const tin = principal.partyTin ?? '';
  const [initial] = useState(() => newDraft({ tin, name: principal.name, country: tin.slice(0, 2) }));
  const done = (d: { id: string }) => void navigate(`/declarations/${d.id}`);
  return (
    <div className="page">
      <div className="page-header">
        <h1>{t('lodge.title')}</h1>
      </div>
      <div className="tabs" role="tablist" aria-label={t('lodge.how')}>
        {(['form', 'xml'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            id={`tab-${m}`}
            aria-selected={mode === m}
            aria-controls={`panel-${m}`}
            className={mode === m ? 'tab active' : 'tab'}
            onClick={() => setMode(m)}
          >
            {t(`lodge.mode.${m}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${mode}`} aria-labelledby={`tab-${mode}`}>
        {mode === 'form' ? (
          <LodgementForm initial={initial} onLodged={done} />
        ) : (
          <XmlUpload onLodged={done} />
        )}
      </div>
    </div>
  );
}
