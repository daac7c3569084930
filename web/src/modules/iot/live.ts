import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { session } from '../../api/client';
import { iotKeys } from './api';
import { createSseParser, type SseMessage } from './sse';
import type { Fleet } from './types';

/** `live`: the stream is open; `polling`: it failed and the views poll until it reopens. */
export type LiveStatus = 'connecting' | 'live' | 'polling';

/** What the stream carries. */
export type LiveKind = 'telemetry' | 'alarm' | 'equipment-event';

const STREAM_PATH = '/api/v1/iot/stream';
const RETRY_MS = [2_000, 5_000, 15_000, 30_000];

/**
 * Reads the platform's server-sent events with `fetch`, so the bearer token goes in the Authorization header
 * (`EventSource` cannot send one). Resolves when the server ends the stream; rejects when it cannot be opened.
 */
export async function readIotStream(
  query: { container?: string; throttleMs?: number; kinds?: readonly LiveKind[] },
  onOpen: () => void,
  onMessage: (m: SseMessage) => void,
  signal: AbortSignal,
): Promise<void> {
  const params = new URLSearchParams({ throttleMs: String(query.throttleMs ?? 2000) });
  if (query.container) params.set('container', query.container);
  if (query.kinds?.length) params.set('kinds', query.kinds.join(','));
  const headers = new Headers({ accept: 'text/event-stream' });
  const token = session.token;
  if (token) headers.set('authorization', `Bearer ${token}`);
  const base = globalThis.location?.origin ?? 'http://localhost';
  const response = await fetch(`${base}${STREAM_PATH}?${params.toString()}`, { headers, signal });
  if (!response.ok || !response.body) throw new Error(`stream refused: ${response.status}`);
  onOpen();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const parse = createSseParser();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    for (const m of parse(decoder.decode(value, { stream: true }))) onMessage(m);
  }
}

interface TelemetryData {
  containerNumber: string;
  kind?: string;
  at?: string;
  deviceId?: string;
  position?: [number, number];
  temperatureC?: number;
  setpointC?: number;
  humidityPct?: number;
  speedKmh?: number;
}

/** Moves a container's marker and last reading on the fleet map without asking the API again. */
export function applyTelemetry(fleet: Fleet | undefined, t: TelemetryData): Fleet | undefined {
  if (!fleet || t.kind !== 'READING' || !t.at) return fleet;
  let changed = false;
  const containers = fleet.containers.map((c) => {
    if (c.containerNumber !== t.containerNumber) return c;
    const previous = c.latestReading;
    if (previous && previous.at > t.at!) return c;
    changed = true;
    return {
      ...c,
      latestReading: {
        at: t.at!,
        receivedAt: new Date().toISOString(),
        deviceId: t.deviceId ?? previous?.deviceId ?? '',
        temperatureC: t.temperatureC ?? null,
        setpointC: t.setpointC ?? null,
        humidityPct: t.humidityPct ?? null,
        speedKmh: t.speedKmh ?? null,
        position: t.position
          ? { longitude: t.position[0], latitude: t.position[1] }
          : (previous?.position ?? null),
      },
    };
  });
  return changed ? { containers } : fleet;
}

/** Telemetry is applied to the cache at most this often (one render for a burst of readings). */
export const TELEMETRY_FLUSH_MS = 500;

/**
 * Applies stream events to the cached views: telemetry moves markers (gathered and applied together every
 * {@link TELEMETRY_FLUSH_MS}), alarms and customs events refresh the views that show them at once.
 */
export function createLiveApplier(queryClient: QueryClient) {
  const pending = new Map<string, TelemetryData>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const readings = [...pending.values()];
    pending.clear();
    queryClient.setQueryData<Fleet>(iotKeys.fleet, (f) => readings.reduce(applyTelemetry, f));
    for (const { containerNumber: n } of readings) {
      void queryClient.invalidateQueries({ queryKey: iotKeys.state(n) });
      void queryClient.invalidateQueries({ queryKey: iotKeys.series(n) });
      void queryClient.invalidateQueries({ queryKey: iotKeys.track(n) });
    }
  };
  return {
    apply(m: SseMessage): void {
      let data: TelemetryData;
      try {
        data = JSON.parse(m.data) as TelemetryData;
      } catch {
        return;
      }
      const n = data.containerNumber;
      if (!n) return;
      switch (m.event) {
        case 'telemetry':
          if (data.kind !== 'READING') return;
          pending.set(n, data);
          timer ??= setTimeout(flush, TELEMETRY_FLUSH_MS);
          return;
        case 'alarm':
          void queryClient.invalidateQueries({ queryKey: iotKeys.alarms });
          void queryClient.invalidateQueries({ queryKey: iotKeys.fleet });
          void queryClient.invalidateQueries({ queryKey: ['iot', 'declaration'] });
          void queryClient.invalidateQueries({ queryKey: iotKeys.state(n) });
          return;
        case 'equipment-event':
          void queryClient.invalidateQueries({ queryKey: iotKeys.events(n) });
          return;
        default:
          return;
      }
    },
    dispose(): void {
      if (timer) clearTimeout(timer);
      pending.clear();
    },
  };
}

/**
 * Keeps the IoT views live: opens the stream (one container's, or the caller's whole fleet), applies its events to
 * the cache, and reopens it with growing pauses when it fails. While it is down the status is `polling`, and the
 * views' queries poll instead.
 */
export function useIotLive(
  options: { container?: string; throttleMs?: number; kinds?: readonly LiveKind[] } = {},
): LiveStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const { container, throttleMs } = options;
  const kinds = options.kinds?.join(',') ?? '';
  const attempts = useRef(0);
  useEffect(() => {
    const abort = new AbortController();
    const live = createLiveApplier(queryClient);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      readIotStream(
        {
          ...(container ? { container } : {}),
          ...(throttleMs !== undefined ? { throttleMs } : {}),
          ...(kinds ? { kinds: kinds.split(',') as LiveKind[] } : {}),
        },
        () => {
          // Whatever happened while the stream was down is fetched once.
          if (attempts.current > 0) void queryClient.invalidateQueries({ queryKey: iotKeys.all });
          attempts.current = 0;
          setStatus('live');
        },
        (m) => live.apply(m),
        abort.signal,
      )
        .catch(() => undefined)
        .finally(() => {
          if (abort.signal.aborted) return;
          setStatus('polling');
          const wait = RETRY_MS[Math.min(attempts.current, RETRY_MS.length - 1)]!;
          attempts.current += 1;
          timer = setTimeout(connect, wait);
        });
    };
    connect();
    return () => {
      abort.abort();
      live.dispose();
      if (timer) clearTimeout(timer);
    };
  }, [queryClient, container, throttleMs, kinds]);
  return status;
}
