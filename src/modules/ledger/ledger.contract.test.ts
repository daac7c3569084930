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
import { MemoryLogStorage } from './log/memory-log-storage.js';
import { hashLeaf, verifyConsistency, verifyInclusion } from './log/merkle.js';
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

/** The log's database storage against the in-memory reference, on a database of its own (an empty log). */
let storageDb: Database;
beforeAll(async () => {
  storageDb = await openTestDatabase();
  await migrateAll(storageDb.db, [ledgerMigrations]);
});
afterAll(() => storageDb.close());

const ORIGIN = 'aduana.test/ledger';
const keys = generateKeys(ORIGIN);
const root = (i: number) => hashLeaf(Buffer.from(`batch ${i}`));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('PgLogStorage (its own log origin in the same database)', () => {
  it('gives the same roots, inclusion and consistency proofs as the in-memory log for 37 entries', async () => {
    const pg = new TransparencyLog({
      origin: ORIGIN,
      signerKey: keys.signerKey,
      storage: new PgLogStorage(storageDb.db),
    });
    const memory = new TransparencyLog({
      origin: ORIGIN,
      signerKey: keys.signerKey,
      storage: new MemoryLogStorage(),
    });
    const sizes: number[] = [];
    for (let i = 0; i < 37; i += 1) {
      const [a, b] = await Promise.all([pg.anchor({ root: root(i) }), memory.anchor({ root: root(i) })]);
      expect(a.index).toBe(i);
      expect(hex(a.leafHash)).toBe(hex(b.leafHash));
      if ([1, 2, 5, 16, 31, 37].includes(i + 1)) {
        const [cp, cm] = await Promise.all([pg.checkpoint(), memory.checkpoint()]);
        expect(hex(cp.rootHash)).toBe(hex(cm.rootHash));
        sizes.push(cp.size);
      }
    }
    const latest = await pg.checkpoint();
    for (const i of [0, 13, 36]) {
      const evidence = await pg.proveInclusion(pg.entryId({ root: root(i) }));
      expect(verifyInclusion(evidence.leafHash, i, 37, evidence.proof, latest.rootHash)).toBe(true);
      expect(evidence.proof.map(hex)).toEqual(
        (await memory.proveInclusion(memory.entryId({ root: root(i) }))).proof.map(hex),
      );
    }
    const old = (await pg.proveInclusion(pg.entryId({ root: root(0) }), { treeSize: 5 })).checkpoint;
    const proof = await pg.consistencyProof(5, 37);
    expect(verifyConsistency(5, 37, old.rootHash, latest.rootHash, proof)).toBe(true);
    expect(sizes).toEqual([1, 2, 5, 16, 31, 37]);
  });

  it('keeps one entry per leaf hash and indexes revocations by target', async () => {
    const storage = new PgLogStorage(storageDb.db);
    const log = new TransparencyLog({ origin: ORIGIN, signerKey: keys.signerKey, storage });
    const size = await storage.size();
    const again = await log.anchor({ root: root(3) });
    expect(again.index).toBe(3);
    expect(await storage.size()).toBe(size);
    const revoked = await log.revoke(again.leafHash, 'issued in error');
    expect(await storage.findRevocation(again.leafHash)).toBe(revoked.index);
    expect(await log.verify(again.leafHash)).toMatchObject({
      status: 'revoked',
      revocation: { index: revoked.index, reason: 'issued in error' },
    });
  });

  it('reports an edited entry through the audit, naming its index', async () => {
    const storage = new PgLogStorage(storageDb.db);
    const log = new TransparencyLog({ origin: ORIGIN, signerKey: keys.signerKey, storage });
    await log.checkpoint();
    expect((await log.audit()).intact).toBe(true);
    await storageDb.db
      .updateTable('ledger_entries')
      .set({ data: Buffer.concat([Buffer.from([0]), Buffer.alloc(32, 7)]) })
      .where('idx', '=', 7)
      .execute();
    const report = await log.audit();
    expect(report).toMatchObject({ intact: false, leafHashMismatches: [7] });
  });
});
