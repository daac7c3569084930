import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './Button';

/**
 * A modal dialog: focus moves into it, Escape closes it, focus returns to where it was. The caller renders it only
 * while open.
 */
export function Dialog({
  title,
  onClose,
  children,
}: {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>(
      'input, textarea, select, button:not(.dialog-close)',
    );
    first?.focus();
    return () => previous?.focus();
  }, []);
  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={id}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
        }}
      >
        <header className="dialog-header">
          <h2 id={id}>{title}</h2>
          <Button tone="quiet" className="dialog-close" onClick={onClose} aria-label={t('common.close')}>
            ×
          </Button>
        </header>
        {children}
      </div>
    </div>
  );
}
