import { createBlock, type Block } from '@ethereumjs/block';
import { Mainnet, createCustomCommon, type Common } from '@ethereumjs/common';
import { createTxFromRLP, type TypedTransaction } from '@ethereumjs/tx';
import {
  bytesToHex,
  createAccount,
  createAddressFromString,
  createZeroAddress,
  hexToBytes,
} from '@ethereumjs/util';
import { createVM, runTx, type VM } from '@ethereumjs/vm';
import {
  JsonRpcApiProvider,
  keccak256,
  type JsonRpcError,
  type JsonRpcPayload,
  type JsonRpcResult,
} from 'ethers';

/**
 * An in-process EVM chain (EthereumJS VM, Cancun rules) answering the Ethereum JSON-RPC methods a
 * wallet and contract client use, mining one block per transaction. For tests, demos and benchmarks of
 * the EVM ledger engine without a network; production points the engine at a node (e.g. Hyperledger
 * Besu on LACChain) over HTTP. State lives in memory and is lost when the process ends.
 */

const BASE_FEE = 1_000_000_000n; // 1 gwei
const GAS_LIMIT = 30_000_000n;
const ZERO32 = new Uint8Array(32);

const hex = (n: bigint | number) => `0x${BigInt(n).toString(16)}`;

interface MinedBlock {
  number: bigint;
  hash: string;
  parentHash: string;
  timestamp: bigint;
  gasUsed: bigint;
  transactions: string[];
}

interface StoredLog {
  address: string;
  topics: string[];
  data: string;
  blockNumber: bigint;
  blockHash: string;
  transactionHash: string;
  logIndex: number;
}

interface StoredReceipt {
  transactionHash: string;
  blockNumber: bigint;
  blockHash: string;
  from: string;
  to: string | null;
  contractAddress: string | null;
  gasUsed: bigint;
  status: 1 | 0;
  logs: StoredLog[];
  tx: TypedTransaction;
}

class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: string,
  ) {
    super(message);
  }
}

export class DevChain {
  readonly chainId: bigint;
  private readonly blocks: MinedBlock[] = [];
  private readonly receipts = new Map<string, StoredReceipt>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly vm: VM,
    private readonly common: Common,
  ) {
    this.chainId = common.chainId();
    this.blocks.push({
      number: 0n,
      hash: keccak256(new TextEncoder().encode('aduana dev chain genesis')),
      parentHash: bytesToHex(ZERO32),
      timestamp: BigInt(Math.floor(Date.now() / 1000)),
      gasUsed: 0n,
      transactions: [],
    });
  }

  /** A fresh chain with `funded` accounts holding 10^24 wei each. */
  static async start(options: { chainId?: number; funded: readonly string[] }): Promise<DevChain> {
    const common = createCustomCommon({ chainId: options.chainId ?? 1337 }, Mainnet, { hardfork: 'cancun' });
    const vm = await createVM({ common });
    for (const address of options.funded) {
      await vm.stateManager.putAccount(
        createAddressFromString(address),
        createAccount({ balance: 10n ** 24n }),
      );
    }
    return new DevChain(vm, common);
  }

  /** An ethers provider speaking JSON-RPC to this chain in-process. */
  provider(): DevChainProvider {
    return new DevChainProvider(this);
  }

  private head(): MinedBlock {
    return this.blocks[this.blocks.length - 1]!;
  }

  private blockFor(number: bigint, timestamp: bigint): Block {
    return createBlock(
      {
        header: {
          number,
          timestamp,
          gasLimit: GAS_LIMIT,
          baseFeePerGas: BASE_FEE,
          excessBlobGas: 0n,
          blobGasUsed: 0n,
          parentBeaconBlockRoot: ZERO32,
          coinbase: createZeroAddress(),
        },
      },
      { common: this.common, skipConsensusFormatValidation: true },
    );
  }

  /** Handles one JSON-RPC request. */
  async request(method: string, params: unknown[]): Promise<unknown> {
    switch (method) {
      case 'eth_chainId':
        return hex(this.chainId);
      case 'net_version':
        return String(this.chainId);
      case 'eth_blockNumber':
        return hex(this.head().number);
      case 'eth_gasPrice':
        return hex(BASE_FEE);
      case 'eth_maxPriorityFeePerGas':
        return '0x0';
      case 'eth_accounts':
        return [];
      case 'eth_getBlockByNumber':
        return this.blockJson(this.blockByTag(params[0]));
      case 'eth_getBlockByHash':
        return this.blockJson(this.blocks.find((b) => b.hash === params[0]));
      case 'eth_getTransactionCount': {
        const account = await this.vm.stateManager.getAccount(createAddressFromString(String(params[0])));
        return hex(account?.nonce ?? 0n);
      }
      case 'eth_getBalance': {
        const account = await this.vm.stateManager.getAccount(createAddressFromString(String(params[0])));
        return hex(account?.balance ?? 0n);
      }
      case 'eth_getCode':
        return bytesToHex(await this.vm.stateManager.getCode(createAddressFromString(String(params[0]))));
      case 'eth_call':
        return this.exclusive(() => this.call(params[0] as CallRequest, false)).then((r) => r.returnValue);
      case 'eth_estimateGas':
        return this.exclusive(() => this.call(params[0] as CallRequest, true)).then((r) => hex(r.estimate));
      case 'eth_sendRawTransaction':
        return this.exclusive(() => this.mine(String(params[0])));
      case 'eth_getTransactionReceipt':
        return this.receiptJson(this.receipts.get(String(params[0])));
      case 'eth_getTransactionByHash':
        return this.transactionJson(this.receipts.get(String(params[0])));
      case 'eth_getLogs':
        return this.logs(params[0] as LogFilter);
      default:
        throw new RpcError(-32601, `method ${method} is not supported by the dev chain`);
    }
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private blockByTag(tag: unknown): MinedBlock | undefined {
    if (tag === 'latest' || tag === 'pending' || tag === 'safe' || tag === 'finalized' || tag === undefined)
      return this.head();
    if (tag === 'earliest') return this.blocks[0];
    return typeof tag === 'string' ? this.blocks[Number(BigInt(tag))] : undefined;
  }

  private async mine(raw: string): Promise<string> {
    const tx = createTxFromRLP(hexToBytes(raw as `0x${string}`), { common: this.common });
    const parent = this.head();
    const number = parent.number + 1n;
    const timestamp = BigInt(Math.max(Number(parent.timestamp) + 1, Math.floor(Date.now() / 1000)));
    const block = this.blockFor(number, timestamp);
    let result;
    try {
      result = await runTx(this.vm, { tx, block, skipHardForkValidation: true });
    } catch (error) {
      throw new RpcError(-32000, error instanceof Error ? error.message : String(error));
    }
    const txHash = bytesToHex(tx.hash());
    const blockHash = keccak256(new TextEncoder().encode(`${parent.hash}:${number}:${txHash}`));
    const logs: StoredLog[] = (result.execResult.logs ?? []).map(([address, topics, data], logIndex) => ({
      address: bytesToHex(address),
      topics: topics.map((t) => bytesToHex(t)),
      data: bytesToHex(data),
      blockNumber: number,
      blockHash,
      transactionHash: txHash,
      logIndex,
    }));
    this.blocks.push({
      number,
      hash: blockHash,
      parentHash: parent.hash,
      timestamp,
      gasUsed: result.totalGasSpent,
      transactions: [txHash],
    });
    this.receipts.set(txHash, {
      transactionHash: txHash,
      blockNumber: number,
      blockHash,
      from: tx.getSenderAddress().toString(),
      to: tx.to?.toString() ?? null,
      contractAddress: result.createdAddress?.toString() ?? null,
      gasUsed: result.totalGasSpent,
      status: result.execResult.exceptionError === undefined ? 1 : 0,
      logs: result.execResult.exceptionError === undefined ? logs : [],
      tx,
    });
    return txHash;
  }

  private async call(
    request: CallRequest,
    estimate: boolean,
  ): Promise<{ returnValue: string; estimate: bigint }> {
    const head = this.head();
    const block = this.blockFor(head.number + 1n, head.timestamp + 1n);
    const data = request.data ?? request.input ?? '0x';
    await this.vm.stateManager.checkpoint();
    try {
      const result = await this.vm.evm.runCall({
        caller: request.from ? createAddressFromString(request.from) : createZeroAddress(),
        ...(request.to ? { to: createAddressFromString(request.to) } : {}),
        data: hexToBytes(data as `0x${string}`),
        value: request.value ? BigInt(request.value) : 0n,
        gasLimit: request.gas ? BigInt(request.gas) : GAS_LIMIT,
        block,
        skipBalance: true,
      });
      const returnValue = bytesToHex(result.execResult.returnValue);
      if (result.execResult.exceptionError !== undefined) {
        throw new RpcError(3, `execution reverted`, returnValue);
      }
      const bytes = hexToBytes(data as `0x${string}`);
      const calldata = bytes.reduce((sum, b) => sum + (b === 0 ? 4n : 16n), 0n);
      const intrinsic = 21_000n + calldata + (request.to ? 0n : 32_000n);
      const used = result.execResult.executionGasUsed + intrinsic;
      return { returnValue, estimate: estimate ? (used * 13n) / 10n + 10_000n : used };
    } finally {
      await this.vm.stateManager.revert();
    }
  }

  private logs(filter: LogFilter): object[] {
    const from =
      filter.fromBlock === undefined ? 0n : BigInt(this.blockByTag(filter.fromBlock)?.number ?? 0n);
    const to =
      filter.toBlock === undefined
        ? this.head().number
        : BigInt(this.blockByTag(filter.toBlock)?.number ?? this.head().number);
    const addresses =
      filter.address === undefined ? undefined : [filter.address].flat().map((a) => a.toLowerCase());
    const out: object[] = [];
    for (const receipt of this.receipts.values()) {
      if (receipt.blockNumber < from || receipt.blockNumber > to) continue;
      for (const log of receipt.logs) {
        if (addresses && !addresses.includes(log.address.toLowerCase())) continue;
        const topics = filter.topics ?? [];
        const matches = topics.every(
          (wanted, i) =>
            wanted === null || [wanted].flat().some((w) => w?.toLowerCase() === log.topics[i]?.toLowerCase()),
        );
        if (matches) out.push(this.logJson(log));
      }
    }
    return out;
  }

  private logJson(log: StoredLog) {
    return {
      ...log,
      blockNumber: hex(log.blockNumber),
      logIndex: hex(log.logIndex),
      transactionIndex: '0x0',
      removed: false,
    };
  }

  private blockJson(block: MinedBlock | undefined) {
    if (block === undefined) return null;
    return {
      number: hex(block.number),
      hash: block.hash,
      parentHash: block.parentHash,
      timestamp: hex(block.timestamp),
      nonce: '0x0000000000000000',
      difficulty: '0x0',
      gasLimit: hex(GAS_LIMIT),
      gasUsed: hex(block.gasUsed),
      miner: createZeroAddress().toString(),
      extraData: '0x',
      baseFeePerGas: hex(BASE_FEE),
      blobGasUsed: '0x0',
      excessBlobGas: '0x0',
      parentBeaconBlockRoot: bytesToHex(ZERO32),
      stateRoot: bytesToHex(ZERO32),
      receiptsRoot: bytesToHex(ZERO32),
      transactions: block.transactions,
    };
  }

  private receiptJson(r: StoredReceipt | undefined) {
    if (r === undefined) return null;
    return {
      transactionHash: r.transactionHash,
      transactionIndex: '0x0',
      blockNumber: hex(r.blockNumber),
      blockHash: r.blockHash,
      from: r.from,
      to: r.to,
      contractAddress: r.contractAddress,
      gasUsed: hex(r.gasUsed),
      cumulativeGasUsed: hex(r.gasUsed),
      effectiveGasPrice: hex(BASE_FEE),
      status: hex(r.status),
      type: hex(r.tx.type),
      logsBloom: `0x${'00'.repeat(256)}`,
      logs: r.logs.map((l) => this.logJson(l)),
    };
  }

  private transactionJson(r: StoredReceipt | undefined) {
    if (r === undefined) return null;
    const json = r.tx.toJSON() as Record<string, unknown>;
    return {
      ...json,
      hash: r.transactionHash,
      from: r.from,
      to: r.to,
      blockNumber: hex(r.blockNumber),
      blockHash: r.blockHash,
      transactionIndex: '0x0',
      type: hex(r.tx.type),
      chainId: hex(this.chainId),
    };
  }
}

interface CallRequest {
  from?: string;
  to?: string;
  data?: string;
  input?: string;
  value?: string;
  gas?: string;
}

interface LogFilter {
  address?: string | string[];
  topics?: (string | string[] | null)[];
  fromBlock?: string;
  toBlock?: string;
}

/** ethers v6 provider whose JSON-RPC transport is a {@link DevChain} in the same process. */
export class DevChainProvider extends JsonRpcApiProvider {
  constructor(private readonly chain: DevChain) {
    super(
      { chainId: Number(chain.chainId), name: 'aduana-dev' },
      { staticNetwork: true, batchMaxCount: 1, pollingInterval: 50, cacheTimeout: -1 },
    );
  }

  override async _send(
    payload: JsonRpcPayload | JsonRpcPayload[],
  ): Promise<(JsonRpcResult | JsonRpcError)[]> {
    const out: (JsonRpcResult | JsonRpcError)[] = [];
    for (const p of [payload].flat()) {
      try {
        out.push({ id: p.id, result: await this.chain.request(p.method, p.params as unknown[]) });
      } catch (error) {
        const e =
          error instanceof RpcError
            ? error
            : new RpcError(-32603, error instanceof Error ? error.message : String(error));
        out.push({
          id: p.id,
          error: { code: e.code, message: e.message, ...(e.data === undefined ? {} : { data: e.data }) },
        });
      }
    }
    return out;
  }
}
