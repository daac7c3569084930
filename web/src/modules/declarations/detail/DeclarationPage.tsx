import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { declarationPanelsFor } from '../../../app/registry';
import { usePrincipal } from '../../../auth/AuthProvider';
import { isCustoms } from '../../../auth/roles';
import { Loading, ProblemAlert } from '../../../kit/Alert';
import { ChannelBadge, StatusBadge } from '../../../kit/Badges';
import { Panel } from '../../../kit/Panel';
import { useFormat } from '../../../i18n/format';
import { DeclarationActions } from '../actions/DeclarationActions';
import { useAuditTrail, useDeclaration, useNotifications } from '../api';
import {
  AuditPanel,
  ChannelDecisionPanel,
  ControlPanel,
  DocumentsPanel,
  ItemsPanel,
  NotificationsPanel,
  PartiesPanel,
  TimelinePanel,
  TransportPanel,
} from './sections';
import { WarningsPanel } from './WarningsPanel';
import { WcoDownloads } from './WcoDownloads';
import { WcoElementsPanel } from './WcoElementsPanel';

/**
 * One declaration: header with status and channel, the actions this role may take, then parties, goods, documents,
 * notifications and (customs only) the channel decision and audit trail. Modules add panels through the registry.
 */
export default function DeclarationPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { id = '' } = useParams();
  const principal = usePrincipal();
  const customs = isCustoms(principal);
  const declaration = useDeclaration(id);
  // Asked in parallel with the declaration: the API checks visibility on each, so nothing leaks.
  const notifications = useNotifications(id);
  const audit = useAuditTrail(id, customs);
  const d = declaration.data;
  if (declaration.isPending) return <Loading />;
  if (!d)
    return (
      <div className="page">
        <ProblemAlert error={declaration.error} />
        <Link to={customs ? '/queue' : '/my/declarations'}>{t('declaration.backToList')}</Link>
      </div>
    );
  const extra = declarationPanelsFor(principal);
  return (
    <div className="page declaration-page">
      <nav aria-label={t('declaration.breadcrumb')} className="breadcrumb">
        <Link to={customs ? '/queue' : '/my/declarations'}>
          {customs ? t('nav.queue') : t('nav.myDeclarations')}
        </Link>
      </nav>
      <div className="page-header">
        <h1>{t('declaration.title', { lrn: d.lrn })}</h1>
        <div className="header-badges" aria-live="polite">
          <StatusBadge status={d.status} />
          <ChannelBadge channel={d.channel} />
        </div>
        <p className="subtitle">
          {t(`declarationType.${d.type}`)} · {d.office} · {f.money(d.totalValue, d.currency)} ·{' '}
          {t('declaration.version', { version: d.version })}
        </p>
      </div>
      <DeclarationActions declaration={d} principal={principal} />
      <div className="declaration-grid">
        <div className="col-main">
          <WarningsPanel declaration={d} />
          <PartiesPanel declaration={d} />
          <ItemsPanel declaration={d} />
          <DocumentsPanel declaration={d} />
          <TransportPanel declaration={d} />
          <WcoElementsPanel declaration={d} />
          {extra.map((p) => (
            <Panel key={p.id} title={t(p.titleKey)}>
              <Suspense fallback={<Loading />}>
                <p.component declaration={d} principal={principal} />
              </Suspense>
            </Panel>
          ))}
          {customs && audit.data ? <AuditPanel entries={audit.data} /> : null}
        </div>
        <div className="col-side">
          <TimelinePanel declaration={d} />
          <ControlPanel declaration={d} />
          {customs ? <ChannelDecisionPanel declaration={d} /> : null}
          {notifications.data ? <NotificationsPanel notifications={notifications.data} /> : <Loading />}
          <WcoDownloads declaration={d} />
        </div>
      </div>
    </div>
  );
}
