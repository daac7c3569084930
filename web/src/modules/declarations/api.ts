import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { ControlResultBody, DeclarationDetail, DocumentBody, QueueQuery } from '../../api/types';

export const declarationKeys = {
  all: ['declarations'] as const,
  queue: (q: QueueQuery) => ['declarations', 'queue', q] as const,
  detail: (id: string) => ['declarations', 'detail', id] as const,
  notifications: (id: string) => ['declarations', 'notifications', id] as const,
  audit: (id: string) => ['declarations', 'audit', id] as const,
};

const queueQuery = (query: QueueQuery) => ({
  queryKey: declarationKeys.queue(query),
  queryFn: async ({ signal }: { signal: AbortSignal }) =>
    unwrap(await api.GET('/api/v1/declarations', { params: { query }, signal })),
});

/** A page of the work queue; the previous page stays on screen while the next loads (no flicker, no jump). */
export function useQueue(query: QueueQuery) {
  return useQuery({ ...queueQuery(query), placeholderData: keepPreviousData });
}

/** Starts loading a queue page before its screen renders (first load of the queue). */
export function prefetchQueue(queryClient: QueryClient, query: QueueQuery): void {
  void queryClient.prefetchQuery(queueQuery(query));
}

export function useDeclaration(id: string) {
  return useQuery({
    queryKey: declarationKeys.detail(id),
    queryFn: async () => unwrap(await api.GET('/api/v1/declarations/{id}', { params: { path: { id } } })),
  });
}

export function useNotifications(id: string, enabled = true) {
  return useQuery({
    queryKey: declarationKeys.notifications(id),
    enabled,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/declarations/{id}/notifications', { params: { path: { id } } })),
  });
}

export function useAuditTrail(id: string, enabled: boolean) {
  return useQuery({
    queryKey: declarationKeys.audit(id),
    enabled,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/declarations/{id}/audit', { params: { path: { id } } })),
  });
}

export function useOffices() {
  return useQuery({
    queryKey: ['reference', 'offices'],
    staleTime: Infinity,
    queryFn: async () => unwrap(await api.GET('/api/v1/reference/offices')),
  });
}

export function useCountries() {
  return useQuery({
    queryKey: ['reference', 'countries'],
    staleTime: Infinity,
    queryFn: async () => unwrap(await api.GET('/api/v1/reference/countries')),
  });
}

export function useCurrencies() {
  return useQuery({
    queryKey: ['reference', 'currencies'],
    staleTime: Infinity,
    queryFn: async () => unwrap(await api.GET('/api/v1/reference/currencies')),
  });
}

/** Every action on a declaration, by its API path and body. */
export type DeclarationAction =
  | { kind: 'arrival'; body: { location?: string } }
  | { kind: 'documents-request'; body: { documents: string[]; reason: string } }
  | { kind: 'control-result'; body: ControlResultBody }
  | { kind: 'release' | 'hold' | 'seize' | 'invalidation'; body: { reason: string } }
  | { kind: 'documents'; body: { documents: DocumentBody[] } };

async function post(id: string, action: DeclarationAction): Promise<DeclarationDetail> {
  const path = { params: { path: { id } } };
  switch (action.kind) {
    case 'arrival':
      return unwrap(await api.POST('/api/v1/declarations/{id}/arrival', { ...path, body: action.body }));
    case 'documents-request':
      return unwrap(
        await api.POST('/api/v1/declarations/{id}/documents-request', { ...path, body: action.body }),
      );
    case 'control-result':
      return unwrap(
        await api.POST('/api/v1/declarations/{id}/control-result', { ...path, body: action.body }),
      );
    case 'release':
      return unwrap(await api.POST('/api/v1/declarations/{id}/release', { ...path, body: action.body }));
    case 'hold':
      return unwrap(await api.POST('/api/v1/declarations/{id}/hold', { ...path, body: action.body }));
    case 'seize':
      return unwrap(await api.POST('/api/v1/declarations/{id}/seize', { ...path, body: action.body }));
    case 'invalidation':
      return unwrap(await api.POST('/api/v1/declarations/{id}/invalidation', { ...path, body: action.body }));
    case 'documents':
      return unwrap(await api.POST('/api/v1/declarations/{id}/documents', { ...path, body: action.body }));
  }
}

/** Runs an action; on success the page shows the new state, and lists and trails are refreshed. */
export function useDeclarationAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: DeclarationAction) => post(id, action),
    onSuccess: async (updated) => {
      queryClient.setQueryData(declarationKeys.detail(id), updated);
      await queryClient.invalidateQueries({ queryKey: declarationKeys.all });
    },
  });
}
