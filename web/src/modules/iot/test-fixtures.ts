/** Shapes the IoT API answers with, for the module's component tests. */
import type { Alarm, ContainerState, FleetContainer, Series } from './types';

export const DECLARATION_ID = '00000000-0000-4000-8000-000000000042';

export function fleetContainer(n: string, patch: Partial<FleetContainer> = {}): FleetContainer {
  return {
    containerNumber: n,
    shipmentId: `SHP-${n}`,
    declarationId: DECLARATION_ID,
    origin: 'PAONX',
    destination: 'HNPCR',
    profileId: 'PHARMA_2_8',
    latestReading: {
      at: new Date(Date.now() - 60_000).toISOString(),
      receivedAt: new Date(Date.now() - 59_000).toISOString(),
      deviceId: `TRK-${n}`,
      temperatureC: 5.2,
      setpointC: 5,
      humidityPct: 61,
      speedKmh: 28,
      position: { longitude: -80.5, latitude: 12.1 },
    },
    activeAlarms: 0,
    worstSeverity: null,
    ...patch,
  };
}

export function alarm(patch: Partial<Alarm> = {}): Alarm {
  return {
    alarmId: 'ALM-1',
    shipmentId: 'SHP-MSKU9070323',
    declarationId: DECLARATION_ID,
    containerNumber: 'MSKU9070323',
    type: 'TEMPERATURE_EXCURSION',
    severity: 'MAJOR',
    status: 'ACTIVE_UNACK',
    startedAt: '2026-11-26T10:00:00.000Z',
    detectedAt: '2026-11-26T10:30:00.000Z',
    endedAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    clearedBy: null,
    updatedAt: '2026-11-26T10:30:00.000Z',
    details: { peakC: 11.4 },
    messages: {
      en: 'Out of 2–8 °C for 34 min, peak 11.4 °C',
      es: 'Fuera de 2–8 °C durante 34 min, pico 11,4 °C',
    },
    comments: [],
    history: [],
    ...patch,
  };
}

export function containerState(patch: Partial<ContainerState> = {}): ContainerState {
  return {
    containerNumber: 'MSKU9070323',
    shipment: {
      shipmentId: 'SHP-MSKU9070323',
      declarationId: DECLARATION_ID,
      containerNumber: 'MSKU9070323',
      ownerTin: 'JM-BRK-0001',
      status: 'ACTIVE',
      boundAt: new Date(Date.now() - 3_600_000).toISOString(),
      closedAt: null,
      deviceIds: ['TRK-1', 'SEAL-1'],
      plan: { origin: 'PAONX', destination: 'HNPCR', temperatureProfile: { profileId: 'PHARMA_2_8' } },
      profile: {},
    },
    corridor: {
      path: [
        [-79.9, 9.4],
        [-83, 13],
        [-87.9, 15.8],
      ],
      toleranceM: 20_000,
    },
    profile: { profileId: 'PHARMA_2_8', band: { minC: 2, maxC: 8 }, hardLimits: { minC: 0, maxC: 15 } },
    latestReading: fleetContainer('MSKU9070323').latestReading,
    latestEvent: null,
    activeAlarms: [alarm()],
    ...patch,
  };
}

/** Readings every minute: inside the band, then `hot` ones above it. */
export function series(temperatures: number[]): Series {
  const start = Date.now() - temperatures.length * 60_000;
  return {
    containerNumber: 'MSKU9070323',
    resolution: 'raw',
    points: temperatures.map((c, i) => ({
      at: new Date(start + i * 60_000).toISOString(),
      readings: 1,
      temperatureC: c,
      temperatureMinC: c,
      temperatureMaxC: c,
      humidityPct: 60 + i,
      speedKmh: 20,
    })),
  };
}

/** A server-sent-events response the test writes to, as the platform's stream would. */
export function eventStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      c.enqueue(new TextEncoder().encode('retry: 3000\n: connected\n\n'));
    },
  });
  return {
    response: new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    send(event: string, data: unknown) {
      controller.enqueue(new TextEncoder().encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
    },
  };
}
