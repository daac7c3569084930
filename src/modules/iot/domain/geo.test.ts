import { pointToLineDistance } from '@turf/point-to-line-distance';
import { describe, expect, it } from 'vitest';
import {
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
  type LonLat,
} from './geo.js';

const MANZANILLO_MX: LonLat = [-104.3188, 19.0522];
const KINGSTON_JM: LonLat = [-76.7936, 17.9714];

describe('haversine distance', () => {
  it('measures one degree of longitude on the equator as 111.195 km', () => {
    expect(haversineDistanceM([0, 0], [1, 0])).toBeCloseTo(111_195.08, 1);
  });

  it('puts Manzanillo (MX) about 2 900 km from Kingston (JM) in a straight line', () => {
    const d = haversineDistanceM(MANZANILLO_MX, KINGSTON_JM);
    expect(d).toBeGreaterThan(2_880_000);
    expect(d).toBeLessThan(2_940_000);
  });
});

describe('point in polygon', () => {
  const square: LonLat[] = [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
    [0, 0],
  ];
  const hole: LonLat[] = [
    [0.4, 0.4],
    [0.6, 0.4],
    [0.6, 0.6],
    [0.4, 0.6],
    [0.4, 0.4],
  ];

  it('finds a point inside the outer ring', () => {
    expect(isInsidePolygon([0.2, 0.2], [square])).toBe(true);
  });

  it('excludes a point outside and a point inside a hole', () => {
    expect(isInsidePolygon([1.2, 0.5], [square])).toBe(false);
    expect(isInsidePolygon([0.5, 0.5], [square, hole])).toBe(false);
  });

  it('counts a point on the boundary as inside', () => {
    expect(isInsidePolygon([1, 0.5], [square])).toBe(true);
  });
});

describe('distance to a polyline', () => {
  it('is the perpendicular distance when the foot falls inside a segment', () => {
    const line = compilePolyline([
      [0, 0],
      [10, 0],
    ]);
    expect(distanceToPolylineM([5, 1], line)).toBeCloseTo(111_195.08, 0);
  });

  it('is the distance to the nearest end when the foot falls outside every segment', () => {
    const line = compilePolyline([
      [0, 0],
      [1, 0],
    ]);
    expect(distanceToPolylineM([2, 0], line)).toBeCloseTo(haversineDistanceM([2, 0], [1, 0]), 3);
  });

  it('is zero on the line and handles a single-point line', () => {
    const line = compilePolyline([MANZANILLO_MX, KINGSTON_JM]);
    expect(distanceToPolylineM(KINGSTON_JM, line)).toBeLessThan(1e-3);
    expect(distanceToPolylineM([0, 1], compilePolyline([[0, 0]]))).toBeCloseTo(111_195.08, 0);
  });

  it('agrees with Turf within 0.1 % on a Caribbean route', () => {
    const path: LonLat[] = [
      [-79.9, 9.36],
      [-81.5, 12.5],
      [-82.8, 15.3],
      [-86.0, 16.2],
      [-87.94, 15.84],
    ];
    const line = compilePolyline(path);
    const probes: LonLat[] = [
      [-80.7, 11.0],
      [-83.5, 14.0],
      [-84.5, 16.9],
      [-87.0, 15.5],
      [-78.0, 8.0],
    ];
    for (const probe of probes) {
      const ours = distanceToPolylineM(probe, line);
      const turf = pointToLineDistance(probe, { type: 'LineString', coordinates: path }, { units: 'meters' });
      expect(Math.abs(ours - turf) / turf).toBeLessThan(1e-3);
    }
  });
});

describe('bearings, destinations and paths', () => {
  it('gives due east as 90° on the equator and due north as 0°', () => {
    expect(bearingDeg([0, 0], [1, 0])).toBeCloseTo(90, 6);
    expect(bearingDeg([0, 0], [0, 1])).toBeCloseTo(0, 6);
  });

  it('returns to the start after going out and back on opposite bearings', () => {
    const out = destinationPoint(MANZANILLO_MX, 45, 50_000);
    expect(haversineDistanceM(MANZANILLO_MX, out)).toBeCloseTo(50_000, 0);
    const back = destinationPoint(out, bearingDeg(out, MANZANILLO_MX), 50_000);
    expect(haversineDistanceM(back, MANZANILLO_MX)).toBeLessThan(1);
  });

  it('walks a path by distance and clamps beyond its end', () => {
    const path: LonLat[] = [
      [0, 0],
      [1, 0],
      [1, 1],
    ];
    const total = pathLengthM(path);
    expect(total).toBeCloseTo(2 * 111_195.08, -1);
    expect(haversineDistanceM(pointAlongPath(path, total / 4).point, [0.5, 0])).toBeLessThan(1);
    expect(haversineDistanceM(pointAlongPath(path, 0.75 * total).point, [1, 0.5])).toBeLessThan(1);
    expect(haversineDistanceM(pointAlongPath(path, total * 2).point, [1, 1])).toBeLessThan(1);
  });

  it('draws a closed circle ring whose vertices are at the radius', () => {
    const ring = circleRing(KINGSTON_JM, 3_000, 16);
    expect(ring).toHaveLength(17);
    expect(ring[0]).toEqual(ring[16]);
    for (const vertex of ring) expect(haversineDistanceM(vertex, KINGSTON_JM)).toBeCloseTo(3_000, 3);
    expect(isInsidePolygon(KINGSTON_JM, [ring])).toBe(true);
    const [minLon, minLat, maxLon, maxLat] = boundingBox([ring]);
    expect(minLon).toBeLessThan(KINGSTON_JM[0]);
    expect(maxLon).toBeGreaterThan(KINGSTON_JM[0]);
    expect(minLat).toBeLessThan(KINGSTON_JM[1]);
    expect(maxLat).toBeGreaterThan(KINGSTON_JM[1]);
  });
});
