import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export const rateKeys = {
  offices: ['risk', 'office-rates'] as const,
  hitRates: (q: HitRateQuery) => ['risk', 'hit-rates', q] as const,
};

export type OfficeRatesView = Awaited<ReturnType<typeof fetchOfficeRates>>;
export type OfficeRates = OfficeRatesView['offices'][number];
export type RatesInput = {
  rates: OfficeRates['rates'];
  randomMinimum: number;
  explorationShare: number;
  reason?: string;
};

async function fetchOfficeRates(signal?: AbortSignal) {
  return unwrap(await api.GET('/api/v1/risk/office-rates', { signal }));
}

/** Every office's expected channel rates, random minimum and exploration share, with today's decisions. */
export function useOfficeRates() {
  return useQuery({ queryKey: rateKeys.offices, queryFn: ({ signal }) => fetchOfficeRates(signal) });
}

/** Sets one office's rates; a refusal is an ApiProblem with the offending fields. */
export function useSetOfficeRates() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ office, body }: { office: string; body: RatesInput }) =>
      unwrap(await api.PUT('/api/v1/risk/office-rates/{office}', { params: { path: { office } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: rateKeys.offices }),
  });
}

export type Interval = 'day' | 'week' | 'month';
export interface HitRateQuery {
  from: string;
  to: string;
  interval: Interval;
  office: string;
}

/** Hit rate of each selection source over time, in the period and office asked for. */
export function useHitRates(q: HitRateQuery) {
  return useQuery({
    queryKey: rateKeys.hitRates(q),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/risk/hit-rates', {
          params: {
            query: {
              from: q.from,
              to: q.to,
              interval: q.interval,
              ...(q.office ? { office: q.office } : {}),
            },
          },
          signal,
        }),
      ),
  });
}
export type HitRates = Awaited<ReturnType<typeof useHitRates>>['data'];
