import fs from 'node:fs';
import type { InterfaceAbi } from 'ethers';

/** A compiled contract as committed in `contracts/artifacts/` (built by `npm run contracts:build`). */
export interface ContractArtifact {
  readonly contractName: string;
  readonly abi: InterfaceAbi;
  readonly bytecode: string;
}

const ARTIFACTS_URL = new URL('../../../../contracts/artifacts/', import.meta.url);

export function loadArtifact(name: 'AduanaDocumentStore' | 'AduanaForwarder'): ContractArtifact {
  return JSON.parse(fs.readFileSync(new URL(`${name}.json`, ARTIFACTS_URL), 'utf8')) as ContractArtifact;
}
