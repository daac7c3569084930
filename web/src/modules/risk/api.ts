import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/** Query keys of the risk views. */
export const riskKeys = {
  declaration: (id: string) => ['risk', 'declaration', id] as const,
};

/**
 * Why a declaration got its channel. Asked only when `enabled` (customs roles): a trader's console never sends the
 * request. A refusal or an unknown declaration is not retried.
 */
export function useDeclarationRisk(id: string, enabled: boolean) {
  return useQuery({
    queryKey: riskKeys.declaration(id),
    enabled,
    retry: false,
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/risk/declarations/{id}', { params: { path: { id } }, signal })),
  });
}
