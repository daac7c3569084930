import fs from 'node:fs';
import path from 'node:path';
import { JsonRpcProvider, Wallet, type AbstractProvider } from 'ethers';
import type { Config } from '../../../platform/config.js';
import { tablesOf, type AnyDb } from '../../../platform/database/database.js';
import type { LedgerEngine } from '../ledger.engine.js';
import type { LedgerTables } from '../storage/ledger.tables.js';
import { DevChain } from './dev-chain.js';
import { EvmLedger } from './evm-ledger.js';

/** A secp256k1 key from a file (created 0600 on first start) or from the ledger's key table. */
async function walletFrom(db: AnyDb, file: string | undefined, purpose: string): Promise<Wallet> {
  if (file !== undefined) {
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `${Wallet.createRandom().privateKey}\n`, { mode: 0o600, flag: 'wx' });
    }
    return new Wallet(fs.readFileSync(file, 'utf8').trim());
  }
  const t = tablesOf<LedgerTables>(db);
  await t
    .insertInto('ledger_keys')
    .values({ purpose, secret: Wallet.createRandom().privateKey })
    .onConflict((oc) => oc.column('purpose').doNothing())
    .execute();
  const row = await t
    .selectFrom('ledger_keys')
    .select('secret')
    .where('purpose', '=', purpose)
    .executeTakeFirstOrThrow();
  return new Wallet(row.secret);
}

/**
 * The EVM engine from configuration: a JSON-RPC node (`ADUANA_LEDGER_EVM_RPC_URL`), or `embedded` — an
 * in-process chain for tests and demos, whose contracts are deployed at start. On a real network the
 * store's address is configured (`ADUANA_LEDGER_EVM_CONTRACT`) or, the first time, deployed and
 * remembered. With a relayer key, transactions are ERC-2771 meta-transactions through the forwarder.
 */
export async function connectEvmLedger(db: AnyDb, config: Config): Promise<LedgerEngine> {
  const issuer = await walletFrom(db, config.ledgerEvmKeyFile, 'evm-issuer');
  const relayer =
    config.ledgerEvmRelayerKeyFile === undefined
      ? undefined
      : await walletFrom(db, config.ledgerEvmRelayerKeyFile, 'evm-relayer');
  const embedded = config.ledgerEvmRpcUrl === 'embedded';
  const provider: AbstractProvider = embedded
    ? (await DevChain.start({ funded: [issuer.address, ...(relayer ? [relayer.address] : [])] })).provider()
    : new JsonRpcProvider(config.ledgerEvmRpcUrl);
  const { chainId } = await provider.getNetwork();
  let contract = config.ledgerEvmContract;
  let forwarder = config.ledgerEvmForwarder ?? null;
  if (contract === undefined) {
    const t = tablesOf<LedgerTables>(db);
    const purpose = `evm-contract:${chainId}`;
    const known = embedded
      ? undefined
      : await t.selectFrom('ledger_keys').select('secret').where('purpose', '=', purpose).executeTakeFirst();
    if (known !== undefined) contract = known.secret;
    else {
      const deployed = await EvmLedger.deploy(issuer.connect(provider), {
        name: config.ledgerOrigin,
        withForwarder: relayer !== undefined,
        ...(forwarder === null ? {} : { forwarder }),
      });
      contract = deployed.contract;
      forwarder = deployed.forwarder;
      if (!embedded) await t.insertInto('ledger_keys').values({ purpose, secret: contract }).execute();
    }
  }
  const ledger = new EvmLedger({
    provider,
    issuer,
    contract,
    ...(relayer !== undefined && forwarder !== null
      ? { relay: { forwarder, relayer: relayer.connect(provider) } }
      : {}),
  });
  return {
    ledger,
    log: undefined,
    describe: () => ({
      chainId: Number(chainId),
      contract,
      forwarder,
      issuerAddress: issuer.address,
      embedded,
    }),
    close: () => Promise.resolve(provider.destroy()),
  };
}
