import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import {
  createDeclarationsModule,
  declarationMigrations,
  type DeclarationsModule,
} from '../modules/declarations/index.js';
import { createDashboardModule } from '../modules/dashboard/index.js';
import { createReferenceApiModule } from '../modules/reference-api/index.js';
import { createInterchangeModule, type InterchangeModule } from '../modules/interchange/index.js';
import { createIotModule, iotMigrations, type IotModule } from '../modules/iot/index.js';
import { createLedgerModule, ledgerMigrations, type LedgerModule } from '../modules/ledger/index.js';
import {
  createProvenanceModule,
  PROVENANCE_ITEM_KIND,
  provenanceMigrations,
  type ProvenanceModule,
} from '../modules/provenance/index.js';
import {
  createDocumentsModule,
  documentMigrations,
  type DocumentsModule,
} from '../modules/documents/index.js';
import { createOriginModule, originMigrations, type OriginModule } from '../modules/origin/index.js';
import { DECLARATION_EVENTS } from '../modules/declarations/index.js';
import { createRiskModule, riskMigrations, type RiskModule } from '../modules/risk/index.js';
import { sealAuditTrail } from './audit/audit.js';
import { registerAuthRoutes } from './auth/auth.routes.js';
import { AuthService } from './auth/auth.service.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './database/database.js';
import { migrateAll, type ModuleMigrations } from './database/migrations.js';
import { OutboxDispatcher } from './events/outbox.js';
import { registerConsole } from './http/console.js';
import { counter, gaugesOnScrape } from './http/metrics.js';
import { createHttpServer, type RouteEntry } from './http/server.js';
import { createLogger, type Logger } from './logger.js';
import { platformMigrations } from './platform.migrations.js';

const pkg = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** Every module's migrations, platform first. */
export const ALL_MIGRATIONS: ModuleMigrations[] = [
  { module: 'platform', migrations: platformMigrations },
  declarationMigrations,
  ledgerMigrations,
  provenanceMigrations,
  documentMigrations,
  originMigrations,
  riskMigrations,
  iotMigrations,
];

/** A running (or ready to run) Aduana: database, modules, event dispatcher and HTTP server. */
export interface Aduana {
  config: Config;
  log: Logger;
  database: Database;
  http: FastifyInstance;
  /** Every route with its access rule. */
  routes: RouteEntry[];
  auth: AuthService;
  dispatcher: OutboxDispatcher;
  declarations: DeclarationsModule;
  /** WCO DEC/RES-DMS XML in and out. */
  interchange: InterchangeModule;
  /** Smart containers: devices, MQTT broker, telemetry, shipments, alarms. */
  iot: IotModule;
  /** Tamper-evident ledger: anchoring, checkpoints, witnesses, verification. */
  ledger: LedgerModule;
  /** Signed GS1 EPCIS events, party keys, traces. */
  provenance: ProvenanceModule;
  /** Verifiable certificates of origin and trade documents. */
  documents: DocumentsModule;
  /** Preferential origin assessments and worksheets. */
  origin: OriginModule;
  /** Risk targeting: profiles, lists, office budgets, model registry, scoring and channel selection. */
  risk: RiskModule;
  /** Listens on the configured port; returns the URL. */
  listen(): Promise<string>;
  /** Graceful: stop taking requests, finish those in flight, drain events, close the database. */
  close(): Promise<void>;
}

export interface CreateAppOptions {
  logger?: Logger;
  /** Use an already opened database (tests). */
  database?: Database;
}

/** Wires the platform and its modules. Migrations are applied before anything else runs. */
export async function createApp(config: Config, options: CreateAppOptions = {}): Promise<Aduana> {
  const log = options.logger ?? createLogger(config.logLevel);
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      poolSize: config.databasePoolSize,
    }));
  await migrateAll(database.db, ALL_MIGRATIONS);

  const auth = new AuthService(database.db, config.sessionTtlMinutes);
  // Bound once the metrics registry exists (below).
  let countBatchFallback: (subscriber: string) => void = () => undefined;
  const dispatcher = new OutboxDispatcher(database.db, log.child({ component: 'outbox' }), {
    pollMs: config.outboxPollMs,
    // Under a stream of commits (lodgement at full rate), one pass per gap delivers what they published together.
    kickGapMs: config.outboxKickGapMs,
    afterSequencing: () => sealAuditTrail(database.db),
    onBatchFallback: (subscriber) => countBatchFallback(subscriber),
  });
  const declarations = createDeclarationsModule(database.db, config, {
    onCommit: () => dispatcher.kick(),
    isAeo: (tin) => auth.isAeo(tin),
  });
  const risk = createRiskModule({
    db: database.db,
    config,
    log: log.child({ component: 'risk' }),
    declarations: declarations.service,
    isAeo: (tin) => auth.isAeo(tin),
    onCommit: () => dispatcher.kick(),
  });
  declarations.service.useChannelStrategy(risk.strategy);

  const iot = await createIotModule(database.db, config, {
    declarations: declarations.service,
    auth,
    log: log.child({ component: 'iot' }),
    onCommit: () => dispatcher.kick(),
  });

  // The broker's check joins once the broker runs (listen), so an app that only serves injected requests is ready.
  const readiness = [{ name: 'database', check: () => database.ping(2000) }];
  const {
    app: http,
    routes,
    metrics,
  } = await createHttpServer({
    config,
    log,
    auth,
    version: pkg.version,
    readiness,
  });
  const events = counter(metrics, 'aduana_domain_events_total', 'Domain events delivered, by type', ['type']);
  const batchFallbacks = counter(
    metrics,
    'aduana_outbox_batch_fallbacks_total',
    'Pages of events a subscriber could not take at once and took one by one, by subscriber',
    ['subscriber'],
  );
  countBatchFallback = (subscriber) => batchFallbacks.inc({ subscriber });
  dispatcher.subscribe({
    name: 'metrics',
    types: '*',
    handle: (e) => Promise.resolve(void events.inc({ type: e.type })),
  });
  const ledger = await createLedgerModule(database.db, config, {
    logger: log.child({ component: 'ledger' }),
    onCommit: () => dispatcher.kick(),
  });
  ledger.subscribe(dispatcher);
  ledger.registerRoutes(http);
  const readDeclaration = (id: string) => declarations.service.repo.findById(id);
  const provenance = createProvenanceModule(database.db, {
    onCommit: () => dispatcher.kick(),
    ledgerStatus: async (ids) => ledger.anchoring.status(PROVENANCE_ITEM_KIND, ids),
    readDeclaration: async (id) => {
      const row = await readDeclaration(id);
      return row && { id: row.id, lrn: row.lrn, containers: row.container_numbers };
    },
  });
  const documents = createDocumentsModule(database.db, {
    onCommit: () => dispatcher.kick(),
    ledger: {
      ledger: ledger.ledger,
      anchorDirect: (item) => ledger.anchoring.anchorDirect(item),
      anchorStatus: (kind, ids) => ledger.anchoring.status(kind, ids),
    },
    logger: log.child({ component: 'documents' }),
    issuer: () => {
      const contract = ledger.info().contract;
      return {
        name: config.documentsIssuerName,
        domain: config.documentsIssuerDomain,
        ...(typeof contract === 'string' ? { documentStore: contract } : {}),
      };
    },
  });
  gaugesOnScrape(
    metrics,
    () => documents.pending.backlog(),
    [
      {
        name: 'aduana_document_batches_pending',
        help: 'Document batches stored but not yet anchored and issued (retried every minute)',
        value: (b) => b.count,
      },
      {
        name: 'aduana_document_batch_pending_oldest_seconds',
        help: 'Age of the oldest pending document batch in seconds (0 when none)',
        value: (b) =>
          b.oldestRecordedAt === null ? 0 : Math.max(0, (Date.now() - b.oldestRecordedAt.getTime()) / 1000),
      },
    ],
    (err) => log.warn({ err }, 'could not count the pending document batches for /metrics'),
  );
  const origin = createOriginModule(database.db, {
    onCommit: () => dispatcher.kick(),
    productionTree: (identifier) => provenance.traces.productionTree(identifier),
    productsIn: async (containers) => {
      const products = [];
      for (const container of containers) {
        for (const node of (await provenance.traces.traceContainer(container)).nodes) {
          if (node.kind === 'product' && node.facts !== undefined)
            products.push({ identifier: node.id, facts: node.facts });
        }
      }
      return products;
    },
    readDeclaration: async (id) => {
      const row = await readDeclaration(id);
      if (row === undefined) return undefined;
      const input = row.document;
      return {
        id: row.id,
        containers: row.container_numbers,
        items: input.goodsItems.map((g, i) => ({
          sequence: g.sequence ?? i + 1,
          ...(g.hsCode === undefined ? {} : { hsCode: g.hsCode }),
          ...(g.preferentialOrigin ? { preferentialOrigin: g.preferentialOrigin } : {}),
        })),
      };
    },
  });
  for (const source of [provenance.anchorSource, documents.anchorSource, origin.anchorSource])
    ledger.registerSource(source);
  origin.subscribe(dispatcher, { lodged: DECLARATION_EVENTS.lodged, amended: DECLARATION_EVENTS.amended });
  provenance.registerRoutes(http);
  documents.registerRoutes(http);
  origin.registerRoutes(http);
  registerAuthRoutes(http, auth, config.loginRateLimitPerMinute);
  const interchange = createInterchangeModule(declarations.service);
  declarations.registerRoutes(http, interchange.install(http));
  createReferenceApiModule(config).registerRoutes(http);
  createDashboardModule(declarations.service).registerRoutes(http);
  iot.registerRoutes(http);
  for (const subscription of iot.subscriptions) dispatcher.subscribe(subscription);
  risk.subscribe(dispatcher);
  risk.registerRoutes(http);
  if (!(await registerConsole(http)))
    log.debug('web console not built (npm run build:web); serving the API only');
  await http.ready();
  dispatcher.start();
  ledger.start();
  // Finishes document batches a crash left pending (anchored or not), then retries any still pending.
  documents.start();
  await risk.start();

  let closed = false;
  return {
    config,
    log,
    database,
    http,
    routes,
    auth,
    dispatcher,
    declarations,
    interchange,
    ledger,
    provenance,
    documents,
    origin,
    risk,
    iot,
    async listen() {
      await iot.start();
      readiness.push(iot.readiness);
      return http.listen({ port: config.port, host: config.host });
    },
    async close() {
      if (closed) return;
      closed = true;
      await iot.stop();
      await http.close();
      await documents.stop();
      await risk.close();
      await dispatcher.stop();
      await dispatcher
        .drain()
        .catch((err: unknown) => log.warn({ err }, 'could not drain the outbox at shutdown'));
      await ledger.stop();
      await database.close();
    },
  };
}
