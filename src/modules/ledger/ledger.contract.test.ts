import { Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateAll } from '../../platform/database/migrations.js';
import { openTestDatabase } from '../../platform/database/test-database.js';
import type { Database } from '../../platform/database/database.js';
import { DevChain } from './evm/dev-chain.js';
import { EvmLedger } from './evm/evm-ledger.js';
import { describeLedgerContract } from './ledger.contract-suite.js';
import { generateKeys } from './log/keys.js';
import { TransparencyLog } from './log/log.js';
import { ledgerMigrations } from './migrations/index.js';
import { PgLogStorage } from './storage/pg-log-storage.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  await migrateAll(database.db, [ledgerMigrations]);
});
afterAll(() => database.close());

const logKeys = generateKeys('aduana.contract/ledger');
describeLedgerContract('transparency log on the platform database', () =>
  Promise.resolve(
    new TransparencyLog({
      origin: 'aduana.contract/ledger',
      signerKey: logKeys.signerKey,
      storage: new PgLogStorage(database.db),
    }),
  ),
);

const issuer = new Wallet(Wallet.createRandom().privateKey);
const relayer = new Wallet(Wallet.createRandom().privateKey);
const chain = DevChain.start({ funded: [issuer.address, relayer.address] });
const direct = chain.then(async (c) => {
  const provider = c.provider();
  const { contract } = await EvmLedger.deploy(issuer.connect(provider), {
    name: 'contract suite',
    withForwarder: false,
  });
  return new EvmLedger({ provider, issuer: new Wallet(issuer.privateKey), contract });
});
describeLedgerContract('EVM document store (in-process EVM, ethers v6)', () => direct);

// Deployed after `direct`: both deployments are sent by the issuer, one nonce after the other.
const relayed = Promise.all([chain, direct]).then(async ([c]) => {
  const provider = c.provider();
  const { contract, forwarder } = await EvmLedger.deploy(issuer.connect(provider), {
    name: 'relayed suite',
    withForwarder: true,
  });
  return new EvmLedger({
    provider,
    issuer: new Wallet(issuer.privateKey),
    contract,
    relay: { forwarder: forwarder!, relayer: relayer.connect(provider) },
  });
});
describeLedgerContract('EVM document store through the ERC-2771 forwarder', () => relayed);

describe('EVM meta-transactions (ERC-2771)', () => {
  it('acts for the signing issuer while the relayer pays the gas', async () => {
    const ledger = await relayed;
    const provider = (await chain).provider();
    const issuerBalance = await provider.getBalance(issuer.address);
    const relayerBalance = await provider.getBalance(relayer.address);
    await ledger.anchor({ root: new Uint8Array(32).fill(9) });
    expect(await provider.getBalance(issuer.address)).toBe(issuerBalance);
    expect(await provider.getBalance(relayer.address)).toBeLessThan(relayerBalance);
  });

  it('refuses a direct call from an account without the issuer role', async () => {
    const ledger = await direct;
    const stranger = new EvmLedger({
      provider: (await chain).provider(),
      issuer: relayer,
      contract: await ledger.store.getAddress(),
    });
    await expect(stranger.anchor({ root: new Uint8Array(32).fill(7) })).rejects.toThrow();
  });
});
