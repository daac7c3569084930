/**
 * Worker-thread entry: trains a risk model off the main thread (so a server keeps answering while it trains) and
 * sends back progress and the trained version. Started by `trainInWorker`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { trainRiskModel, type TrainRiskModelOptions } from './train-model.js';
import type { TrainingDataInput } from './training-data.js';

const { data, options } = workerData as {
  data: TrainingDataInput;
  options: Pick<TrainRiskModelOptions, 'booster' | 'budgets'>;
};
const port = parentPort!;
trainRiskModel(data, {
  ...options,
  onProgress: (progress) => port.postMessage({ type: 'progress', progress }),
}).then(
  (result) => port.postMessage({ type: 'done', result }),
  (err: unknown) =>
    port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
);
