import type { Config } from '../../platform/config.js';
import type { AnyDb } from '../../platform/database/database.js';
import type { LedgerKeys } from './ledger-keys.js';
import type { Ledger } from './ledger.port.js';
import { TransparencyLog } from './log/log.js';
import { PgLogStorage } from './storage/pg-log-storage.js';

/** The configured engine behind the port. */
export interface LedgerEngine {
  readonly ledger: Ledger;
  readonly log: TransparencyLog | undefined;
  /** Engine facts for partners and the console (chain id, contract address …). */
  describe(): Record<string, unknown>;
  close(): Promise<void>;
}

/** Chooses the engine from configuration: the local transparency log (default) or an EVM document store. */
export async function createLedgerEngine(db: AnyDb, config: Config, keys: LedgerKeys): Promise<LedgerEngine> {
  switch (config.ledgerEngine) {
    case 'transparency-log': {
      const log = new TransparencyLog({
        origin: config.ledgerOrigin,
        signerKey: keys.logSignerKey,
        storage: new PgLogStorage(db),
      });
      return { ledger: log, log, describe: () => ({}), close: () => Promise.resolve() };
    }
    case 'evm': {
      const { connectEvmLedger } = await import('./evm/evm-engine.js');
      return connectEvmLedger(db, config);
    }
  }
}
