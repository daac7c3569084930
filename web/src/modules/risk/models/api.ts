import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export const modelKeys = {
  registry: ['risk', 'models'] as const,
  jobs: ['risk', 'training-jobs'] as const,
};

export type ModelRegistry = Awaited<ReturnType<typeof fetchRegistry>>;
export type ModelVersion = ModelRegistry['models'][number];
export type TrainingJob = Awaited<ReturnType<typeof fetchJobs>>['items'][number];

async function fetchRegistry(signal?: AbortSignal) {
  return unwrap(await api.GET('/api/v1/risk/models', { signal }));
}
async function fetchJobs(signal?: AbortSignal) {
  return unwrap(await api.GET('/api/v1/risk/training-jobs', { signal }));
}

/** Model versions with their metrics, and which one serves. */
export function useModelRegistry() {
  return useQuery({ queryKey: modelKeys.registry, queryFn: ({ signal }) => fetchRegistry(signal) });
}

/** Recent training jobs, polled every two seconds while one is still running (its progress moves). */
export function useTrainingJobs() {
  return useQuery({
    queryKey: modelKeys.jobs,
    queryFn: ({ signal }) => fetchJobs(signal),
    refetchInterval: (q) => (q.state.data?.items.some((j) => j.status === 'running') ? 2000 : false),
  });
}

export type RegistryAction =
  { kind: 'promote'; modelId: number; reason: string } | { kind: 'rollback'; reason: string };

/** Promotes a version or rolls back to the previous one; the answer is the registry as it now is. */
export function useRegistryAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (a: RegistryAction) =>
      a.kind === 'promote'
        ? unwrap(
            await api.POST('/api/v1/risk/models/{id}/promotion', {
              params: { path: { id: a.modelId } },
              body: { reason: a.reason },
            }),
          )
        : unwrap(await api.POST('/api/v1/risk/models/rollback', { body: { reason: a.reason } })),
    onSuccess: (registry) => client.setQueryData(modelKeys.registry, registry),
  });
}

/** Starts a retraining on all labelled history; the answer is the new job. */
export function useRetraining() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: { reason: string; promote: boolean }) =>
      unwrap(await api.POST('/api/v1/risk/models/retraining', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: modelKeys.jobs }),
  });
}
