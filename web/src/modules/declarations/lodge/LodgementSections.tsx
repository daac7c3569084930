import { useTranslation } from 'react-i18next';
import { Button } from '../../../kit/Button';
import { SelectField, TextField } from '../../../kit/Field';
import { DOCUMENT_KINDS, TRANSPORT_MODES } from '../platform-model.js';
import { emptyItem, PARTY_ROLES, type ItemDraft, type LodgementDraft, type PartyDraft } from './formModel';
import { useFieldIssues } from './FormIssues';
import { HsCodeInput } from './HsCodeInput';
import { CountrySelect, CurrencySelect, OfficeSelect } from './ReferenceSelects';

export type Update = (change: (draft: LodgementDraft) => LodgementDraft) => void;

export function GeneralSection({ draft, update }: { draft: LodgementDraft; update: Update }) {
  const { t } = useTranslation();
  const f = useFieldIssues();
  return (
    <fieldset className="form-section">
      <legend>{t('lodge.general')}</legend>
      <div className="grid-3">
        <TextField
          label={t('field.lrn')}
          value={draft.lrn}
          required
          maxLength={35}
          {...f('/lrn')}
          onChange={(e) => update((d) => ({ ...d, lrn: e.target.value }))}
        />
        <SelectField
          label={t('field.type')}
          value={draft.type}
          {...f('/type')}
          onChange={(e) => update((d) => ({ ...d, type: e.target.value as LodgementDraft['type'] }))}
          options={(['import', 'export', 'transit'] as const).map((v) => ({
            value: v,
            label: t(`declarationType.${v}`),
          }))}
        />
        <OfficeSelect
          label={t('field.office')}
          value={draft.office}
          required
          {...f('/office')}
          onChange={(v) => update((d) => ({ ...d, office: v }))}
        />
        <TextField
          label={t('field.expectedArrivalAt')}
          type="datetime-local"
          value={draft.expectedArrivalAt}
          {...f('/expectedArrivalAt')}
          onChange={(e) => update((d) => ({ ...d, expectedArrivalAt: e.target.value }))}
        />
        <CountrySelect
          label={t('field.exportCountry')}
          value={draft.exportCountry}
          {...f('/exportCountry')}
          onChange={(v) => update((d) => ({ ...d, exportCountry: v }))}
        />
        <TextField
          label={t('field.incoterm')}
          value={draft.incoterm}
          maxLength={3}
          {...f('/incoterm')}
          onChange={(e) => update((d) => ({ ...d, incoterm: e.target.value }))}
        />
      </div>
    </fieldset>
  );
}

function PartyFields({
  role,
  party,
  onChange,
  required,
}: {
  role: string;
  party: PartyDraft;
  onChange: (p: PartyDraft) => void;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const f = useFieldIssues();
  const base = `/parties/${role}`;
  return (
    <fieldset className="party">
      <legend>{t(`party.${role}`)}</legend>
      <div className="grid-3">
        <TextField
          label={t('party.tin')}
          value={party.tin}
          required={required}
          {...f(`${base}/tin`)}
          onChange={(e) => onChange({ ...party, tin: e.target.value })}
        />
        <TextField
          label={t('party.name')}
          value={party.name}
          required={required}
          {...f(`${base}/name`)}
          onChange={(e) => onChange({ ...party, name: e.target.value })}
        />
        <CountrySelect
          label={t('party.country')}
          value={party.country}
          {...f(`${base}/address/country`)}
          onChange={(v) => onChange({ ...party, country: v })}
        />
      </div>
    </fieldset>
  );
}

export function PartiesSection({ draft, update }: { draft: LodgementDraft; update: Update }) {
  const { t } = useTranslation();
  const f = useFieldIssues();
  const required = { import: 'importer', export: 'exporter', transit: 'carrier' }[draft.type];
  return (
    <fieldset className="form-section">
      <legend>{t('declaration.parties')}</legend>
      <fieldset className="party">
        <legend>{t('party.declarant')}</legend>
        <div className="grid-3">
          <TextField
            label={t('party.tin')}
            value={draft.declarant.tin}
            readOnly
            hint={t('lodge.declarantHint')}
          />
          <TextField
            label={t('party.name')}
            value={draft.declarant.name}
            required
            {...f('/parties/declarant/name')}
            onChange={(e) => update((d) => ({ ...d, declarant: { ...d.declarant, name: e.target.value } }))}
          />
        </div>
      </fieldset>
      {f('/parties').errors ? <p className="field-errors">{f('/parties').errors?.join(' ')}</p> : null}
      {PARTY_ROLES.map((role) => (
        <PartyFields
          key={role}
          role={role}
          party={draft.parties[role]}
          required={role === required}
          onChange={(p) => update((d) => ({ ...d, parties: { ...d.parties, [role]: p } }))}
        />
      ))}
    </fieldset>
  );
}

export function TransportSection({ draft, update }: { draft: LodgementDraft; update: Update }) {
  const { t } = useTranslation();
  const f = useFieldIssues();
  return (
    <fieldset className="form-section">
      <legend>{t('declaration.transport')}</legend>
      <div className="grid-3">
        <SelectField
          label={t('field.transport_mode')}
          value={draft.transportMode}
          {...f('/transport/mode')}
          onChange={(e) => update((d) => ({ ...d, transportMode: e.target.value }))}
          options={TRANSPORT_MODES.map((m) => ({ value: m, label: t(`transportMode.${m}`) }))}
        />
        <TextField
          label={t('field.transport_meansName')}
          value={draft.meansName}
          {...f('/transport/meansName')}
          onChange={(e) => update((d) => ({ ...d, meansName: e.target.value }))}
        />
        <TextField
          label={t('field.transport_loadingLocation')}
          value={draft.loadingLocation}
          hint={t('lodge.unlocodeHint')}
          {...f('/transport/loadingLocation')}
          onChange={(e) => update((d) => ({ ...d, loadingLocation: e.target.value }))}
        />
        <TextField
          label={t('field.transport_goodsLocation')}
          value={draft.goodsLocation}
          hint={t('lodge.unlocodeHint')}
          {...f('/transport/goodsLocation')}
          onChange={(e) => update((d) => ({ ...d, goodsLocation: e.target.value }))}
        />
      </div>
      <div className="repeat">
        {draft.containers.map((c, i) => (
          <div className="repeat-row" key={i}>
            <TextField
              label={t('field.transport_containers_number', { n: i + 1 })}
              value={c}
              hint={t('lodge.containerHint')}
              maxLength={11}
              {...f(`/transport/containers/${i}/number`)}
              onChange={(e) =>
                update((d) => ({
                  ...d,
                  containers: d.containers.map((x, j) => (j === i ? e.target.value : x)),
                }))
              }
            />
            {draft.containers.length > 1 ? (
              <Button
                tone="quiet"
                onClick={() => update((d) => ({ ...d, containers: d.containers.filter((_, j) => j !== i) }))}
              >
                {t('lodge.removeContainer', { n: i + 1 })}
              </Button>
            ) : null}
          </div>
        ))}
        <Button tone="quiet" onClick={() => update((d) => ({ ...d, containers: [...d.containers, ''] }))}>
          {t('lodge.addContainer')}
        </Button>
      </div>
    </fieldset>
  );
}

export function InvoiceSection({ draft, update }: { draft: LodgementDraft; update: Update }) {
  const { t } = useTranslation();
  const f = useFieldIssues();
  return (
    <fieldset className="form-section">
      <legend>{t('declaration.invoice')}</legend>
      <div className="grid-3">
        <TextField
          label={t('field.invoice_number')}
          value={draft.invoiceNumber}
          {...f('/invoice/number')}
          onChange={(e) => update((d) => ({ ...d, invoiceNumber: e.target.value }))}
        />
        <TextField
          label={t('field.invoice_amount')}
          inputMode="decimal"
          value={draft.invoiceAmount}
          required
          {...f('/invoice/amount')}
          onChange={(e) => update((d) => ({ ...d, invoiceAmount: e.target.value }))}
        />
        <CurrencySelect
          label={t('field.invoice_currency')}
          value={draft.invoiceCurrency}
          required
          {...f('/invoice/currency')}
          onChange={(v) => update((d) => ({ ...d, invoiceCurrency: v }))}
        />
      </div>
    </fieldset>
  );
}

function ItemFields({
  index,
  item,
  onChange,
}: {
  index: number;
  item: ItemDraft;
  onChange: (i: ItemDraft) => void;
}) {
  const { t } = useTranslation();
  const f = useFieldIssues();
  const p = `/goodsItems/${index}`;
  const n = index + 1;
  return (
    <div className="grid-3">
      <HsCodeInput
        label={t('field.goodsItems_hsCode', { n })}
        value={item.hsCode}
        {...f(`${p}/hsCode`)}
        onChange={(code, description) =>
          onChange({
            ...item,
            hsCode: code,
            description: item.description || !description ? item.description : description,
          })
        }
      />
      <TextField
        label={t('field.goodsItems_description', { n })}
        value={item.description}
        required
        {...f(`${p}/description`)}
        onChange={(e) => onChange({ ...item, description: e.target.value })}
        className="span-2"
      />
      <CountrySelect
        label={t('field.goodsItems_originCountry', { n })}
        value={item.originCountry}
        required
        {...f(`${p}/originCountry`)}
        onChange={(v) => onChange({ ...item, originCountry: v })}
      />
      <TextField
        label={t('field.goodsItems_netMassKg', { n })}
        inputMode="decimal"
        value={item.netMassKg}
        required
        {...f(`${p}/netMassKg`)}
        onChange={(e) => onChange({ ...item, netMassKg: e.target.value })}
      />
      <TextField
        label={t('field.goodsItems_grossMassKg', { n })}
        inputMode="decimal"
        value={item.grossMassKg}
        required
        {...f(`${p}/grossMassKg`)}
        onChange={(e) => onChange({ ...item, grossMassKg: e.target.value })}
      />
      <TextField
        label={t('field.goodsItems_packages', { n })}
        inputMode="numeric"
        value={item.packages}
        {...f(`${p}/packages`)}
        onChange={(e) => onChange({ ...item, packages: e.target.value })}
      />
      <TextField
        label={t('field.goodsItems_customsValue', { n })}
        inputMode="decimal"
        value={item.customsValue}
        required
        {...f(`${p}/customsValue`)}
        onChange={(e) => onChange({ ...item, customsValue: e.target.value })}
      />
      <CurrencySelect
        label={t('field.goodsItems_currency', { n })}
        value={item.currency}
        required
        {...f(`${p}/currency`)}
        onChange={(v) => onChange({ ...item, currency: v })}
      />
      <TextField
        label={t('field.goodsItems_procedureCode', { n })}
        value={item.procedureCode}
        required
        maxLength={4}
        {...f(`${p}/procedureCode`)}
        onChange={(e) => onChange({ ...item, procedureCode: e.target.value })}
      />
    </div>
  );
}

export function ItemsSection({ draft, update }: { draft: LodgementDraft; update: Update }) {
  const { t } = useTranslation();
  const f = useFieldIssues();
  return (
    <fieldset className="form-section">
      <legend>{t('declaration.items', { count: draft.items.length })}</legend>
      {f('/goodsItems').errors ? <p className="field-errors">{f('/goodsItems').errors?.join(' ')}</p> : null}
      {draft.items.map((item, i) => (
        <fieldset className="item" key={i}>
          <legend>{t('lodge.itemN', { n: i + 1 })}</legend>
          <ItemFields
            index={i}
            item={item}
            onChange={(next) => update((d) => ({ ...d, items: d.items.map((x, j) => (j === i ? next : x)) }))}
          />
          {draft.items.length > 1 ? (
            <Button
              tone="quiet"
              onClick={() => update((d) => ({ ...d, items: d.items.filter((_, j) => j !== i) }))}
            >
              {t('lodge.removeItem', { n: i + 1 })}
            </Button>
          ) : null}
        </fieldset>
      ))}
      <Button onClick={() => update((d) => ({ ...d, items: [...d.items, emptyItem(d.invoiceCurrency)] }))}>
        {t('lodge.addItem')}
      </Button>
    </fieldset>
  );
}

export function DocumentsSection({ draft, update }: { draft: LodgementDraft; update: Update }) {
  const { t } = useTranslation();
  const f = useFieldIssues();
  return (
    <fieldset className="form-section">
      <legend>{t('declaration.documents')}</legend>
      {draft.documents.map((doc, i) => (
        <div className="grid-3" key={i}>
          <SelectField
            label={t('field.documents_kind', { n: i + 1 })}
            value={doc.kind}
            {...f(`/documents/${i}/kind`)}
            onChange={(e) =>
              update((d) => ({
                ...d,
                documents: d.documents.map((x, j) => (j === i ? { ...x, kind: e.target.value } : x)),
              }))
            }
            options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documentKind.${k}`) }))}
          />
          <TextField
            label={t('field.documents_reference', { n: i + 1 })}
            value={doc.reference}
            {...f(`/documents/${i}/reference`)}
            onChange={(e) =>
              update((d) => ({
                ...d,
                documents: d.documents.map((x, j) => (j === i ? { ...x, reference: e.target.value } : x)),
              }))
            }
          />
          <TextField
            label={t('field.documents_issuedOn', { n: i + 1 })}
            type="date"
            value={doc.issuedOn}
            {...f(`/documents/${i}/issuedOn`)}
            onChange={(e) =>
              update((d) => ({
                ...d,
                documents: d.documents.map((x, j) => (j === i ? { ...x, issuedOn: e.target.value } : x)),
              }))
            }
          />
        </div>
      ))}
      <Button
        tone="quiet"
        onClick={() =>
          update((d) => ({
            ...d,
            documents: [...d.documents, { kind: 'other', reference: '', issuedOn: '' }],
          }))
        }
      >
        {t('actions.addDocument')}
      </Button>
    </fieldset>
  );
}
