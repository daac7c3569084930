import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, DeclarationDetail, Notification } from '../../../api/types';
import { DataTable, matchesSearch } from '../../../kit/DataTable';
import { Facts, Panel } from '../../../kit/Panel';
import { useFormat } from '../../../i18n/format';
import type { DeclarationInput, Party } from '../platform-model.js';
import { NotificationFilterBar, notificationTitle } from './NotificationFilterBar';

export const documentOf = (d: DeclarationDetail) => d.declaration as DeclarationInput;

const PARTY_ROLES = ['declarant', 'importer', 'exporter', 'seller', 'buyer', 'carrier'] as const;

export function PartiesPanel({ declaration }: { declaration: DeclarationDetail }) {
  const { t } = useTranslation();
  const parties = documentOf(declaration).parties as Record<string, Party | undefined>;
  return (
    <Panel title={t('declaration.parties')}>
      <Facts
        items={PARTY_ROLES.flatMap((role) => {
          const p = parties[role];
          return p
            ? [
                {
                  key: role,
                  label: t(`party.${role}`),
                  value: (
                    <>
                      <strong>{p.name}</strong> <span className="mono">{p.tin}</span>
                      {p.address?.country ? ` · ${p.address.country}` : ''}
                    </>
                  ),
                },
              ]
            : [];
        })}
      />
    </Panel>
  );
}

export function TransportPanel({ declaration }: { declaration: DeclarationDetail }) {
  const { t } = useTranslation();
  const doc = documentOf(declaration);
  const f = useFormat();
  return (
    <Panel title={t('declaration.transport')}>
      <Facts
        items={[
          { key: 'type', label: t('declaration.type'), value: t(`declarationType.${doc.type}`) },
          {
            key: 'mode',
            label: t('field.transport_mode'),
            value: doc.transport.mode ? t(`transportMode.${doc.transport.mode}`) : t('common.notDeclared'),
          },
          { key: 'means', label: t('field.transport_meansName'), value: doc.transport.meansName ?? '—' },
          {
            key: 'containers',
            label: t('declaration.containers'),
            value: doc.transport.containers.length
              ? doc.transport.containers.map((c) => c.number).join(', ')
              : '—',
          },
          {
            key: 'route',
            label: t('declaration.route'),
            value: `${doc.transport.loadingLocation ?? '—'} → ${doc.transport.goodsLocation ?? '—'}`,
          },
          {
            key: 'invoice',
            label: t('declaration.invoice'),
            value: `${doc.invoice.number ?? ''} ${f.money(doc.invoice.amount, doc.invoice.currency)}`.trim(),
          },
          {
            key: 'eta',
            label: t('field.expectedArrivalAt'),
            value: doc.expectedArrivalAt ? f.dateTime(doc.expectedArrivalAt) : '—',
          },
        ]}
      />
    </Panel>
  );
}

export function ItemsPanel({ declaration }: { declaration: DeclarationDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const items = documentOf(declaration).goodsItems.map((g, i) => ({ ...g, seq: g.sequence ?? i + 1 }));
  return (
    <Panel title={t('declaration.items', { count: items.length })}>
      <DataTable
        caption={t('declaration.itemsCaption')}
        rows={items}
        rowKey={(g) => String(g.seq)}
        empty={t('common.none')}
        filter={{
          label: t('declaration.itemsFilter'),
          text: (g) => [g.hsCode, g.description, g.originCountry].filter(Boolean).join(' '),
        }}
        columns={[
          { key: 'seq', header: t('item.sequence'), cell: (g) => g.seq },
          {
            key: 'hs',
            header: t('item.hsCode'),
            cell: (g) => <span className="mono">{g.hsCode ?? t('common.notDeclared')}</span>,
          },
          {
            key: 'description',
            header: t('item.description'),
            cell: (g) => g.description ?? t('common.notDeclared'),
          },
          {
            key: 'origin',
            header: t('item.originCountry'),
            cell: (g) => g.originCountry ?? t('common.notDeclared'),
          },
          {
            key: 'net',
            header: t('item.netMassKg'),
            align: 'end',
            cell: (g) => (g.netMassKg === undefined ? t('common.notDeclared') : f.mass(g.netMassKg)),
            optional: true,
          },
          {
            key: 'gross',
            header: t('item.grossMassKg'),
            align: 'end',
            cell: (g) => (g.grossMassKg === undefined ? t('common.notDeclared') : f.mass(g.grossMassKg)),
            optional: true,
          },
          {
            key: 'value',
            header: t('item.customsValue'),
            align: 'end',
            cell: (g) =>
              g.customsValue === undefined
                ? t('common.notDeclared')
                : g.currency === undefined
                  ? f.number(g.customsValue)
                  : f.money(g.customsValue, g.currency),
          },
          { key: 'procedure', header: t('item.procedureCode'), cell: (g) => g.procedureCode, optional: true },
        ]}
      />
    </Panel>
  );
}

export function DocumentsPanel({ declaration }: { declaration: DeclarationDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const doc = documentOf(declaration);
  const docs = [...doc.documents, ...doc.goodsItems.flatMap((g) => g.documents)];
  return (
    <Panel title={t('declaration.documents')}>
      <DataTable
        caption={t('declaration.documents')}
        rows={docs.map((d, i) => ({ ...d, key: `${i}-${d.reference}` }))}
        rowKey={(d) => d.key}
        empty={t('common.none')}
        filter={{
          label: t('declaration.documentsFilter'),
          text: (d) => `${t(`documentKind.${d.kind}`)} ${d.kind} ${d.reference}`,
        }}
        columns={[
          { key: 'kind', header: t('document.kind'), cell: (d) => t(`documentKind.${d.kind}`) },
          {
            key: 'reference',
            header: t('document.reference'),
            cell: (d) => <span className="mono">{d.reference}</span>,
          },
          {
            key: 'issuedOn',
            header: t('document.issuedOn'),
            cell: (d) => (d.issuedOn ? f.date(d.issuedOn) : '—'),
          },
        ]}
      />
    </Panel>
  );
}

const TIMES = ['lodgedAt', 'acceptedAt', 'channelAt', 'arrivedAt', 'controlAt', 'releasedAt'] as const;

/** When each stage happened (the Time Release Study's stages). */
export function TimelinePanel({ declaration }: { declaration: DeclarationDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Panel title={t('declaration.timeline')}>
      <ol className="timeline">
        {TIMES.map((k) => {
          const at = declaration.times[k];
          return (
            <li key={k} className={at ? 'done' : 'pending'}>
              <span className="stage">{t(`times.${k}`)}</span>
              <span className="when">{at ? f.dateTime(at) : t('times.pending')}</span>
            </li>
          );
        })}
      </ol>
    </Panel>
  );
}

/** What a notification can be found by in the panel: its code, title, reason and requested documents. */
function notificationText(t: (key: string, options?: Record<string, unknown>) => string, n: Notification) {
  const { reason, documents } = n.data;
  return [
    n.functionCode,
    notificationTitle(t, n.kind),
    typeof reason === 'string' ? reason : '',
    Array.isArray(documents) ? documents.map(String).join(' ') : '',
  ].join(' ');
}

/** The declaration's notifications, newest first, filtered by kind and text. */
export function NotificationsPanel({ notifications }: { notifications: Notification[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [kind, setKind] = useState('');
  const [text, setText] = useState('');
  const visible = notifications.filter(
    (n) => (!kind || n.kind === kind) && matchesSearch(notificationText(t, n), text),
  );
  return (
    <Panel title={t('declaration.notifications')}>
      <NotificationFilterBar
        label={t('notifications.filters')}
        kinds={notifications.map((n) => n.kind)}
        kind={kind}
        onKind={setKind}
        textLabel={t('notifications.text')}
        text={text}
        onText={setText}
        onClear={() => {
          setKind('');
          setText('');
        }}
        shown={visible.length}
        total={notifications.length}
      />
      {notifications.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : visible.length === 0 ? (
        <p>{t('notifications.noMatch')}</p>
      ) : (
        <ol className="notifications" aria-live="polite">
          {[...visible].reverse().map((n) => (
            <li key={n.id} className={`notification kind-${n.kind}`}>
              <span className="code mono">{n.functionCode}</span>
              <span className="title">{notificationTitle(t, n.kind)}</span>
              <time dateTime={n.issuedAt}>{f.dateTime(n.issuedAt)}</time>
              <NotificationData data={n.data} />
            </li>
          ))}
        </ol>
      )}
    </Panel>
  );
}

function NotificationData({ data }: { data: Record<string, unknown> }) {
  const { t } = useTranslation();
  const reason = typeof data.reason === 'string' ? data.reason : null;
  const documents = Array.isArray(data.documents) ? (data.documents as unknown[]).map(String) : null;
  if (!reason && !documents) return null;
  return (
    <p className="note-data">
      {reason ? <span>{t('notification.reason', { reason })}</span> : null}
      {documents ? <span>{t('notification.documents', { documents: documents.join(', ') })}</span> : null}
    </p>
  );
}

function auditActionText(t: Translate, action: string): string {
  if (action.startsWith('status:'))
    return t('auditAction.status', { status: t(`status.${action.slice(7)}`) });
  return t(`auditAction.${action}`, { defaultValue: action });
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * Why the platform did something, in the reader's language: a system entry carries its reason as a code and
 * parameters (`reasonCode`, `reasonParams` in its data); a person's reason is shown as they wrote it.
 */
export function auditReasonText(t: Translate, entry: Pick<AuditEntry, 'reason' | 'data'>): string {
  const code = entry.data.reasonCode;
  const raw = entry.data.reasonParams;
  const params: Record<string, unknown> = raw !== null && typeof raw === 'object' ? { ...raw } : {};
  const word = (key: string, value: unknown) =>
    typeof value === 'string' ? t(`${key}.${value}`, { defaultValue: value }) : value;
  switch (code) {
    case 'iot_alarm':
      return t('auditReason.iot_alarm', {
        type: word('iot.alarmType', params.type),
        severity: word('iot.severity', params.severity),
      });
    case 'origin_claim':
      return t('auditReason.origin_claim', { outcome: word('risk.why.originOutcome', params.outcome) });
    case 'amendment_reassessed':
      return t(
        params.profiles ? 'auditReason.amendment_reassessed_profiles' : 'auditReason.amendment_reassessed',
        params,
      );
    default:
      return entry.reason ?? '—';
  }
}

/** The hash-chained audit trail: who did what, when and why (customs roles only). */
export function AuditPanel({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Panel title={t('declaration.audit')}>
      <DataTable
        caption={t('declaration.audit')}
        rows={entries.map((e, i) => ({ ...e, key: `${e.seq ?? 'p'}-${i}` }))}
        rowKey={(e) => e.key}
        empty={t('common.none')}
        filter={{
          label: t('declaration.auditFilter'),
          text: (e) => `${e.actor.name} ${auditActionText(t, e.action)} ${auditReasonText(t, e)}`,
        }}
        columns={[
          { key: 'at', header: t('audit.when'), cell: (e) => f.dateTime(e.occurredAt) },
          { key: 'who', header: t('audit.who'), cell: (e) => e.actor.name },
          { key: 'what', header: t('audit.what'), cell: (e) => auditActionText(t, e.action) },
          { key: 'why', header: t('audit.why'), cell: (e) => auditReasonText(t, e) },
          {
            key: 'hash',
            header: t('audit.hash'),
            optional: true,
            cell: (e) => <span className="mono hash">{e.hash?.slice(0, 12) ?? '—'}</span>,
          },
        ]}
      />
    </Panel>
  );
}

/** How the channel was chosen (customs roles only: the API never sends it to traders). */
export function ChannelDecisionPanel({ declaration }: { declaration: DeclarationDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const decision = declaration.channelDecision as
    { source?: string; strategy?: string; score?: number | null; reasons?: unknown[] } | null | undefined;
  if (!decision) return null;
  return (
    <Panel title={t('declaration.channelDecision')}>
      <Facts
        items={[
          {
            key: 'source',
            label: t('risk.source'),
            value: t(`risk.sources.${decision.source ?? 'unknown'}`, {
              defaultValue: decision.source ?? '—',
            }),
          },
          {
            key: 'strategy',
            label: t('risk.strategy'),
            value: <span className="mono">{decision.strategy ?? '—'}</span>,
          },
          {
            key: 'score',
            label: t('risk.score'),
            value: typeof decision.score === 'number' ? f.number(decision.score) : '—',
          },
        ]}
      />
    </Panel>
  );
}

export function ControlPanel({ declaration }: { declaration: DeclarationDetail }) {
  const { t } = useTranslation();
  const f = useFormat();
  const control = declaration.control as {
    outcome: string;
    findings: string;
    revenueAdjustment: number;
    recordedAt: string;
    officer: string;
  } | null;
  const requested = declaration.documentsRequested as {
    documents: string[];
    reason: string;
    requestedAt: string;
    answeredAt?: string;
  } | null;
  if (!control && !requested) return null;
  return (
    <Panel title={t('declaration.control')}>
      <Facts
        items={[
          ...(requested
            ? [
                {
                  key: 'requested',
                  label: t('control.documentsRequested'),
                  value: `${requested.documents.join(', ')} — ${requested.reason}`,
                },
                {
                  key: 'answered',
                  label: t('control.documentsAnswered'),
                  value: requested.answeredAt
                    ? f.dateTime(requested.answeredAt)
                    : t('control.awaitingAnswer'),
                },
              ]
            : []),
          ...(control
            ? [
                {
                  key: 'outcome',
                  label: t('control.outcome'),
                  value: t(`controlOutcome.${control.outcome}`),
                },
                { key: 'findings', label: t('control.findings'), value: control.findings },
                {
                  key: 'revenue',
                  label: t('control.revenueAdjustment'),
                  value: f.money(control.revenueAdjustment, declaration.currency),
                },
                {
                  key: 'recorded',
                  label: t('control.recordedBy'),
                  value: `${control.officer} · ${f.dateTime(control.recordedAt)}`,
                },
              ]
            : []),
        ]}
      />
    </Panel>
  );
}
