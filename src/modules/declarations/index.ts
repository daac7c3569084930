/**
 * The declarations module: goods declarations on the WCO Data Model, from lodgement to release.
 *
 * Public face: other modules use only what is exported here, or the events in `DECLARATION_EVENTS`.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../platform/config.js';
import type { AnyDb } from '../../platform/database/database.js';
import { RandomChannelStrategy, type ChannelStrategy } from './channel-strategy.js';
import { registerDeclarationRoutes, type DeclarationRepresentations } from './declaration.routes.js';
import { DeclarationService } from './declaration.service.js';

export { DECLARATION_EVENTS } from './declaration.events.js';
export type { DeclarationEventType } from './declaration.events.js';
export { RandomChannelStrategy } from './channel-strategy.js';
export type { ChannelContext, ChannelDecision, ChannelStrategy } from './channel-strategy.js';
export {
  CHANNELS,
  DECLARATION_TYPES,
  DeclarationInputSchema,
  STATUSES,
  type Channel,
  type ControlResult,
  type DeclarationInput,
  type DeclarationStatus,
  type DeclarationSubmission,
  type GoodsItem,
  type Party,
} from './declaration.schema.js';
export { DeclarationService, visibleTo } from './declaration.service.js';
export type { DeclarationRow, NotificationRow, StatisticsScope } from './declaration.repository.js';
export type { DeclarationRepresentations } from './declaration.routes.js';
export { DeclarationOut, NotificationOut, toDetail, toNotification } from './declaration.views.js';
export { KIND_BY_CODE } from './notifications.js';
export { TRANSITIONS, canTransition } from './declaration.lifecycle.js';
export {
  CUSTOMS_COUNTRY_CODES,
  DEFAULT_RULE_SEVERITY,
  partitionFindings,
  validateDeclaration,
  type RuleSeverity,
} from './declaration.validation.js';
export { wcoPathFor } from './wco-pointers.js';
export { FUNCTION_CODES } from './notifications.js';
export { listOffices, getOffice, centralOffice, type CustomsOffice } from './offices.js';
export { declarationMigrations } from './migrations/index.js';

export interface DeclarationsModule {
  service: DeclarationService;
  /** Registers the HTTP routes, with other representations (e.g. WCO XML) when a translator supplies them. */
  registerRoutes(app: FastifyInstance, representations?: DeclarationRepresentations): void;
}

/** Builds the module: the service with the default (random) channel strategy, and its routes. */
export function createDeclarationsModule(
  db: AnyDb,
  config: Pick<Config, 'channelRates' | 'invoiceTolerancePercent' | 'ruleSeverity'>,
  deps: {
    onCommit?: () => void;
    isAeo?: (tin: string) => Promise<boolean>;
    channelStrategy?: ChannelStrategy;
  } = {},
): DeclarationsModule {
  const service = new DeclarationService(
    db,
    deps.channelStrategy ?? new RandomChannelStrategy(config.channelRates),
    {
      invoiceTolerancePercent: config.invoiceTolerancePercent,
      ruleSeverity: config.ruleSeverity,
      ...(deps.onCommit ? { onCommit: deps.onCommit } : {}),
      ...(deps.isAeo ? { isAeo: deps.isAeo } : {}),
    },
  );
  return {
    service,
    registerRoutes: (app, representations) => registerDeclarationRoutes(app, service, db, representations),
  };
}
