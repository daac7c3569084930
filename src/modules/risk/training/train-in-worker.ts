import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TrainedRiskModel, TrainRiskModelOptions } from './train-model.js';
import type { TrainingDataInput } from './training-data.js';

type Progress = Parameters<NonNullable<TrainRiskModelOptions['onProgress']>>[0];
type WorkerMessage =
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; result: TrainedRiskModel }
  | { type: 'error'; message: string };

/** The ES module entry of tsx's registration API, read from tsx's own export map. */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8')) as {
    exports: Record<string, { import: { default: string } }>;
  };
  return path.join(path.dirname(manifest), pkg.exports['./esm/api']!.import.default);
}

/** The worker runs TypeScript sources like the rest of Aduana: it registers tsx, then loads the worker module. */
function bootstrap(): string {
  const tsx = pathToFileURL(tsxEsmApi()).href;
  const entry = new URL('./training.worker.ts', import.meta.url).href;
  return `import(${JSON.stringify(tsx)})
    .then((m) => { m.register(); return import(${JSON.stringify(entry)}); })
    .catch((e) => require('node:worker_threads').parentPort.postMessage({ type: 'error', message: String((e && e.stack) || e) }));`;
}

export interface WorkerTraining {
  result: Promise<TrainedRiskModel>;
  /** Stops the training (at shutdown). */
  cancel(): Promise<void>;
}

/** Trains in a worker thread; the main thread only receives progress and the finished version. */
export function trainInWorker(
  data: TrainingDataInput,
  options: Pick<TrainRiskModelOptions, 'booster' | 'budgets'> = {},
  onProgress: (p: Progress) => void = () => undefined,
): WorkerTraining {
  const worker = new Worker(bootstrap(), { eval: true, workerData: { data, options } });
  let cancelled = false;
  const result = new Promise<TrainedRiskModel>((resolve, reject) => {
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress(m.progress);
      else if (m.type === 'done') {
        resolve({ ...m.result, artifact: Buffer.from(m.result.artifact) });
        void worker.terminate();
      } else {
        reject(new Error(m.message));
        void worker.terminate();
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (cancelled) reject(new Error('training cancelled'));
      else if (code !== 0) reject(new Error(`training worker exited with ${code}`));
    });
  });
  return {
    result,
    async cancel() {
      cancelled = true;
      await worker.terminate();
    },
  };
}
