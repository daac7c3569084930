/**
 * IoT smart containers — the pure domain: no database, no broker, no clock of its own.
 *
 * A telemetry message goes through it like this:
 *
 * ```ts
 * const plan = compileShipmentPlan(shipmentPlanJson);              // container, devices, corridor, zones, profile
 * const monitor = ContainerMonitor.start(plan, boundAt);           // or ContainerMonitor.restore(plan, savedState)
 * const parsed = parseDeviceMessage(topic, JSON.parse(body));      // topic + zod schema + device identity
 * if (parsed.ok) {
 *   const { outcome, changes } = monitor.observe(toObservation(parsed.message), receivedAt);
 *   for (const change of changes) register.apply(change, receivedAt); // alarm lifecycle: raise / update / clear
 * }
 * monitor.tick(Date.now());                                        // silence and durations, e.g. every minute
 * save(monitor.snapshot());                                        // plain JSON
 * ```
 *
 * Alarm rules: TEMPERATURE_EXCURSION, TEMPERATURE_HARD_LIMIT, MKT_ABOVE_LIMIT, DOOR_OPENED_OUTSIDE_ZONE,
 * CORRIDOR_DEVIATION, UNPLANNED_STOP, SHOCK, DEVICE_SILENT, SEAL_BREACH — configured per temperature
 * profile (PHARMA_2_8, FROZEN, CHILLED, AMBIENT) and overridable per shipment. Alarm and error codes are
 * stable; `messages.en.json` / `messages.es.json` hold their texts.
 *
 * @module
 */

/** Device payloads (DCSA Reefer/IoT and GS1 EPCIS sensorReport shapes), topics and their validation. */
export {
  TELEMETRY_TOPIC_PREFIX,
  deviceTopic,
  eventPayloadSchema,
  geoLocationSchema,
  measurementSchema,
  parseDeviceMessage,
  parseDeviceTopic,
  telemetryPayloadSchema,
  type DeviceChannel,
  type DeviceMessage,
  type DeviceMessageRejection,
  type EventPayload,
  type EventPayloadInput,
  type Measurement,
  type SensorReportEntry,
  type TelemetryPayload,
  type TelemetryPayloadInput,
} from './telemetry.schema.js';

/** Validated messages reduced to what the rules read (°C, km/h, gn, degrees, epoch ms, [lon, lat]). */
export {
  toObservation,
  type DoorObservation,
  type Observation,
  type ReadingObservation,
  type SealObservation,
  type SensorObservation,
} from './observation.js';

/** Mean kinetic temperature, one-off and rolling (ΔH/R = 10 000 K by default). */
export {
  DEFAULT_ACTIVATION_ENERGY_K,
  addRollingMktReading,
  createRollingMkt,
  meanKineticTemperatureC,
  meanKineticTemperatureOfReadingsC,
  rollingMkt,
  rollingMktC,
  rollingMktCoverageMs,
  type RollingMktState,
  type TemperatureReading,
  type TemperatureSegment,
} from './mkt.js';

/** Spherical geometry in metres on [lon, lat] coordinates. */
export {
  EARTH_RADIUS_M,
  bearingDeg,
  boundingBox,
  circleRing,
  compilePolyline,
  destinationPoint,
  distanceToPolylineM,
  haversineDistanceM,
  isInsidePolygon,
  pathLengthM,
  pointAlongPath,
  type CompiledPolyline,
  type LonLat,
  type PolygonRings,
} from './geo.js';

/** Temperature profiles and alarm rule settings, as data with defaults. */
export {
  ALARM_SEVERITIES,
  ALARM_TYPES,
  TEMPERATURE_PROFILES,
  alarmRuleSettingsSchema,
  isMoreSevere,
  resolveTemperatureProfile,
  temperatureProfileSchema,
  type AlarmRuleSettings,
  type AlarmSeverity,
  type AlarmType,
  type BuiltInProfileId,
  type TemperatureProfile,
  type TemperatureProfileOverrides,
} from './profiles.js';

/** The shipment a container travels under, and its plan. */
export {
  ZONE_KINDS,
  authorisedZoneAt,
  authorisedZoneSchema,
  compileShipmentPlan,
  shipmentPlanSchema,
  type AuthorisedZone,
  type CompiledShipmentPlan,
  type ShipmentPlan,
  type ZoneKind,
} from './shipment-plan.js';

/** The per-container evaluator: observations in any order, ticks, alarm condition changes out. */
export {
  ContainerMonitor,
  MONITOR_STATE_VERSION,
  type AlarmCondition,
  type AlarmConditionChange,
  type ContainerMonitorOptions,
  type ContainerMonitorState,
  type ObservationOutcome,
} from './alarm-rules.js';

/** The alarm lifecycle (explicit transition table) and an in-memory register. */
export {
  ALARM_OPERATIONS,
  ALARM_STATUSES,
  ALARM_TRANSITIONS,
  acknowledgeAlarm,
  applyConditionChange,
  clearAlarm,
  commentOnAlarm,
  isActive,
  nextAlarmStatus,
  raiseAlarm,
  updateAlarm,
  type Alarm,
  type AlarmChangeOutcome,
  type AlarmComment,
  type AlarmHistoryEntry,
  type AlarmIllegalTransition,
  type AlarmOperation,
  type AlarmResult,
  type AlarmStatus,
} from './alarm-lifecycle.js';
export { AlarmRegister } from './alarm-register.js';

/** Simulation: routes between real ports, seeded voyages per scenario, and a replay through the monitor. */
export {
  COLON_TO_PUERTO_CORTES,
  MANZANILLO_TO_KINGSTON,
  VOYAGE_ROUTES,
  directRoute,
  type RoutePort,
  type VoyageRoute,
} from './routes.js';
export {
  SCENARIOS,
  SCENARIO_ALARMS,
  generateVoyage,
  planVoyage,
  type Scenario,
  type SimulatedMessage,
  type Voyage,
  type VoyageOptions,
} from './scenarios.js';
export { replayVoyage, type VoyageReplay } from './voyage-replay.js';

/** The domain's one error type, with a stable `code`. */
export { IotDomainError, type IotErrorCode } from './errors.js';
