import { createHash } from 'node:crypto';
import {
  Contract,
  ContractFactory,
  Interface,
  type AbstractProvider,
  type Signer,
  type TransactionReceipt,
  type Wallet,
} from 'ethers';
import type {
  AnchorInput,
  AnchorReceipt,
  InclusionEvidence,
  Ledger,
  LedgerCheckpoint,
  LedgerEngineName,
  LedgerVerification,
  RevocationReceipt,
  RevocationRecord,
} from '../ledger.port.js';
import { MAX_ANCHOR_PAYLOAD_BYTES, MAX_REVOCATION_REASON_BYTES } from '../log/entry.js';
import { LedgerLogError } from '../log/errors.js';
import { HASH_SIZE, type Hash } from '../log/merkle.js';
import { loadArtifact } from './artifacts.js';

/** Meta-transactions (ERC-2771): the issuer signs each request, the relayer submits and pays gas. */
export interface EvmRelay {
  readonly forwarder: string;
  readonly relayer: Signer;
}

export interface EvmLedgerOptions {
  readonly provider: AbstractProvider;
  /** The issuer: holds ISSUER_ROLE and REVOKER_ROLE on the store. */
  readonly issuer: Wallet;
  readonly contract: string;
  readonly relay?: EvmRelay;
  readonly receiptTimeoutMs?: number;
}

interface StoredRecord {
  issued: boolean;
  issuedEntry: bigint;
  issuedBlock: bigint;
  revoked: boolean;
  revokedEntry: bigint;
  revokedBlock: bigint;
}

const FORWARD_REQUEST_TYPES = {
  ForwardRequest: [
    { name: 'from', type: 'address' },
    { name: 'to', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'gas', type: 'uint256' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint48' },
    { name: 'data', type: 'bytes' },
  ],
};
const META_TX_GAS = 300_000n;

const toHex32 = (hash: Hash) => `0x${Buffer.from(hash).toString('hex')}`;
const fromHex = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/^0x/, ''), 'hex'));

function checkReason(reason: string): void {
  const bytes = Buffer.byteLength(reason, 'utf8');
  if (bytes === 0 || bytes > MAX_REVOCATION_REASON_BYTES || /[\u0000-\u001f]/u.test(reason)) {
    throw new LedgerLogError(
      'LEDGER_INVALID_ANCHOR',
      'a revocation reason is 1 to 512 bytes of printable text',
      { length: bytes },
    );
  }
}

/**
 * The {@link Ledger} port on an EVM document store (`contracts/AduanaDocumentStore.sol`), driven with
 * ethers v6 over JSON-RPC: anchoring issues a 32-byte root, revocation logs its reason, and the store's
 * entry counter orders entries. Inclusion evidence is the chain itself: the checkpoint names the chain,
 * contract and block. With a relay, transactions go through the ERC-2771 forwarder.
 */
export class EvmLedger implements Ledger {
  readonly engine: LedgerEngineName = 'evm';
  readonly store: Contract;
  private readonly storeInterface: Interface;
  private queue: Promise<unknown> = Promise.resolve();
  /** Gas used by the transactions this ledger sent (for benchmarks). */
  gasUsed = 0n;

  constructor(private readonly options: EvmLedgerOptions) {
    const artifact = loadArtifact('AduanaDocumentStore');
    this.storeInterface = new Interface(artifact.abi);
    this.store = new Contract(options.contract, artifact.abi, options.provider);
  }

  /** Deploys the forwarder (optional) and the document store; returns their addresses. */
  static async deploy(
    deployer: Wallet,
    options: { name: string; withForwarder: boolean; forwarder?: string },
  ): Promise<{ contract: string; forwarder: string | null }> {
    let forwarder = options.forwarder ?? null;
    if (forwarder === null && options.withForwarder) {
      const f = loadArtifact('AduanaForwarder');
      const deployed = await new ContractFactory(f.abi, f.bytecode, deployer).deploy();
      forwarder = await (await deployed.waitForDeployment()).getAddress();
    }
    const s = loadArtifact('AduanaDocumentStore');
    const store = await new ContractFactory(s.abi, s.bytecode, deployer).deploy(
      options.name,
      deployer.address,
      forwarder ?? '0x0000000000000000000000000000000000000000',
    );
    return { contract: await (await store.waitForDeployment()).getAddress(), forwarder };
  }

  entryId(input: AnchorInput): Hash {
    if ('root' in input) {
      if (input.root.length !== HASH_SIZE)
        throw new LedgerLogError('LEDGER_INVALID_ANCHOR', 'a root is 32 bytes');
      return Uint8Array.from(input.root);
    }
    if (input.data.length === 0 || input.data.length > MAX_ANCHOR_PAYLOAD_BYTES) {
      throw new LedgerLogError('LEDGER_INVALID_ANCHOR', 'an anchored payload is 1 to 1024 bytes', {
        length: input.data.length,
      });
    }
    return createHash('sha256')
      .update(Buffer.from([0]))
      .update(input.data)
      .digest();
  }

  anchor(input: AnchorInput): Promise<AnchorReceipt> {
    let id: Hash;
    try {
      id = this.entryId(input);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    return this.exclusive(async () => {
      let record = await this.record(id);
      if (!record.issued) {
        await this.send('issue', [toHex32(id)]);
        record = await this.record(id);
      }
      return { index: Number(record.issuedEntry), leafHash: id, treeSize: await this.size() };
    });
  }

  revoke(leafHash: Hash, reason: string): Promise<RevocationReceipt> {
    return this.exclusive(async () => {
      checkReason(reason);
      const record = await this.record(leafHash);
      if (!record.issued)
        throw new LedgerLogError('LEDGER_UNKNOWN_ENTRY', 'nothing is anchored under this hash');
      if (record.revoked)
        throw new LedgerLogError('LEDGER_ALREADY_REVOKED', 'this anchor is already revoked', {
          index: Number(record.issuedEntry),
        });
      return this.revokeTarget(leafHash, reason);
    });
  }

  revokeMember(anchorId: Hash, member: Hash, reason: string): Promise<RevocationReceipt> {
    if (member.length !== HASH_SIZE)
      return Promise.reject(new LedgerLogError('LEDGER_INVALID_ANCHOR', 'a member hash is 32 bytes'));
    return this.exclusive(async () => {
      checkReason(reason);
      const batch = await this.record(anchorId);
      if (!batch.issued)
        throw new LedgerLogError('LEDGER_UNKNOWN_ENTRY', 'no anchored batch under this hash');
      if (batch.revoked || (await this.record(member)).revoked) {
        throw new LedgerLogError('LEDGER_ALREADY_REVOKED', 'already revoked', {
          index: Number(batch.issuedEntry),
        });
      }
      return this.revokeTarget(member, reason);
    });
  }

  async revocationOf(target: Hash): Promise<RevocationRecord | undefined> {
    const record = await this.record(target);
    if (!record.revoked) return undefined;
    const logs = await this.store.queryFilter(
      this.store.filters.DocumentRevoked!(toHex32(target)),
      Number(record.revokedBlock),
      Number(record.revokedBlock),
    );
    const parsed = logs.map((l) => this.storeInterface.parseLog(l)).find((l) => l !== null);
    return {
      index: Number(record.revokedEntry),
      leafHash: revocationId(target),
      reason: String(parsed?.args.reason ?? ''),
    };
  }

  async checkpoint(): Promise<LedgerCheckpoint> {
    const [size, block, network] = await Promise.all([
      this.size(),
      this.options.provider.getBlock('latest'),
      this.options.provider.getNetwork(),
    ]);
    if (block === null || block.hash === null)
      throw new LedgerLogError('LEDGER_UNKNOWN_CHECKPOINT', 'no block');
    return {
      size,
      rootHash: fromHex(block.hash),
      attestation: `evm:${network.chainId}:${this.options.contract.toLowerCase()}@${block.number}`,
    };
  }

  async proveInclusion(
    leafHash: Hash,
    options: { readonly treeSize?: number } = {},
  ): Promise<InclusionEvidence> {
    const record = await this.record(leafHash);
    if (!record.issued)
      throw new LedgerLogError('LEDGER_UNKNOWN_ENTRY', 'nothing is anchored under this hash');
    const checkpoint = await this.checkpoint();
    const index = Number(record.issuedEntry);
    if (options.treeSize !== undefined && (options.treeSize <= index || options.treeSize > checkpoint.size)) {
      throw new LedgerLogError('LEDGER_UNKNOWN_CHECKPOINT', 'no checkpoint of this size covers the entry', {
        index,
        treeSize: options.treeSize,
      });
    }
    return { leafHash: Uint8Array.from(leafHash), index, treeSize: checkpoint.size, proof: [], checkpoint };
  }

  async verify(leafHash: Hash): Promise<LedgerVerification> {
    const record = await this.record(leafHash);
    if (!record.issued) return { status: 'not-anchored', leafHash };
    const evidence = await this.proveInclusion(leafHash);
    if (!record.revoked) return { status: 'anchored', leafHash, evidence };
    const revocation = await this.revocationOf(leafHash);
    return {
      status: 'revoked',
      leafHash,
      evidence,
      revocation: { index: Number(record.revokedEntry), reason: revocation?.reason ?? '' },
    };
  }

  private async revokeTarget(target: Hash, reason: string): Promise<RevocationReceipt> {
    await this.send('revoke', [toHex32(target), reason]);
    const record = await this.record(target);
    const index = Number(record.revokedEntry);
    return {
      index,
      leafHash: revocationId(target),
      treeSize: await this.size(),
      revoked: Uint8Array.from(target),
      reason,
    };
  }

  private async size(): Promise<number> {
    return Number(await this.store.getFunction('entryCount')());
  }

  private async record(id: Hash): Promise<StoredRecord> {
    const r = (await this.store.getFunction('recordOf')(toHex32(id))) as unknown as [
      boolean,
      bigint,
      bigint,
      boolean,
      bigint,
      bigint,
    ];
    return {
      issued: r[0],
      issuedEntry: r[1],
      issuedBlock: r[2],
      revoked: r[3],
      revokedEntry: r[4],
      revokedBlock: r[5],
    };
  }

  /** Sends a store call, directly from the issuer or as an ERC-2771 meta-transaction, and waits for it. */
  private async send(method: 'issue' | 'revoke', args: unknown[]): Promise<TransactionReceipt> {
    const data = this.storeInterface.encodeFunctionData(method, args);
    const { issuer, relay, provider } = this.options;
    let hash: string;
    if (relay === undefined) {
      hash = (await issuer.connect(provider).sendTransaction({ to: this.options.contract, data })).hash;
    } else {
      const forwarder = new Contract(relay.forwarder, loadArtifact('AduanaForwarder').abi, relay.relayer);
      const { chainId } = await provider.getNetwork();
      const nonce = (await forwarder.getFunction('nonces')(issuer.address)) as bigint;
      const deadline = BigInt(Math.floor(Date.now() / 1000) + 3600);
      const request = {
        from: issuer.address,
        to: this.options.contract,
        value: 0n,
        gas: META_TX_GAS,
        nonce,
        deadline,
        data,
      };
      const signature = await issuer.signTypedData(
        { name: 'AduanaForwarder', version: '1', chainId, verifyingContract: relay.forwarder },
        FORWARD_REQUEST_TYPES,
        request,
      );
      const tx: unknown = await forwarder.getFunction('execute')(
        { ...request, signature },
        { gasLimit: META_TX_GAS + 100_000n },
      );
      hash = (tx as { hash: string }).hash;
    }
    const receipt = await this.waitFor(hash);
    this.gasUsed += receipt.gasUsed;
    if (receipt.status !== 1) throw new Error(`ledger transaction ${hash} reverted`);
    return receipt;
  }

  private async waitFor(hash: string): Promise<TransactionReceipt> {
    const deadline = Date.now() + (this.options.receiptTimeoutMs ?? 120_000);
    for (let delay = 0; Date.now() < deadline; delay = Math.min(1000, delay + 50)) {
      const receipt = await this.options.provider.getTransactionReceipt(hash);
      if (receipt !== null) return receipt;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    throw new Error(`no receipt for ledger transaction ${hash}`);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** Identifier of the revocation of `target` (the store has no separate revocation ids). */
export function revocationId(target: Hash): Hash {
  return createHash('sha256')
    .update(Buffer.from([1]))
    .update(target)
    .digest();
}
