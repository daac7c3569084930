import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/platform/auth/roles.js';
import { TransparencyLog } from '../src/modules/ledger/log/log.js';
import { MemoryLogStorage } from '../src/modules/ledger/log/memory-log-storage.js';
import { encodeBase64 } from '../src/modules/ledger/log/keys.js';
import { administrationKeys, freePorts, provisionedApiKey } from '../src/modules/ledger/test-support.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

const digest = (label: string) => createHash('sha256').update(label).digest();

/**
 * Two administrations on this machine, Jamaica and Guatemala, each the other's witness over HTTP: each
 * cosigns the other's checkpoints after checking consistency, and refuses a forked history.
 */
describe('two Aduana instances as each other’s witnesses', () => {
  const jm = administrationKeys('aduana.jm/ledger');
  const gt = administrationKeys('aduana.gt/ledger');
  const jmKeyAtGt = provisionedApiKey('Aduana JM', ['partner_administration']);
  const gtKeyAtJm = provisionedApiKey('Aduana GT', ['partner_administration']);
  let a: TestApp;
  let b: TestApp;
  let urlB: string;

  beforeAll(async () => {
    const [portA, portB, ghostPort] = await freePorts(3);
    const urlA = `http://127.0.0.1:${portA}`;
    urlB = `http://127.0.0.1:${portB}`;
    const ghost = administrationKeys('aduana.ghost/ledger');
    const ghostWitness = { url: `http://127.0.0.1:${ghostPort}`, vkey: ghost.witness.verifierKey };
    [a, b] = await Promise.all([
      startTestApp({
        port: portA,
        ledgerOrigin: jm.origin,
        ledgerKeyFile: jm.logFile,
        ledgerWitnessKeyFile: jm.witnessFile,
        // Guatemala and an unreachable partner; one cosignature of two suffices here.
        ledgerWitnesses: [{ url: urlB, vkey: gt.witness.verifierKey, apiKey: jmKeyAtGt.key }, ghostWitness],
        ledgerWitnessThreshold: 1,
        ledgerFollowedLogs: [{ origin: gt.origin, vkey: gt.log.verifierKey }],
        ledgerBatchIntervalMs: 3_600_000,
        mqttPort: 0,
        mqttWsPort: -1,
      }),
      startTestApp({
        port: portB,
        ledgerOrigin: gt.origin,
        ledgerKeyFile: gt.logFile,
        ledgerWitnessKeyFile: gt.witnessFile,
        // Guatemala asks for two of two: Jamaica alone does not make its checkpoints final.
        ledgerWitnesses: [{ url: urlA, vkey: jm.witness.verifierKey, apiKey: gtKeyAtJm.key }, ghostWitness],
        ledgerWitnessThreshold: 2,
        ledgerFollowedLogs: [{ origin: jm.origin, vkey: jm.log.verifierKey }],
        ledgerBatchIntervalMs: 3_600_000,
        mqttPort: 0,
        mqttWsPort: -1,
      }),
    ]);
    await a.app.auth.repository.insertApiKey({ ...gtKeyAtJm.row, roles: gtKeyAtJm.row.roles as Role[] });
    await b.app.auth.repository.insertApiKey({ ...jmKeyAtGt.row, roles: jmKeyAtGt.row.roles as Role[] });
    await Promise.all([a.app.listen(), b.app.listen()]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    for (const dir of [jm.dir, gt.dir]) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('cosign each other’s checkpoints, and finality follows each side’s k of n', async () => {
    await a.app.ledger.anchoring.enqueue([
      { kind: 'test.record', itemId: 'jm-1', digest: digest('jm-1') },
      { kind: 'test.record', itemId: 'jm-2', digest: digest('jm-2') },
    ]);
    const first = await a.app.ledger.publishCheckpoint();
    expect(first.batches).toBe(1);
    expect(first.checkpoint).toMatchObject({ size: 1, final: true, threshold: 1 });
    expect(first.checkpoint.cosignatures.map((c) => c.witness)).toEqual(['aduana.gt/ledger-witness']);
    expect(first.witnesses.find((w) => w.url === urlB)).toMatchObject({ errorCode: null, size: 1 });
    expect(first.witnesses.find((w) => w.url !== urlB)?.errorCode).toBe('WITNESS_UNREACHABLE');

    await b.app.ledger.anchoring.enqueue([{ kind: 'test.record', itemId: 'gt-1', digest: digest('gt-1') }]);
    const theirs = await b.app.ledger.publishCheckpoint();
    expect(theirs.checkpoint.cosignatures.map((c) => c.witness)).toEqual(['aduana.jm/ledger-witness']);
    expect(theirs.checkpoint).toMatchObject({ final: false, threshold: 2 });

    // A second batch: Guatemala checks the consistency proof from size 1 to size 2 before cosigning.
    await a.app.ledger.anchoring.enqueue([{ kind: 'test.record', itemId: 'jm-3', digest: digest('jm-3') }]);
    const second = await a.app.ledger.publishCheckpoint();
    expect(second.checkpoint).toMatchObject({ size: 2, final: true });
    const remembered = await b.app.ledger.witness.followedLogs();
    expect(remembered).toEqual([expect.objectContaining({ origin: jm.origin, latestSize: 2 })]);
  });

  it('refuses a checkpoint of a forked history signed with the partner’s own key', async () => {
    // Someone holding Jamaica's log key presents another history of the same size to Guatemala.
    const forked = new TransparencyLog({
      origin: jm.origin,
      signerKey: jm.log.signerKey,
      storage: new MemoryLogStorage(),
    });
    await forked.anchor({ root: digest('forged batch 1') });
    await forked.anchor({ root: digest('forged batch 2') });
    const request = await forked.witnessRequest(2);
    const response = await fetch(`${urlB}/api/v1/ledger/witness/add-checkpoint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': jmKeyAtGt.key },
      body: JSON.stringify({
        oldSize: 2,
        consistencyProof: request.consistencyProof.map(encodeBase64),
        checkpoint: request.checkpoint,
      }),
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ code: 'WITNESS_FORK_DETECTED', latestSize: 2 });

    // A longer forked history fails its consistency proof from the cosigned size 2.
    await forked.anchor({ root: digest('forged batch 3') });
    const longer = await forked.witnessRequest(2);
    const refused = await fetch(`${urlB}/api/v1/ledger/witness/add-checkpoint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': jmKeyAtGt.key },
      body: JSON.stringify({
        oldSize: 2,
        consistencyProof: longer.consistencyProof.map(encodeBase64),
        checkpoint: longer.checkpoint,
      }),
    });
    expect(((await refused.json()) as { code: string }).code).toMatch(/^WITNESS_(FORK_DETECTED|BAD_PROOF)$/);

    // The witness's memory is unchanged, so the honest log still gets its next checkpoint cosigned.
    expect(await b.app.ledger.witness.followedLogs()).toEqual([expect.objectContaining({ latestSize: 2 })]);
    await a.app.ledger.anchoring.enqueue([{ kind: 'test.record', itemId: 'jm-4', digest: digest('jm-4') }]);
    expect((await a.app.ledger.publishCheckpoint()).checkpoint).toMatchObject({ size: 3, final: true });
  });

  it('serves the witness API only to partner administrations', async () => {
    const anonymous = await fetch(`${urlB}/api/v1/ledger/witness/add-checkpoint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ oldSize: 0, consistencyProof: [], checkpoint: 'x' }),
    });
    expect(anonymous.status).toBe(401);
    const trader = await b.login('trader');
    const asTrader = await fetch(`${urlB}/api/v1/ledger/witness/add-checkpoint`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...trader },
      body: JSON.stringify({ oldSize: 0, consistencyProof: [], checkpoint: 'x' }),
    });
    expect(asTrader.status).toBe(403);
  });
});
