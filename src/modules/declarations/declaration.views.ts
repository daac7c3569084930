import { z } from 'zod';
import { isPartyScoped, type Principal } from '../../platform/auth/roles.js';
import { translateAll } from '../../platform/i18n/i18n.js';
import { renderFieldErrors } from '../../platform/http/problem.js';
import type { DeclarationRow, NotificationRow } from './declaration.repository.js';
import { CHANNELS, DECLARATION_TYPES, STATUSES } from './declaration.schema.js';
import { KIND_BY_CODE } from './notifications.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export const DeclarationSummaryOut = z.object({
  id: z.uuid(),
  lrn: z.string(),
  type: z.enum(DECLARATION_TYPES),
  office: z.string(),
  status: z.enum(STATUSES),
  channel: z.enum(CHANNELS).nullable(),
  declarantTin: z.string(),
  importerTin: z.string().nullable(),
  exporterTin: z.string().nullable(),
  hsCodes: z.array(z.string()),
  containers: z.array(z.string()),
  totalValue: z.number(),
  currency: z.string(),
  itemCount: z.number(),
  lodgedAt: z.string(),
  arrivedAt: z.string().nullable(),
  releasedAt: z.string().nullable(),
});

export const DeclarationOut = DeclarationSummaryOut.extend({
  version: z.number(),
  declaration: z.unknown().describe('The declaration as lodged (DeclarationInput)'),
  times: z.object({
    arrivedAt: z.string().nullable(),
    lodgedAt: z.string(),
    acceptedAt: z.string().nullable(),
    channelAt: z.string().nullable(),
    controlAt: z.string().nullable(),
    releasedAt: z.string().nullable(),
  }),
  control: z.unknown().nullable(),
  documentsRequested: z.unknown().nullable(),
  /** Business-rule warnings kept with the declaration, each with its code, field and messages (EN, ES). */
  warnings: z.array(z.record(z.string(), z.unknown())),
  /** Only for customs roles: how the channel was chosen. */
  channelDecision: z.unknown().nullable().optional(),
});

export const NotificationOut = z.object({
  id: z.number(),
  functionCode: z.string(),
  kind: z.string(),
  issuedAt: z.string(),
  title: z.record(z.string(), z.string()),
  data: z.record(z.string(), z.unknown()),
});

export function toSummary(r: DeclarationRow): z.infer<typeof DeclarationSummaryOut> {
  return {
    id: r.id,
    lrn: r.lrn,
    type: r.type,
    office: r.office,
    status: r.status,
    channel: r.channel,
    declarantTin: r.declarant_tin,
    importerTin: r.importer_tin,
    exporterTin: r.exporter_tin,
    hsCodes: r.hs_codes,
    containers: r.container_numbers,
    totalValue: Number(r.total_value),
    currency: r.currency.trim(),
    itemCount: r.item_count,
    lodgedAt: new Date(r.lodged_at).toISOString(),
    arrivedAt: iso(r.arrived_at),
    releasedAt: iso(r.released_at),
  };
}

/** The full view; risk reasons (channel decision) only for customs roles, never for traders. */
export function toDetail(r: DeclarationRow, viewer: Principal): z.infer<typeof DeclarationOut> {
  const out: z.infer<typeof DeclarationOut> = {
    ...toSummary(r),
    version: r.version,
    declaration: r.document,
    times: {
      arrivedAt: iso(r.arrived_at),
      lodgedAt: new Date(r.lodged_at).toISOString(),
      acceptedAt: iso(r.accepted_at),
      channelAt: iso(r.channel_at),
      controlAt: iso(r.control_at),
      releasedAt: iso(r.released_at),
    },
    control: r.control,
    documentsRequested: r.documents_requested,
    warnings: renderFieldErrors(r.warnings ?? [], viewer.locale === 'es' ? 'es' : 'en') as unknown as Record<
      string,
      unknown
    >[],
  };
  if (!isPartyScoped(viewer)) out.channelDecision = r.channel_decision;
  return out;
}

export function toNotification(n: NotificationRow): z.infer<typeof NotificationOut> {
  const kind = KIND_BY_CODE[n.function_code.trim()] ?? 'unknown';
  return {
    id: Number(n.id),
    functionCode: n.function_code.trim(),
    kind,
    issuedAt: new Date(n.issued_at).toISOString(),
    title: translateAll(`notification.${kind}`),
    data: n.data,
  };
}
