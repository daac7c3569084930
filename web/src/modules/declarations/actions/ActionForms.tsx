import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlResultBody, DeclarationDetail, DocumentBody } from '../../../api/types';
import { ProblemAlert } from '../../../kit/Alert';
import { Button } from '../../../kit/Button';
import { SelectField, TextAreaField, TextField } from '../../../kit/Field';
import { CONTROL_OUTCOMES, DOCUMENT_KINDS } from '../platform-model.js';
import type { DeclarationAction } from '../api';

export interface ActionFormProps {
  declaration: DeclarationDetail;
  busy: boolean;
  error: unknown;
  onSubmit: (action: DeclarationAction) => void;
  onCancel: () => void;
}

const MIN_REASON = 3;

function Actions({ busy, onCancel, label }: { busy: boolean; onCancel: () => void; label: string }) {
  const { t } = useTranslation();
  return (
    <div className="form-actions">
      <Button onClick={onCancel}>{t('common.cancel')}</Button>
      <Button type="submit" tone="primary" busy={busy}>
        {label}
      </Button>
    </div>
  );
}

/** Release, hold, seize or invalidate: each needs a reason, which goes to the audit trail and the trader. */
export function ReasonForm({
  kind,
  busy,
  error,
  onSubmit,
  onCancel,
}: Omit<ActionFormProps, 'declaration'> & { kind: 'release' | 'hold' | 'seize' | 'invalidation' }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const tooShort = reason.trim().length < MIN_REASON;
  return (
    <form
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        setTouched(true);
        if (!tooShort) onSubmit({ kind, body: { reason: reason.trim() } });
      }}
    >
      <TextAreaField
        label={t('actions.reason')}
        value={reason}
        required
        rows={3}
        onChange={(e) => setReason(e.target.value)}
        onBlur={() => setTouched(true)}
        errors={touched && tooShort ? [t('actions.reasonTooShort', { min: MIN_REASON })] : undefined}
      />
      <ProblemAlert error={error} />
      <Actions busy={busy} onCancel={onCancel} label={t(`actions.${kind}`)} />
    </form>
  );
}

export function ArrivalForm({ busy, error, onSubmit, onCancel }: ActionFormProps) {
  const { t } = useTranslation();
  const [location, setLocation] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit({
          kind: 'arrival',
          body: location.trim() ? { location: location.trim().toUpperCase() } : {},
        });
      }}
    >
      <TextField
        label={t('actions.arrivalLocation')}
        value={location}
        maxLength={35}
        onChange={(e) => setLocation(e.target.value)}
        hint={t('actions.arrivalHint')}
      />
      <ProblemAlert error={error} />
      <Actions busy={busy} onCancel={onCancel} label={t('actions.arrival')} />
    </form>
  );
}

export function DocumentsRequestForm({ busy, error, onSubmit, onCancel }: ActionFormProps) {
  const { t } = useTranslation();
  const [documents, setDocuments] = useState('');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const list = documents
    .split(/\n|,/)
    .map((d) => d.trim())
    .filter((d) => d.length >= 2);
  const errors = {
    documents: list.length === 0 ? [t('actions.documentsMissing')] : undefined,
    reason:
      reason.trim().length < MIN_REASON ? [t('actions.reasonTooShort', { min: MIN_REASON })] : undefined,
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (!errors.documents && !errors.reason)
          onSubmit({ kind: 'documents-request', body: { documents: list, reason: reason.trim() } });
      }}
    >
      <TextAreaField
        label={t('actions.documentsWanted')}
        hint={t('actions.documentsWantedHint')}
        value={documents}
        rows={3}
        required
        onChange={(e) => setDocuments(e.target.value)}
        errors={touched ? errors.documents : undefined}
      />
      <TextAreaField
        label={t('actions.reason')}
        value={reason}
        rows={2}
        required
        onChange={(e) => setReason(e.target.value)}
        errors={touched ? errors.reason : undefined}
      />
      <ProblemAlert error={error} />
      <Actions busy={busy} onCancel={onCancel} label={t('actions.documents-request')} />
    </form>
  );
}

type CorrectionField = ControlResultBody['corrections'] extends (infer C)[] | undefined
  ? C extends { field: infer F }
    ? F
    : never
  : never;
const CORRECTION_FIELDS: CorrectionField[] = [
  'hsCode',
  'customsValue',
  'originCountry',
  'netMassKg',
  'grossMassKg',
  'quantity',
  'description',
];
const NUMERIC_FIELDS: CorrectionField[] = ['customsValue', 'netMassKg', 'grossMassKg', 'quantity'];

/** Compliant, discrepancy (with one corrected value and the revenue at stake) or seizure, with the findings. */
export function ControlResultForm({ declaration, busy, error, onSubmit, onCancel }: ActionFormProps) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<ControlResultBody['outcome']>('compliant');
  const [findings, setFindings] = useState('');
  const [revenue, setRevenue] = useState('');
  const [field, setField] = useState<CorrectionField>('netMassKg');
  const [item, setItem] = useState('1');
  const [corrected, setCorrected] = useState('');
  const [touched, setTouched] = useState(false);
  const itemCount = declaration.itemCount;
  const errors = {
    findings:
      findings.trim().length < MIN_REASON ? [t('actions.reasonTooShort', { min: MIN_REASON })] : undefined,
    revenue: revenue && !(Number(revenue) >= 0) ? [t('actions.notANumber')] : undefined,
    corrected:
      outcome === 'discrepancy' && corrected && NUMERIC_FIELDS.includes(field) && !(Number(corrected) > 0)
        ? [t('actions.notANumber')]
        : undefined,
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (errors.findings || errors.revenue || errors.corrected) return;
        const corrections =
          outcome === 'discrepancy' && corrected.trim()
            ? [
                {
                  itemSequence: Number(item),
                  field,
                  correctedValue: NUMERIC_FIELDS.includes(field) ? Number(corrected) : corrected.trim(),
                },
              ]
            : [];
        onSubmit({
          kind: 'control-result',
          body: {
            outcome,
            findings: findings.trim(),
            corrections,
            revenueAdjustment: revenue ? Number(revenue) : 0,
          },
        });
      }}
    >
      <fieldset className="radios">
        <legend>{t('control.outcome')}</legend>
        {CONTROL_OUTCOMES.map((o) => (
          <label key={o}>
            <input
              type="radio"
              name="outcome"
              value={o}
              checked={outcome === o}
              onChange={() => setOutcome(o)}
            />
            {t(`controlOutcome.${o}`)}
          </label>
        ))}
      </fieldset>
      <TextAreaField
        label={t('control.findings')}
        value={findings}
        rows={3}
        required
        onChange={(e) => setFindings(e.target.value)}
        errors={touched ? errors.findings : undefined}
      />
      {outcome === 'discrepancy' ? (
        <div className="grid-3">
          <SelectField
            label={t('control.item')}
            value={item}
            onChange={(e) => setItem(e.target.value)}
            options={Array.from({ length: itemCount }, (_, i) => ({
              value: String(i + 1),
              label: String(i + 1),
            }))}
          />
          <SelectField
            label={t('control.field')}
            value={field}
            onChange={(e) => setField(e.target.value as CorrectionField)}
            options={CORRECTION_FIELDS.map((f) => ({ value: f, label: t(`item.${f}`) }))}
          />
          <TextField
            label={t('control.correctedValue')}
            value={corrected}
            onChange={(e) => setCorrected(e.target.value)}
            errors={touched ? errors.corrected : undefined}
          />
        </div>
      ) : null}
      {outcome !== 'compliant' ? (
        <TextField
          label={t('control.revenueAdjustmentIn', { currency: declaration.currency })}
          type="number"
          min={0}
          step="0.01"
          value={revenue}
          onChange={(e) => setRevenue(e.target.value)}
          errors={touched ? errors.revenue : undefined}
        />
      ) : null}
      <ProblemAlert error={error} />
      <Actions busy={busy} onCancel={onCancel} label={t('actions.control-result')} />
    </form>
  );
}

/** The trader answers a document request with the documents' kinds and references. */
export function DocumentsAnswerForm({ declaration, busy, error, onSubmit, onCancel }: ActionFormProps) {
  const { t } = useTranslation();
  const requested = (declaration.documentsRequested as { documents: string[] } | null)?.documents ?? [];
  const [rows, setRows] = useState<DocumentBody[]>(() =>
    (requested.length ? requested : ['']).map(() => ({ kind: 'other', reference: '' })),
  );
  const [touched, setTouched] = useState(false);
  const set = (i: number, patch: Partial<DocumentBody>) =>
    setRows((r) => r.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  const missing = rows.some((r) => !r.reference.trim());
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (!missing)
          onSubmit({
            kind: 'documents',
            body: { documents: rows.map((r) => ({ ...r, reference: r.reference.trim() })) },
          });
      }}
    >
      {requested.length ? (
        <p>{t('actions.requestedDocuments', { documents: requested.join(', ') })}</p>
      ) : null}
      {rows.map((row, i) => (
        <div className="grid-3" key={i}>
          <SelectField
            label={t('document.kind')}
            value={row.kind}
            onChange={(e) => set(i, { kind: e.target.value as DocumentBody['kind'] })}
            options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documentKind.${k}`) }))}
          />
          <TextField
            label={t('document.reference')}
            value={row.reference}
            required
            onChange={(e) => set(i, { reference: e.target.value })}
            errors={touched && !row.reference.trim() ? [t('actions.referenceMissing')] : undefined}
          />
          <TextField
            label={t('document.issuedOn')}
            type="date"
            value={row.issuedOn ?? ''}
            onChange={(e) => set(i, e.target.value ? { issuedOn: e.target.value } : { issuedOn: undefined })}
          />
        </div>
      ))}
      <Button tone="quiet" onClick={() => setRows((r) => [...r, { kind: 'other', reference: '' }])}>
        {t('actions.addDocument')}
      </Button>
      <ProblemAlert error={error} />
      <Actions busy={busy} onCancel={onCancel} label={t('actions.documents')} />
    </form>
  );
}
