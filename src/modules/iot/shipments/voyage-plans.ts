/** Default corridors and zones for a shipment plan: a built-in voyage route, or a direct route between seaports. */
import { getSeaport } from '../../../platform/reference/index.js';
import { VOYAGE_ROUTES, directRoute, type RoutePort, type VoyageRoute } from '../domain/index.js';

function portOf(locode: string): RoutePort | null {
  const port = getSeaport(locode);
  if (!port?.coordinates) return null;
  return { locode, name: port.name, position: [port.coordinates[0], port.coordinates[1]] };
}

/** The planned route between two UN/LOCODEs, or null when a port is unknown or has no coordinates. */
export function voyageRouteBetween(origin: string, destination: string): VoyageRoute | null {
  const builtIn = Object.values(VOYAGE_ROUTES).find(
    (r) => r.origin.locode === origin && r.destination.locode === destination,
  );
  if (builtIn) return builtIn;
  const from = portOf(origin);
  const to = portOf(destination);
  if (!from || !to) return null;
  try {
    return directRoute(from, to);
  } catch {
    return null;
  }
}
