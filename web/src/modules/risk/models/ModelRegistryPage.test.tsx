import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../api/types';
import { json, onApi } from '../../../test/fetch';
import { OFFICER, renderAs } from '../../../test/render';
import ModelRegistryPage from './ModelRegistryPage';

const ANALYST: Principal = { ...OFFICER, id: 'u-analyst', name: 'analyst', roles: ['risk_analyst'] };
const SUPERVISOR: Principal = { ...OFFICER, id: 'u-supervisor', name: 'supervisor', roles: ['supervisor'] };

const evaluation = (auc: number, precision: number) => ({
  headline: {
    rows: 4000,
    frauds: 200,
    auc,
    budgets: {
      '1': { precision: 0.9, recall: 0.1, revenue: 0.2 },
      '5': { precision, recall: 0.42, revenue: 0.55 },
    },
  },
  bySource: {},
  byRevenue: {},
});
const model = (id: number, active: boolean, auc: number, precision: number) => ({
  id,
  origin: id === 1 ? 'bootstrap' : 'api',
  createdBy: 'analyst',
  createdAt: `2026-11-0${id}T10:00:00.000Z`,
  active,
  metrics: evaluation(auc, precision),
  params: {},
  sha256: 'ab'.repeat(32),
  training: {},
});
const registry = (activeModelId: number) => ({
  activeModelId,
  models: [model(2, activeModelId === 2, 0.871, 0.38), model(1, activeModelId === 1, 0.803, 0.31)],
  activations: [
    {
      id: 1,
      modelId: 1,
      action: 'bootstrap',
      reason: 'default model',
      by: 'system',
      at: '2026-11-01T10:00:00.000Z',
    },
  ],
});

function serveRegistry() {
  const posted: { path: string; body: unknown }[] = [];
  onApi(async (req) => {
    const path = new URL(req.url).pathname;
    if (path === '/api/v1/risk/models' && req.method === 'GET') return json(registry(1));
    if (path === '/api/v1/risk/training-jobs') return json({ items: [] });
    if (req.method === 'POST') {
      posted.push({ path, body: JSON.parse(await req.text()) });
      if (path === '/api/v1/risk/models/2/promotion') return json(registry(2));
    }
    return json({ code: 'ROUTE_NOT_FOUND' }, 404);
  });
  return posted;
}

const rowOf = (table: HTMLElement, version: string) =>
  within(table)
    .getAllByRole('row')
    .find((r) => within(r).queryByText(version) !== null)!;

describe('the model registry', () => {
  it('lists each version with its AUC and precision at the budget, and marks the one serving', async () => {
    serveRegistry();
    renderAs(ANALYST, <ModelRegistryPage />);
    const table = await screen.findByRole('table', { name: 'Model versions' });
    await within(table).findByText('Version 2');
    const serving = rowOf(table, 'Version 1');
    expect(within(serving).getByText('Serving')).toBeTruthy();
    expect(within(serving).queryByRole('button', { name: 'Promote version 1' })).toBeNull();
    const candidate = rowOf(table, 'Version 2');
    expect(within(candidate).queryByText('Serving')).toBeNull();
    expect(within(candidate).getByText('0.87')).toBeTruthy();
    expect(within(candidate).getByText('38%')).toBeTruthy();
    expect(screen.getByText(/Version 1 is serving/)).toBeTruthy();
  });

  it('promotes a version with the reason given, and then marks it as serving', async () => {
    const posted = serveRegistry();
    const user = userEvent.setup();
    renderAs(ANALYST, <ModelRegistryPage />);
    await user.click(await screen.findByRole('button', { name: 'Promote version 2' }));
    const dialog = screen.getByRole('dialog', { name: 'Serve version 2' });
    await user.type(within(dialog).getByLabelText(/Reason/), 'better AUC on platform labels');
    await user.click(within(dialog).getByRole('button', { name: 'Promote' }));
    await waitFor(() =>
      expect(posted).toEqual([
        { path: '/api/v1/risk/models/2/promotion', body: { reason: 'better AUC on platform labels' } },
      ]),
    );
    expect(await screen.findByText('Version 2 is now serving.')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Model versions' });
    expect(within(rowOf(table, 'Version 2')).getByText('Serving')).toBeTruthy();
  });

  it('sends nothing until the promotion is confirmed', async () => {
    const posted = serveRegistry();
    const user = userEvent.setup();
    renderAs(ANALYST, <ModelRegistryPage />);
    await user.click(await screen.findByRole('button', { name: 'Promote version 2' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(posted).toEqual([]);
  });

  it('offers no promotion, rollback or retraining to a supervisor (the API lets only analysts)', async () => {
    serveRegistry();
    renderAs(SUPERVISOR, <ModelRegistryPage />);
    await screen.findByText('Version 2');
    expect(screen.queryByRole('button', { name: /Promote/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Roll back' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retrain' })).toBeNull();
  });

  it('shows a running training job with its stage and share done', async () => {
    onApi((req) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/v1/risk/models') return json(registry(1));
      if (path === '/api/v1/risk/training-jobs')
        return json({
          items: [
            {
              id: 7,
              trigger: 'api',
              status: 'running',
              requestedBy: 'analyst',
              progress: { stage: 'boosting', round: 150, rounds: 600, trainLoss: 0.2 },
              modelId: null,
              error: null,
              startedAt: '2026-11-26T10:00:00.000Z',
              finishedAt: null,
            },
          ],
        });
      return json({ code: 'ROUTE_NOT_FOUND' }, 404);
    });
    renderAs(ANALYST, <ModelRegistryPage />);
    expect(await screen.findByText(/Growing trees: 25%/)).toBeTruthy();
    expect(
      screen.getByRole('progressbar', { name: 'Progress of training job 7' }).getAttribute('value'),
    ).toBe('0.25');
  });
  it('starts a retraining with its reason and follows the new job', async () => {
    const posted: unknown[] = [];
    let jobs: unknown[] = [];
    onApi(async (req) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/v1/risk/models') return json(registry(1));
      if (path === '/api/v1/risk/training-jobs') return json({ items: jobs });
      if (path === '/api/v1/risk/models/retraining' && req.method === 'POST') {
        posted.push(JSON.parse(await req.text()));
        const job = {
          id: 8,
          trigger: 'api',
          status: 'running',
          requestedBy: 'analyst',
          progress: { stage: 'data', rows: 12000 },
          modelId: null,
          error: null,
          startedAt: '2026-11-26T10:00:00.000Z',
          finishedAt: null,
        };
        jobs = [job];
        return json(job, 202);
      }
      return json({ code: 'ROUTE_NOT_FOUND' }, 404);
    });
    const user = userEvent.setup();
    renderAs(ANALYST, <ModelRegistryPage />);
    await user.click(await screen.findByRole('button', { name: 'Retrain' }));
    const dialog = screen.getByRole('dialog', { name: 'Retrain the risk model' });
    await user.type(within(dialog).getByLabelText(/Reason/), 'a quarter of new labels');
    await user.click(within(dialog).getByLabelText('Serve the new version as soon as it is trained'));
    await user.click(within(dialog).getByRole('button', { name: 'Start retraining' }));
    await waitFor(() => expect(posted).toEqual([{ reason: 'a quarter of new labels', promote: true }]));
    expect(await screen.findByText('Training job 8 has started.')).toBeTruthy();
    const jobsTable = screen.getByRole('table', { name: 'Training jobs' });
    expect(await within(jobsTable).findByText('Reading labelled history')).toBeTruthy();
    expect(within(jobsTable).getByText('Running')).toBeTruthy();
  });

  it('rolls back with the reason given', async () => {
    const posted: { path: string; body: unknown }[] = [];
    const twoServed = {
      ...registry(2),
      activations: [
        {
          id: 2,
          modelId: 2,
          action: 'promote',
          reason: 'newer',
          by: 'analyst',
          at: '2026-11-02T10:00:00.000Z',
        },
        ...registry(2).activations,
      ],
    };
    onApi(async (req) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/v1/risk/models') return json(twoServed);
      if (path === '/api/v1/risk/training-jobs') return json({ items: [] });
      if (path === '/api/v1/risk/models/rollback' && req.method === 'POST') {
        posted.push({ path, body: JSON.parse(await req.text()) });
        return json(registry(1));
      }
      return json({ code: 'ROUTE_NOT_FOUND' }, 404);
    });
    const user = userEvent.setup();
    renderAs(ANALYST, <ModelRegistryPage />);
    await screen.findByText(/Version 2 is serving/);
    await user.click(screen.getByRole('button', { name: 'Roll back' }));
    const dialog = screen.getByRole('dialog', { name: 'Roll back to the previous version' });
    await user.type(within(dialog).getByLabelText(/Reason/), 'false positives at JMKIN01');
    await user.click(within(dialog).getByRole('button', { name: 'Roll back' }));
    await waitFor(() =>
      expect(posted).toEqual([
        { path: '/api/v1/risk/models/rollback', body: { reason: 'false positives at JMKIN01' } },
      ]),
    );
    expect(await screen.findByText('Version 1 is now serving.')).toBeTruthy();
  });
});
