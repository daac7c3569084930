import { afterAll, describe, expect, it } from 'vitest';
import { createProcessStorage } from './helpers/process-storage.js';
import { sampleDeclaration } from './helpers/test-app.js';
import { loginOver, startServerProcess, waitForExit, type ServerProcess } from './helpers/server-process.js';

/**
 * Kills the server with SIGKILL while clients lodge, restarts it on the same data, and proves that every declaration
 * that was answered 201 is there exactly once — on PGlite, or on PostgreSQL when DATABASE_URL is set.
 */
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function storageEnv(): Promise<Record<string, string>> {
  const storage = await createProcessStorage('crash');
  cleanups.push(storage.cleanup);
  return storage.env;
}

describe('crash recovery', () => {
  it('keeps every acknowledged declaration exactly once across a SIGKILL', { timeout: 180_000 }, async () => {
    const env = await storageEnv();
    let server: ServerProcess = await startServerProcess(env);
    const token = await loginOver(server.url, 'trader', 'trader-demo-1');
    const acknowledged = new Map<string, string>(); // lrn → id
    const attempted: { lrn: string; body: object }[] = [];
    let stop = false;
    let seed = 10_000;
    const worker = async () => {
      while (!stop) {
        const body = sampleDeclaration(seed++);
        attempted.push({ lrn: body.lrn, body });
        try {
          const res = await fetch(`${server.url}/api/v1/declarations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify(body),
          });
          if (res.status === 201) acknowledged.set(body.lrn, ((await res.json()) as { id: string }).id);
        } catch {
          return; // the connection died with the server
        }
      }
    };
    const workers = Array.from({ length: 6 }, worker);
    while (acknowledged.size < 60) await new Promise((r) => setTimeout(r, 20));
    server.child.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    await waitForExit(server.child);
    expect(acknowledged.size).toBeGreaterThanOrEqual(60);

    server = await startServerProcess(env);
    cleanups.push(async () => {
      server.child.kill('SIGTERM');
      await waitForExit(server.child);
    });
    const officer = await loginOver(server.url, 'officer', 'officer-demo-1');
    for (const [lrn, id] of acknowledged) {
      const res = await fetch(`${server.url}/api/v1/declarations?lrn=${encodeURIComponent(lrn)}`, {
        headers: { authorization: `Bearer ${officer}` },
      });
      const page = (await res.json()) as { total: number; items: { id: string }[] };
      expect(page.total, lrn).toBe(1);
      expect(page.items[0]?.id).toBe(id);
    }
    // A client that never got an answer resubmits: it gets the stored declaration or a new one, never a duplicate.
    const trader = await loginOver(server.url, 'trader', 'trader-demo-1');
    for (const { lrn, body } of attempted.slice(-10)) {
      const res = await fetch(`${server.url}/api/v1/declarations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${trader}` },
        body: JSON.stringify(body),
      });
      expect([200, 201]).toContain(res.status);
      const page = (await (
        await fetch(`${server.url}/api/v1/declarations?lrn=${encodeURIComponent(lrn)}`, {
          headers: { authorization: `Bearer ${officer}` },
        })
      ).json()) as { total: number };
      expect(page.total).toBe(1);
    }
    // The audit chain written before the crash still verifies.
    const health = await fetch(`${server.url}/ready`);
    expect(health.status).toBe(200);
  });
});
