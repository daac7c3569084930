import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { Alarm, AlarmQuery } from './types';

/** Query keys of the IoT views; live updates invalidate by these prefixes. */
export const iotKeys = {
  all: ['iot'] as const,
  fleet: ['iot', 'fleet'] as const,
  alarms: ['iot', 'alarms'] as const,
  alarmList: (q: AlarmQuery) => ['iot', 'alarms', q] as const,
  container: (n: string) => ['iot', 'container', n] as const,
  state: (n: string) => ['iot', 'container', n, 'state'] as const,
  track: (n: string) => ['iot', 'container', n, 'track'] as const,
  series: (n: string) => ['iot', 'container', n, 'series'] as const,
  events: (n: string) => ['iot', 'container', n, 'events'] as const,
  declaration: (id: string) => ['iot', 'declaration', id] as const,
};

/** While the live stream is down the views poll at this pace instead. */
export const POLL_MS = 15_000;

type Poll = number | false;

export function useFleet(poll: Poll) {
  return useQuery({
    queryKey: iotKeys.fleet,
    refetchInterval: poll,
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/iot/fleet', { signal })),
  });
}

export function useAlarms(query: AlarmQuery, poll: Poll) {
  return useQuery({
    queryKey: iotKeys.alarmList(query),
    refetchInterval: poll,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/iot/alarms', { params: { query }, signal })),
  });
}

export function useContainerState(containerNumber: string, poll: Poll) {
  return useQuery({
    queryKey: iotKeys.state(containerNumber),
    refetchInterval: poll,
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/iot/containers/{containerNumber}', {
          params: { path: { containerNumber } },
          signal,
        }),
      ),
  });
}

export function useTrack(containerNumber: string, from: string | undefined, poll: Poll) {
  return useQuery({
    queryKey: [...iotKeys.track(containerNumber), from],
    refetchInterval: poll,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/iot/containers/{containerNumber}/track', {
          params: { path: { containerNumber }, query: from ? { from } : {} },
          signal,
        }),
      ),
  });
}

export function useSeries(containerNumber: string, from: string | undefined, poll: Poll) {
  return useQuery({
    queryKey: [...iotKeys.series(containerNumber), from],
    refetchInterval: poll,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/iot/containers/{containerNumber}/series', {
          params: { path: { containerNumber }, query: { resolution: 'auto', ...(from ? { from } : {}) } },
          signal,
        }),
      ),
  });
}

export function useEquipmentEvents(containerNumber: string) {
  return useQuery({
    queryKey: iotKeys.events(containerNumber),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/iot/equipment-events', {
          params: { query: { container: containerNumber, limit: 50 } },
          signal,
        }),
      ),
  });
}

export function useDeclarationWatch(declarationId: string) {
  return useQuery({
    queryKey: iotKeys.declaration(declarationId),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/iot/declarations/{declarationId}', {
          params: { path: { declarationId } },
          signal,
        }),
      ),
  });
}

/** What an officer does with an alarm (the API refuses these to other roles). */
export type AlarmAction =
  { kind: 'acknowledge' } | { kind: 'comment'; text: string } | { kind: 'clear'; reason: string };

async function act(alarmId: string, action: AlarmAction): Promise<Alarm> {
  const path = { params: { path: { alarmId } } };
  switch (action.kind) {
    case 'acknowledge':
      return unwrap(await api.POST('/api/v1/iot/alarms/{alarmId}/acknowledge', path));
    case 'comment':
      return unwrap(
        await api.POST('/api/v1/iot/alarms/{alarmId}/comments', { ...path, body: { text: action.text } }),
      );
    case 'clear':
      return unwrap(
        await api.POST('/api/v1/iot/alarms/{alarmId}/clear', { ...path, body: { reason: action.reason } }),
      );
  }
}

/** Acts on an alarm; every IoT view showing alarms refreshes afterwards. */
export function useAlarmAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ alarmId, action }: { alarmId: string; action: AlarmAction }) => act(alarmId, action),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: iotKeys.all }),
  });
}
