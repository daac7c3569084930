/** Response shapes of the live views, so the console's client is typed from the OpenAPI document. */
import { z } from 'zod';
import { ALARM_SEVERITIES } from '../alarms/alarm-text.js';
import { AlarmOut } from '../alarms/alarm.schema.js';
import { ShipmentOut } from '../shipments/shipment.schema.js';

const lonLat = z.tuple([z.number(), z.number()]);
const bound = z.number().nullable();

export const ReadingOut = z.object({
  at: z.string(),
  receivedAt: z.string(),
  deviceId: z.string(),
  temperatureC: z.number().nullable(),
  setpointC: z.number().nullable(),
  humidityPct: z.number().nullable(),
  speedKmh: z.number().nullable(),
  position: z.object({ longitude: z.number(), latitude: z.number() }).nullable(),
});

export const FleetOut = z.object({
  containers: z.array(
    z.object({
      containerNumber: z.string(),
      shipmentId: z.string(),
      declarationId: z.string(),
      origin: z.string().nullable(),
      destination: z.string().nullable(),
      /** The temperature profile the container is watched against (PHARMA_2_8, FROZEN…). */
      profileId: z.string().nullable(),
      latestReading: ReadingOut.nullable(),
      activeAlarms: z.number(),
      worstSeverity: z.enum(ALARM_SEVERITIES).nullable(),
    }),
  ),
});

export const ContainerStateOut = z.object({
  containerNumber: z.string(),
  shipment: ShipmentOut.nullable(),
  /** The planned route and its tolerance (drawn under the track). */
  corridor: z.object({ path: z.array(lonLat), toleranceM: z.number() }).nullable(),
  /** The resolved temperature profile's band and hard limits (drawn behind the charts). */
  profile: z
    .object({
      profileId: z.string(),
      band: z.object({ minC: bound, maxC: bound }),
      hardLimits: z.object({ minC: bound, maxC: bound }),
    })
    .nullable(),
  latestReading: ReadingOut.nullable(),
  latestEvent: z
    .object({ at: z.string(), deviceId: z.string(), kind: z.string(), event: z.unknown() })
    .nullable(),
  activeAlarms: z.array(AlarmOut),
});

export const TrackOut = z.object({
  containerNumber: z.string(),
  points: z.array(
    z.object({
      at: z.string(),
      longitude: z.number(),
      latitude: z.number(),
      temperatureC: z.number().nullable(),
      speedKmh: z.number().nullable(),
    }),
  ),
});

export const SeriesOut = z.object({
  containerNumber: z.string(),
  resolution: z.enum(['raw', '15m']),
  points: z.array(
    z.object({
      at: z.string(),
      readings: z.number(),
      temperatureC: z.number().nullable(),
      temperatureMinC: z.number().nullable(),
      temperatureMaxC: z.number().nullable(),
      humidityPct: z.number().nullable(),
      speedKmh: z.number().nullable(),
    }),
  ),
});

export const DeclarationWatchOut = z.object({
  declarationId: z.string(),
  shipments: z.array(ShipmentOut),
  alarms: z.array(AlarmOut),
});

export const EquipmentEventsOut = z.object({
  items: z.array(
    z.object({
      metadata: z.object({
        eventID: z.string(),
        eventCreatedDateTime: z.string(),
        eventType: z.literal('EQUIPMENT'),
      }),
      payload: z.object({
        eventClassifierCode: z.literal('ACT'),
        eventDateTime: z.string(),
        equipmentEventTypeCode: z.string(),
        equipmentReference: z.string(),
        emptyIndicatorCode: z.literal('LADEN'),
        documentReferences: z.array(z.object({ type: z.string(), reference: z.string() })),
      }),
    }),
  ),
});
