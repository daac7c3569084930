/**
 * Geometry for geofences and corridors on a spherical Earth (mean radius 6 371 008.8 m, as Turf).
 * Coordinates are GeoJSON order: [longitude, latitude] in degrees.
 *
 * Point-in-polygon and point-to-point distance use Turf; the distance from a point to a polyline is
 * computed here with n-vectors (cross-track distance clamped to each segment) because the corridor check
 * runs on every reading and Turf's version allocates features per segment (~100 µs for 20 segments
 * against ~1 µs here). The tests check it against Turf.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { distance as turfDistance } from '@turf/distance';

export type LonLat = [longitude: number, latitude: number];
/** GeoJSON Polygon coordinates: an outer ring then holes, each ring closed (first = last). */
export type PolygonRings = LonLat[][];

export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle (haversine) distance in metres. */
export function haversineDistanceM(a: LonLat, b: LonLat): number {
  return turfDistance(a, b, { units: 'meters' });
}

/** True when the point lies inside the polygon's outer ring and outside its holes (edges count as inside). */
export function isInsidePolygon(point: LonLat, rings: PolygonRings): boolean {
  return booleanPointInPolygon(point, { type: 'Polygon', coordinates: rings });
}

type Vec3 = [number, number, number];

function toVector([lon, lat]: LonLat): Vec3 {
  const φ = lat * RAD;
  const λ = lon * RAD;
  return [Math.cos(φ) * Math.cos(λ), Math.cos(φ) * Math.sin(λ), Math.sin(φ)];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

const SEGMENT_STRIDE = 16;

/**
 * A polyline prepared for repeated distance queries: per segment, as unit vectors, its ends a and b, the
 * normal n of its great circle, and u = n × a, v = b × n, so that the foot of the perpendicular from p
 * falls inside the arc exactly when p·u ≥ 0 and p·v ≥ 0.
 */
export interface CompiledPolyline {
  readonly path: readonly LonLat[];
  /** SEGMENT_STRIDE numbers per segment: a, b, n, u, v (3 each) and 1 if degenerate. */
  readonly segments: Float64Array;
}

export function compilePolyline(path: readonly LonLat[]): CompiledPolyline {
  if (path.length === 0) throw new RangeError('a polyline needs at least one point');
  const vectors = path.map(toVector);
  const count = Math.max(1, vectors.length - 1);
  const segments = new Float64Array(count * SEGMENT_STRIDE);
  for (let i = 0; i < count; i += 1) {
    const a = vectors[i]!;
    const b = vectors[Math.min(i + 1, vectors.length - 1)]!;
    const c = cross(a, b);
    const length = Math.sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]);
    const o = i * SEGMENT_STRIDE;
    segments.set(a, o);
    segments.set(b, o + 3);
    if (length < 1e-15) {
      segments[o + 15] = 1;
      continue;
    }
    const n: Vec3 = [c[0] / length, c[1] / length, c[2] / length];
    segments.set(n, o + 6);
    segments.set(cross(n, a), o + 9);
    segments.set(cross(b, n), o + 12);
  }
  return { path, segments };
}

/** Shortest distance in metres from a point to a polyline (each segment a great-circle arc). */
export function distanceToPolylineM(point: LonLat, line: CompiledPolyline): number {
  const φ = point[1] * RAD;
  const λ = point[0] * RAD;
  const px = Math.cos(φ) * Math.cos(λ);
  const py = Math.cos(φ) * Math.sin(λ);
  const pz = Math.sin(φ);
  const s = line.segments;
  let bestPerpendicular = Infinity; // |sin| of the cross-track angle
  let bestChord2 = Infinity; // squared chord to the nearest segment end
  for (let o = 0; o < s.length; o += SEGMENT_STRIDE) {
    if (
      s[o + 15] === 0 &&
      px * s[o + 9]! + py * s[o + 10]! + pz * s[o + 11]! >= 0 &&
      px * s[o + 12]! + py * s[o + 13]! + pz * s[o + 14]! >= 0
    ) {
      const sine = Math.abs(px * s[o + 6]! + py * s[o + 7]! + pz * s[o + 8]!);
      if (sine < bestPerpendicular) bestPerpendicular = sine;
      continue;
    }
    for (let e = o; e <= o + 3; e += 3) {
      const dx = px - s[e]!;
      const dy = py - s[e + 1]!;
      const dz = pz - s[e + 2]!;
      const chord2 = dx * dx + dy * dy + dz * dz;
      if (chord2 < bestChord2) bestChord2 = chord2;
    }
  }
  const perpendicular = bestPerpendicular === Infinity ? Infinity : Math.asin(Math.min(1, bestPerpendicular));
  const toEnd = bestChord2 === Infinity ? Infinity : 2 * Math.asin(Math.min(1, Math.sqrt(bestChord2) / 2));
  return Math.min(perpendicular, toEnd) * EARTH_RADIUS_M;
}

/** Initial great-circle bearing from a to b, degrees clockwise from north in [0, 360). */
export function bearingDeg(a: LonLat, b: LonLat): number {
  const φ1 = a[1] * RAD;
  const φ2 = b[1] * RAD;
  const Δλ = (b[0] - a[0]) * RAD;
  const y = Math.sin(Δλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
  return (((Math.atan2(y, x) / RAD) % 360) + 360) % 360;
}

/** The point reached from `start` after `distanceM` metres on the initial bearing. */
export function destinationPoint(start: LonLat, bearing: number, distanceM: number): LonLat {
  const δ = distanceM / EARTH_RADIUS_M;
  const θ = bearing * RAD;
  const φ1 = start[1] * RAD;
  const λ1 = start[0] * RAD;
  const φ2 = Math.asin(Math.sin(φ1) * Math.cos(δ) + Math.cos(φ1) * Math.sin(δ) * Math.cos(θ));
  const λ2 =
    λ1 + Math.atan2(Math.sin(θ) * Math.sin(δ) * Math.cos(φ1), Math.cos(δ) - Math.sin(φ1) * Math.sin(φ2));
  return [((λ2 / RAD + 540) % 360) - 180, φ2 / RAD];
}

/** Total length of a path in metres. */
export function pathLengthM(path: readonly LonLat[]): number {
  let total = 0;
  for (let i = 0; i + 1 < path.length; i += 1) total += haversineDistanceM(path[i]!, path[i + 1]!);
  return total;
}

/**
 * The point `distanceM` metres along the path, and the bearing of the leg it lies on. Clamped to the ends.
 */
export function pointAlongPath(
  path: readonly LonLat[],
  distanceM: number,
): { point: LonLat; bearing: number } {
  if (path.length === 0) throw new RangeError('empty path');
  let remaining = Math.max(0, distanceM);
  for (let i = 0; i + 1 < path.length; i += 1) {
    const a = path[i]!;
    const b = path[i + 1]!;
    const leg = haversineDistanceM(a, b);
    const bearing = bearingDeg(a, b);
    if (remaining <= leg || i + 2 === path.length) {
      return { point: destinationPoint(a, bearing, Math.min(remaining, leg)), bearing };
    }
    remaining -= leg;
  }
  return { point: path[0]!, bearing: 0 };
}

/** A closed ring approximating a circle of `radiusM` around `center` (for zones drawn as radii). */
export function circleRing(center: LonLat, radiusM: number, vertices = 32): LonLat[] {
  const ring: LonLat[] = [];
  for (let i = 0; i < vertices; i += 1) ring.push(destinationPoint(center, (360 * i) / vertices, radiusM));
  ring.push(ring[0]!);
  return ring;
}

/** Axis-aligned box [minLon, minLat, maxLon, maxLat] of the rings, for a cheap first test. */
export function boundingBox(rings: PolygonRings): [number, number, number, number] {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const ring of rings) {
    for (const [lon, lat] of ring) {
      minLon = Math.min(minLon, lon);
      minLat = Math.min(minLat, lat);
      maxLon = Math.max(maxLon, lon);
      maxLat = Math.max(maxLat, lat);
    }
  }
  return [minLon, minLat, maxLon, maxLat];
}
