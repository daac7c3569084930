/**
 * Voyage routes for the simulator and for tests: planned tracks between real ports with their authorised
 * zones. Coordinates are approximate (a few kilometres), [longitude, latitude], chosen to stay at sea.
 */
import { IotDomainError } from './errors.js';
import { circleRing, destinationPoint, bearingDeg, haversineDistanceM, type LonLat } from './geo.js';
import type { AuthorisedZone } from './shipment-plan.js';

export interface RoutePort {
  /** UN/LOCODE, e.g. MXZLO. */
  locode: string;
  name: string;
  position: LonLat;
}

export interface VoyageRoute {
  routeId: string;
  origin: RoutePort;
  destination: RoutePort;
  /** Planned track from origin to destination. */
  path: LonLat[];
  corridorToleranceM: number;
  authorisedZones: AuthorisedZone[];
  /** Typical speed over ground, km/h. */
  cruiseSpeedKmh: number;
}

const PORT_RADIUS_M = 4_000;

function portZone(port: RoutePort): AuthorisedZone {
  return {
    zoneId: `PORT-${port.locode}`,
    kind: 'PORT',
    name: port.name,
    locode: port.locode,
    polygon: [circleRing(port.position, PORT_RADIUS_M)],
  };
}

const MANZANILLO_MX: RoutePort = { locode: 'MXZLO', name: 'Manzanillo, Colima', position: [-104.3, 19.06] };
const KINGSTON_JM: RoutePort = { locode: 'JMKIN', name: 'Kingston', position: [-76.82, 17.97] };
const COLON_PA: RoutePort = {
  locode: 'PAONX',
  name: 'Colón (Manzanillo International Terminal)',
  position: [-79.88, 9.37],
};
const PUERTO_CORTES_HN: RoutePort = { locode: 'HNPCR', name: 'Puerto Cortés', position: [-87.94, 15.84] };

/** Anchorages and locks of the Panama Canal, where waiting is part of the plan. */
const PANAMA_CANAL: AuthorisedZone = {
  zoneId: 'ANCH-PANAMA-CANAL',
  kind: 'ANCHORAGE',
  name: 'Panama Canal anchorages and transit',
  polygon: [
    [
      [-79.4, 8.75],
      [-79.4, 9.05],
      [-79.8, 9.45],
      [-80.05, 9.45],
      [-80.05, 9.2],
      [-79.65, 8.75],
      [-79.4, 8.75],
    ],
  ],
};

/** Manzanillo (MX, Pacific) → Panama Canal → Kingston (JM): about 4 300 km. */
export const MANZANILLO_TO_KINGSTON: VoyageRoute = {
  routeId: 'MXZLO-JMKIN',
  origin: MANZANILLO_MX,
  destination: KINGSTON_JM,
  path: [
    MANZANILLO_MX.position,
    [-103.9, 18.6],
    [-97.5, 15.7],
    [-95.0, 15.0],
    [-91.5, 13.0],
    [-87.5, 11.0],
    [-85.8, 9.0],
    [-83.0, 7.5],
    [-82.0, 6.9],
    [-80.0, 7.0],
    [-79.47, 8.85],
    [-79.53, 8.91],
    [-79.592, 8.997],
    [-79.613, 9.018],
    [-79.69, 9.12],
    [-79.8, 9.18],
    [-79.922, 9.272],
    [-79.91, 9.36],
    [-79.92, 9.4],
    [-79.0, 10.5],
    [-76.85, 17.75],
    [-76.84, 17.93],
    KINGSTON_JM.position,
  ],
  corridorToleranceM: 25_000,
  authorisedZones: [portZone(MANZANILLO_MX), PANAMA_CANAL, portZone(KINGSTON_JM)],
  cruiseSpeedKmh: 33,
};

/** Colón (PA) → Puerto Cortés (HN), inside the Bay Islands: about 1 250 km. */
export const COLON_TO_PUERTO_CORTES: VoyageRoute = {
  routeId: 'PAONX-HNPCR',
  origin: COLON_PA,
  destination: PUERTO_CORTES_HN,
  path: [
    COLON_PA.position,
    [-79.92, 9.42],
    [-81.3, 11.8],
    [-82.6, 14.9],
    [-84.8, 16.2],
    [-86.1, 16.15],
    [-87.0, 15.95],
    [-87.9, 15.87],
    PUERTO_CORTES_HN.position,
  ],
  corridorToleranceM: 20_000,
  authorisedZones: [portZone(COLON_PA), portZone(PUERTO_CORTES_HN)],
  cruiseSpeedKmh: 30,
};

/** The built-in routes, by id. */
export const VOYAGE_ROUTES: Readonly<Record<string, VoyageRoute>> = Object.freeze({
  [MANZANILLO_TO_KINGSTON.routeId]: MANZANILLO_TO_KINGSTON,
  [COLON_TO_PUERTO_CORTES.routeId]: COLON_TO_PUERTO_CORTES,
});

/**
 * A direct route between any two ports (great circle, a point every ~50 km), with a port zone around each
 * end. For overland or short legs where the caller has no planned track.
 */
export function directRoute(
  origin: RoutePort,
  destination: RoutePort,
  options: { corridorToleranceM?: number; cruiseSpeedKmh?: number } = {},
): VoyageRoute {
  const total = haversineDistanceM(origin.position, destination.position);
  if (!(total > 2 * PORT_RADIUS_M)) {
    throw new IotDomainError('ROUTE_INVALID', {
      origin: origin.locode,
      destination: destination.locode,
      distanceM: total,
    });
  }
  const steps = Math.max(1, Math.ceil(total / 50_000));
  const path: LonLat[] = [origin.position];
  let from = origin.position;
  for (let i = 1; i < steps; i += 1) {
    const remaining = haversineDistanceM(from, destination.position);
    from = destinationPoint(from, bearingDeg(from, destination.position), remaining / (steps - i + 1));
    path.push(from);
  }
  path.push(destination.position);
  return {
    routeId: `${origin.locode}-${destination.locode}`,
    origin,
    destination,
    path,
    corridorToleranceM: options.corridorToleranceM ?? 10_000,
    authorisedZones: [portZone(origin), portZone(destination)],
    cruiseSpeedKmh: options.cruiseSpeedKmh ?? 30,
  };
}
