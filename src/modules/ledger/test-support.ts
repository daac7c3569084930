/**
 * Helpers for tests that run two Aduana instances as each other's witnesses: free local ports, key
 * files, and API keys provisioned with a known secret. Test support only; no product code imports it.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SIGNATURE_TYPE_COSIGNATURE_V1, generateKeys } from './log/keys.js';
import { witnessNameOf } from './ledger-keys.js';

/** Ports free on 127.0.0.1 right now (the OS picks them). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve) => {
          const server = net.createServer();
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** An administration's log and witness keys, written to key files in a fresh directory. */
export function administrationKeys(origin: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aduana-ledger-'));
  const log = generateKeys(origin);
  const witness = generateKeys(witnessNameOf(origin), SIGNATURE_TYPE_COSIGNATURE_V1);
  const logFile = path.join(dir, 'log.key');
  const witnessFile = path.join(dir, 'witness.key');
  fs.writeFileSync(logFile, log.signerKey, { mode: 0o600 });
  fs.writeFileSync(witnessFile, witness.signerKey, { mode: 0o600 });
  return { dir, origin, log, witness, logFile, witnessFile };
}

/** An API key with a secret chosen here, and the row that makes an Aduana accept it. */
export function provisionedApiKey(name: string, roles: string[]) {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return {
    key: `adu_k_${id}_${secret}`,
    row: { id, name, secret_hash: createHash('sha256').update(secret).digest('hex'), roles, party_tin: null },
  };
}
