import path from 'node:path';
import { z } from 'zod';

/** Expected share of declarations per channel, in percent; the four must add up to 100. */
export const ChannelRatesSchema = z
  .object({
    green: z.number().min(0).max(100),
    yellow: z.number().min(0).max(100),
    red: z.number().min(0).max(100),
    blue: z.number().min(0).max(100),
  })
  .refine((r) => Math.abs(r.green + r.yellow + r.red + r.blue - 100) < 1e-9, {
    message: 'channel rates must add up to 100',
  });
export type ChannelRates = z.infer<typeof ChannelRatesSchema>;

/** A partner administration acting as a witness of this administration's ledger. */
export const LedgerWitnessSchema = z
  .object({
    /** Base URL of the partner's Aduana (its witness API is under `/api/v1/ledger/witness`). */
    url: z.url(),
    /** The partner's cosigner verifier key (C2SP vkey, type 0x04). */
    vkey: z.string().min(10),
    /** API key the partner issued to this administration (role `partner_administration`). */
    apiKey: z.string().min(1).optional(),
  })
  .strict();
export type LedgerWitnessConfig = z.infer<typeof LedgerWitnessSchema>;

/** A partner administration's log that this administration witnesses (cosigns after checking consistency). */
export const FollowedLogSchema = z.object({ origin: z.string().min(1), vkey: z.string().min(10) }).strict();

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const ConfigSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  host: z.string().min(1).default('127.0.0.1'),
  dataDir: z.string().min(1).default('./data'),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** PostgreSQL connections the process keeps (with DATABASE_URL): requests wait for one when all are busy. */
  databasePoolSize: z.coerce.number().int().min(1).max(500).default(20),
  mqttUrl: z
    .string()
    .regex(/^(mqtts?|wss?|tcp):\/\//, 'must be an mqtt://, mqtts://, ws:// or wss:// URL')
    .optional(),
  /** Embedded MQTT broker (when no MQTT_URL): TCP port (0 = any free port) and address. */
  mqttPort: z.coerce.number().int().min(0).max(65535).default(1883),
  mqttHost: z.string().min(1).default('127.0.0.1'),
  /** MQTT over WebSocket for the console and browser gateways; -1 turns it off, 0 = any free port. */
  mqttWsPort: z.coerce.number().int().min(-1).max(65535).default(9001),
  /** Topic prefix before `aduana/v1/…` (e.g. a tenant or a test run); empty by default. */
  mqttTopicNamespace: z
    .string()
    .regex(/^([A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*)?$/, 'topic levels without wildcards')
    .default(''),
  /** The platform's own account on an external broker (MQTT_URL). */
  mqttUsername: z.string().min(1).optional(),
  mqttPassword: z.string().min(1).optional(),
  mqttClientId: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .default('aduana-ingest'),
  iotBatchSize: z.coerce.number().int().min(1).max(20_000).default(1000),
  iotBatchWaitMs: z.coerce.number().int().min(0).max(5000).default(10),
  iotRawRetentionDays: z.coerce.number().min(0.01).max(3650).default(30),
  iotAggregateRetentionDays: z.coerce.number().min(1).max(36_500).default(730),
  iotMaintenanceIntervalMs: z.coerce.number().int().min(1000).default(60_000),
  iotTickIntervalMs: z.coerce.number().int().min(100).default(30_000),
  iotCheckpointIntervalMs: z.coerce.number().int().min(100).default(30_000),
  /** Customs equipment events (DCSA CUSS/CUSI) sent to traders per assigned channel, e.g. `red=CUSI,yellow=CUSS`. */
  iotChannelEvents: z
    .partialRecord(z.enum(['green', 'yellow', 'red', 'blue']), z.enum(['CUSS', 'CUSI']))
    .default({
      red: 'CUSI',
    }),
  logLevel: LogLevel.default('info'),
  bodyLimitBytes: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 * 1024),
  sessionTtlMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .default(8 * 60),
  loginRateLimitPerMinute: z.coerce.number().int().min(1).default(10),
  channelRates: ChannelRatesSchema.default({ green: 70, yellow: 15, red: 10, blue: 5 }),
  /** Per business rule: `error` refuses a declaration, `warning` keeps it with the finding (over the defaults). */
  ruleSeverity: z.record(z.string().regex(/^[A-Z0-9_]+$/), z.enum(['error', 'warning'])).default({}),
  invoiceTolerancePercent: z.coerce.number().min(0).max(50).default(1),
  shutdownGraceMs: z.coerce.number().int().min(0).default(10_000),
  outboxPollMs: z.coerce.number().int().min(10).default(1000),
  /** After a delivery pass, how long commits wait for the next (they are then delivered together). */
  outboxKickGapMs: z.coerce.number().int().min(0).max(1000).default(25),
  ledgerEngine: z.enum(['transparency-log', 'evm']).default('transparency-log'),
  ledgerOrigin: z
    .string()
    .regex(/^[^\s+]+$/, 'a log origin has no spaces or plus signs')
    .default('aduana.local/ledger'),
  ledgerKeyFile: z.string().min(1).optional(),
  ledgerWitnessKeyFile: z.string().min(1).optional(),
  ledgerWitnesses: z.array(LedgerWitnessSchema).default([]),
  ledgerWitnessThreshold: z.coerce.number().int().min(1).default(1),
  ledgerFollowedLogs: z.array(FollowedLogSchema).default([]),
  ledgerBatchSize: z.coerce.number().int().min(1).max(100_000).default(256),
  ledgerBatchIntervalMs: z.coerce.number().int().min(10).default(5000),
  ledgerEvmRpcUrl: z.string().min(1).default('embedded'),
  ledgerEvmContract: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/, 'an EVM address')
    .optional(),
  ledgerEvmKeyFile: z.string().min(1).optional(),
  ledgerEvmForwarder: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/, 'an EVM address')
    .optional(),
  ledgerEvmRelayerKeyFile: z.string().min(1).optional(),
  documentsIssuerName: z.string().min(1).max(200).default('Aduana customs administration'),
  documentsIssuerDomain: z.string().min(1).max(253).default('aduana.local'),
  /** Minimum share of declarations per office selected at random for a control, in percent (offices may override). */
  riskRandomMinimumPercent: z.coerce.number().min(0).max(100).default(2),
  /** Share of each office's red + yellow budget given to uncertain (exploration) picks, in percent. */
  riskExplorationPercent: z.coerce.number().min(0).max(100).default(10),
  /** How often every node checks for new risk profiles, lists, rates or a newly promoted model. */
  riskRefreshMs: z.coerce.number().int().min(100).default(5000),
  /** Hours between scheduled retrains on all labelled history, counted from start-up or the last retrain; 0 = off. */
  riskRetrainIntervalHours: z.coerce.number().min(0).default(168),
  /** Historical declarations with outcomes (KCS CSV format) that training starts from, and the later held-out period. */
  riskTrainingData: z.string().min(1).default('assets/fraud/df_syn_train_eng.csv'),
  riskValidationData: z.string().min(1).default('assets/fraud/df_syn_valid_eng.csv'),
  /** Platform labels needed before their latest share is held out as its own validation period. */
  riskMinValidationLabels: z.coerce.number().int().min(10).default(200),
});

export type Config = z.infer<typeof ConfigSchema>;

/** Environment variable (or CLI flag) for each configuration key, so that errors name what the operator typed. */
const ENV_KEYS: Record<keyof Config, string> = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'ADUANA_DATA_DIR',
  databaseUrl: 'DATABASE_URL',
  databasePoolSize: 'DATABASE_POOL_SIZE',
  mqttUrl: 'MQTT_URL',
  mqttPort: 'MQTT_PORT',
  mqttHost: 'MQTT_HOST',
  mqttWsPort: 'MQTT_WS_PORT',
  mqttTopicNamespace: 'MQTT_TOPIC_NAMESPACE',
  mqttUsername: 'MQTT_USERNAME',
  mqttPassword: 'MQTT_PASSWORD',
  mqttClientId: 'MQTT_CLIENT_ID',
  iotBatchSize: 'ADUANA_IOT_BATCH_SIZE',
  iotBatchWaitMs: 'ADUANA_IOT_BATCH_WAIT_MS',
  iotRawRetentionDays: 'ADUANA_IOT_RAW_RETENTION_DAYS',
  iotAggregateRetentionDays: 'ADUANA_IOT_AGGREGATE_RETENTION_DAYS',
  iotMaintenanceIntervalMs: 'ADUANA_IOT_MAINTENANCE_INTERVAL_MS',
  iotTickIntervalMs: 'ADUANA_IOT_TICK_MS',
  iotCheckpointIntervalMs: 'ADUANA_IOT_CHECKPOINT_MS',
  iotChannelEvents: 'ADUANA_IOT_CHANNEL_EVENTS',
  logLevel: 'LOG_LEVEL',
  bodyLimitBytes: 'ADUANA_BODY_LIMIT_BYTES',
  sessionTtlMinutes: 'ADUANA_SESSION_TTL_MINUTES',
  loginRateLimitPerMinute: 'ADUANA_LOGIN_RATE_LIMIT',
  channelRates: 'ADUANA_CHANNEL_RATES',
  ruleSeverity: 'ADUANA_RULE_SEVERITY',
  invoiceTolerancePercent: 'ADUANA_INVOICE_TOLERANCE_PERCENT',
  shutdownGraceMs: 'ADUANA_SHUTDOWN_GRACE_MS',
  outboxPollMs: 'ADUANA_OUTBOX_POLL_MS',
  outboxKickGapMs: 'ADUANA_OUTBOX_KICK_GAP_MS',
  ledgerEngine: 'ADUANA_LEDGER_ENGINE',
  ledgerOrigin: 'ADUANA_LEDGER_ORIGIN',
  ledgerKeyFile: 'ADUANA_LEDGER_KEY_FILE',
  ledgerWitnessKeyFile: 'ADUANA_LEDGER_WITNESS_KEY_FILE',
  ledgerWitnesses: 'ADUANA_LEDGER_WITNESSES',
  ledgerWitnessThreshold: 'ADUANA_LEDGER_WITNESS_THRESHOLD',
  ledgerFollowedLogs: 'ADUANA_LEDGER_FOLLOWED_LOGS',
  ledgerBatchSize: 'ADUANA_LEDGER_BATCH_SIZE',
  ledgerBatchIntervalMs: 'ADUANA_LEDGER_BATCH_INTERVAL_MS',
  ledgerEvmRpcUrl: 'ADUANA_LEDGER_EVM_RPC_URL',
  ledgerEvmContract: 'ADUANA_LEDGER_EVM_CONTRACT',
  ledgerEvmKeyFile: 'ADUANA_LEDGER_EVM_KEY_FILE',
  ledgerEvmForwarder: 'ADUANA_LEDGER_EVM_FORWARDER',
  ledgerEvmRelayerKeyFile: 'ADUANA_LEDGER_EVM_RELAYER_KEY_FILE',
  documentsIssuerName: 'ADUANA_DOCUMENTS_ISSUER_NAME',
  documentsIssuerDomain: 'ADUANA_DOCUMENTS_ISSUER_DOMAIN',
  riskRandomMinimumPercent: 'ADUANA_RISK_RANDOM_MINIMUM',
  riskExplorationPercent: 'ADUANA_RISK_EXPLORATION_SHARE',
  riskRefreshMs: 'ADUANA_RISK_REFRESH_MS',
  riskRetrainIntervalHours: 'ADUANA_RISK_RETRAIN_INTERVAL_HOURS',
  riskTrainingData: 'ADUANA_RISK_TRAINING_DATA',
  riskValidationData: 'ADUANA_RISK_VALIDATION_DATA',
  riskMinValidationLabels: 'ADUANA_RISK_MIN_VALIDATION_LABELS',
};

/** Keys whose environment value is JSON (lists of partners). */
const JSON_KEYS = new Set<keyof Config>(['ledgerWitnesses', 'ledgerFollowedLogs']);

export class ConfigError extends Error {
  constructor(
    readonly key: string,
    detail: string,
  ) {
    super(`Invalid configuration ${key}: ${detail}`);
    this.name = 'ConfigError';
  }
}

/** `red=CUSI,yellow=CUSS` → object (values as given, validated by the schema). */
function parsePairs(envKey: string, raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of raw.split(',')) {
    const [k, v] = part.split('=');
    if (!k || v === undefined) throw new ConfigError(envKey, `cannot read "${part}"`);
    out[k.trim()] = v.trim();
  }
  return out;
}

/** `green=70,yellow=15,red=10,blue=5` → object. */
function parseChannelRates(raw: string): unknown {
  const out: Record<string, number> = {};
  for (const part of raw.split(',')) {
    const [k, v] = part.split('=');
    if (!k || v === undefined) throw new ConfigError(ENV_KEYS.channelRates, `cannot read "${part}"`);
    out[k.trim()] = Number(v);
  }
  return out;
}

/**
 * Reads configuration from the environment, overridden by explicit values (CLI flags). Fails fast with the name
 * of the offending key.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const raw: Record<string, unknown> = {};
  for (const [key, envKey] of Object.entries(ENV_KEYS) as [keyof Config, string][]) {
    const value = env[envKey];
    if (value === undefined || value === '') continue;
    if (JSON_KEYS.has(key)) {
      try {
        raw[key] = JSON.parse(value) as unknown;
      } catch {
        throw new ConfigError(envKey, 'must be a JSON array');
      }
      continue;
    }
    raw[key] =
      key === 'channelRates'
        ? parseChannelRates(value)
        : key === 'iotChannelEvents' || key === 'ruleSeverity'
          ? parsePairs(envKey, value)
          : value;
  }
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) raw[k] = v;
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = (issue?.path[0] as keyof Config | undefined) ?? 'port';
    throw new ConfigError(ENV_KEYS[key] ?? String(key), issue?.message ?? 'invalid');
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.dataDir) };
}
