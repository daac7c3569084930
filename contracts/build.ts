/**
 * Compiles the Solidity contracts with the npm `solc` compiler (pure JavaScript, no download) and writes
 * their artifacts (ABI, creation bytecode, compiler settings) to `contracts/artifacts/`. With `--check`,
 * compiles again and fails if the committed artifacts differ (CI: `npm run contracts:check`).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import solcModule from 'solc';

/** The parts of the npm `solc` (solc-js) API we use; the package ships no types. */
const solc = solcModule as unknown as {
  compile(
    input: string,
    options: { import: (path: string) => { contents: string } | { error: string } },
  ): string;
  version(): string;
};

const here = path.dirname(new URL(import.meta.url).pathname);
const require = createRequire(import.meta.url);
const CONTRACTS = ['AduanaDocumentStore', 'AduanaForwarder'];
/** Cancun (OpenZeppelin 5 uses MCOPY): Hyperledger Besu 24.1 and later. */
const SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'cancun',
  metadata: { bytecodeHash: 'none' },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
};

function findImport(importPath: string): { contents: string } | { error: string } {
  try {
    return { contents: fs.readFileSync(require.resolve(importPath), 'utf8') };
  } catch {
    return { error: `not found: ${importPath}` };
  }
}

interface Output {
  errors?: { severity: string; formattedMessage: string }[];
  contracts: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>>;
}

export function compile(): Map<string, string> {
  const sources = Object.fromEntries(
    CONTRACTS.map((c) => [`${c}.sol`, { content: fs.readFileSync(path.join(here, `${c}.sol`), 'utf8') }]),
  );
  const input = { language: 'Solidity', sources, settings: SETTINGS };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport })) as Output;
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const artifacts = new Map<string, string>();
  for (const name of CONTRACTS) {
    const compiled = output.contracts[`${name}.sol`]?.[name];
    if (compiled === undefined) throw new Error(`no output for ${name}`);
    const artifact = {
      contractName: name,
      compiler: {
        name: 'solc',
        version: solc.version(),
        settings: { ...SETTINGS, outputSelection: undefined },
      },
      abi: compiled.abi,
      bytecode: `0x${compiled.evm.bytecode.object}`,
    };
    artifacts.set(name, `${JSON.stringify(artifact, null, 2)}\n`);
  }
  return artifacts;
}

const check = process.argv.includes('--check');
const artifacts = compile();
let stale = 0;
for (const [name, text] of artifacts) {
  const file = path.join(here, 'artifacts', `${name}.json`);
  if (check) {
    const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (committed !== text) {
      process.stderr.write(`contracts/artifacts/${name}.json differs from a fresh compilation\n`);
      stale += 1;
    }
  } else {
    fs.writeFileSync(file, text);
    process.stdout.write(`wrote contracts/artifacts/${name}.json (${(text.length / 1024).toFixed(1)} KiB)\n`);
  }
}
if (check) {
  if (stale > 0) process.exit(1);
  process.stdout.write(
    `contracts: ${artifacts.size} artifacts match a fresh compilation with solc ${solc.version()}\n`,
  );
}
