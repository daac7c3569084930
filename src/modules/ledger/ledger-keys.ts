import fs from 'node:fs';
import path from 'node:path';
import { tablesOf, type AnyDb } from '../../platform/database/database.js';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
  generateKeys,
  parseSignerKey,
  type SignatureType,
} from './log/keys.js';
import type { LedgerTables } from './storage/ledger.tables.js';

/** This administration's ledger keys (secrets: never logged, never returned by the API). */
export interface LedgerKeys {
  /** Signs the log's checkpoints (Ed25519, type 0x01). */
  readonly logSignerKey: string;
  /** Cosigns partners' checkpoints as their witness (Ed25519 cosignature/v1, type 0x04). */
  readonly witnessSignerKey: string;
}

export interface LedgerKeyOptions {
  readonly ledgerOrigin: string;
  readonly ledgerKeyFile?: string | undefined;
  readonly ledgerWitnessKeyFile?: string | undefined;
}

/** The witness key's name: the log origin with a `-witness` suffix (a valid note key name). */
export function witnessNameOf(origin: string): string {
  return `${origin}-witness`;
}

function checked(secret: string, type: SignatureType, where: string): string {
  const key = parseSignerKey(secret.trim());
  if (key.type !== type)
    throw new Error(`ledger key in ${where} has signature type ${key.type}, expected ${type}`);
  return secret.trim();
}

/** Reads a key file, or creates it (mode 0600) with a fresh key the first time. */
function keyFromFile(file: string, name: string, type: SignatureType): string {
  if (fs.existsSync(file)) return checked(fs.readFileSync(file, 'utf8'), type, file);
  const { signerKey } = generateKeys(name, type);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${signerKey}\n`, { mode: 0o600, flag: 'wx' });
  return signerKey;
}

/** Reads a key from the database, or stores a fresh one the first time (race-safe across nodes). */
async function keyFromDatabase(
  db: AnyDb,
  purpose: string,
  name: string,
  type: SignatureType,
): Promise<string> {
  const t = tablesOf<LedgerTables>(db);
  const read = () =>
    t.selectFrom('ledger_keys').select('secret').where('purpose', '=', purpose).executeTakeFirst();
  const existing = await read();
  if (existing !== undefined) return checked(existing.secret, type, `ledger_keys/${purpose}`);
  await t
    .insertInto('ledger_keys')
    .values({ purpose, secret: generateKeys(name, type).signerKey })
    .onConflict((oc) => oc.column('purpose').doNothing())
    .execute();
  const stored = await read();
  if (stored === undefined) throw new Error(`could not store the ledger ${purpose} key`);
  return checked(stored.secret, type, `ledger_keys/${purpose}`);
}

/**
 * Loads this administration's log and witness keys: from the configured key files (created on first
 * start), or else from the database, where they are generated on first start so that every node of a
 * deployment shares them.
 */
export async function loadLedgerKeys(db: AnyDb, options: LedgerKeyOptions): Promise<LedgerKeys> {
  const logName = options.ledgerOrigin;
  const witnessName = witnessNameOf(options.ledgerOrigin);
  const logSignerKey = options.ledgerKeyFile
    ? keyFromFile(options.ledgerKeyFile, logName, SIGNATURE_TYPE_ED25519)
    : await keyFromDatabase(db, 'log', logName, SIGNATURE_TYPE_ED25519);
  const witnessSignerKey = options.ledgerWitnessKeyFile
    ? keyFromFile(options.ledgerWitnessKeyFile, witnessName, SIGNATURE_TYPE_COSIGNATURE_V1)
    : await keyFromDatabase(db, 'witness', witnessName, SIGNATURE_TYPE_COSIGNATURE_V1);
  return { logSignerKey, witnessSignerKey };
}
