import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type FieldIssue } from '../../../api/client';
import { useDebounced } from '../queue/useDebounced';
import type { DeclarationSubmission } from '../platform-model.js';

/**
 * The business rules (HS code exists, container check digit, invoice total, offices, countries…) as the API applies
 * them at lodgement, asked of the API's dry run when typing pauses and the structure is already valid.
 */
export function useDeclarationCheck(
  submission: DeclarationSubmission,
  structurallyValid: boolean,
): { issues: FieldIssue[]; checking: boolean } {
  const settled = useDebounced(JSON.stringify(submission), 400);
  const query = useQuery<FieldIssue[]>({
    queryKey: ['declaration-check', settled],
    enabled: structurallyValid && settled === JSON.stringify(submission),
    staleTime: Infinity,
    retry: false,
    placeholderData: (previous: FieldIssue[] | undefined) => previous,
    queryFn: async ({ signal }) =>
      unwrap(
        await api.POST('/api/v1/declaration-checks', {
          body: JSON.parse(settled) as DeclarationSubmission as never,
          signal,
        }),
      ).errors,
  });
  return { issues: structurallyValid ? (query.data ?? []) : [], checking: query.isFetching };
}
