import type { paths } from '../../api/schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<Op> = Op extends { responses: { 200: infer R } } ? Json<R> : never;

export type Fleet = Ok<paths['/api/v1/iot/fleet']['get']>;
export type FleetContainer = Fleet['containers'][number];
export type Reading = NonNullable<FleetContainer['latestReading']>;
export type ContainerState = Ok<paths['/api/v1/iot/containers/{containerNumber}']['get']>;
export type Track = Ok<paths['/api/v1/iot/containers/{containerNumber}/track']['get']>;
export type Series = Ok<paths['/api/v1/iot/containers/{containerNumber}/series']['get']>;
export type SeriesPoint = Series['points'][number];
export type DeclarationWatch = Ok<paths['/api/v1/iot/declarations/{declarationId}']['get']>;
export type EquipmentEvent = Ok<paths['/api/v1/iot/equipment-events']['get']>['items'][number];
export type AlarmPage = Ok<paths['/api/v1/iot/alarms']['get']>;
export type Alarm = AlarmPage['items'][number];
export type AlarmQuery = NonNullable<paths['/api/v1/iot/alarms']['get']['parameters']['query']>;
export type AlarmSeverity = Alarm['severity'];
export type AlarmStatus = Alarm['status'];
export type AlarmType = Alarm['type'];
export type ProfileBand = NonNullable<ContainerState['profile']>;

/** Most severe first (ThingsBoard's order, as the API sorts them). */
export const ALARM_SEVERITIES: readonly AlarmSeverity[] = [
  'CRITICAL',
  'MAJOR',
  'MINOR',
  'WARNING',
  'INDETERMINATE',
];
export const ALARM_STATUSES: readonly AlarmStatus[] = [
  'ACTIVE_UNACK',
  'ACTIVE_ACK',
  'CLEARED_UNACK',
  'CLEARED_ACK',
];
export const ALARM_TYPES: readonly AlarmType[] = [
  'TEMPERATURE_EXCURSION',
  'TEMPERATURE_HARD_LIMIT',
  'MKT_ABOVE_LIMIT',
  'DOOR_OPENED_OUTSIDE_ZONE',
  'CORRIDOR_DEVIATION',
  'UNPLANNED_STOP',
  'SHOCK',
  'DEVICE_SILENT',
  'SEAL_BREACH',
];
export const PROFILES = ['PHARMA_2_8', 'FROZEN', 'CHILLED', 'AMBIENT'] as const;
