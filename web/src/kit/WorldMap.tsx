import { geoMercator, geoPath, type GeoPermissibleObjects } from 'd3-geo';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export interface MapMarker {
  id: string;
  /** `[longitude, latitude]`. */
  coordinates: [number, number];
  label: string;
  /** Relative size, 0..1 (e.g. a share of today's volume). */
  weight?: number;
  selected?: boolean;
}

/** `[[west, south], [east, north]]` in degrees. */
export type Extent = [[number, number], [number, number]];

/** The Caribbean and Central America. */
export const CARIBBEAN: Extent = [
  [-93, 6],
  [-58, 24],
];

type Land = GeoPermissibleObjects;
let landCache: Promise<Land> | undefined;

/**
 * Natural Earth land at 1:110m from the `world-atlas` package, bundled as a lazy chunk: drawn offline, with no
 * tile server.
 */
function loadLand(): Promise<Land> {
  landCache ??= import('world-atlas/countries-110m.json').then((m) => {
    const topology = (m.default ?? m) as unknown as Topology<{ countries: GeometryCollection }>;
    return feature(topology, topology.objects.countries);
  });
  return landCache;
}

/**
 * An offline basemap (Mercator over an extent) with markers. Reusable: IoT pages draw containers and geofences with
 * `children`, given the same projection through `renderLayer`.
 */
export function WorldMap({
  title,
  attribution,
  extent = CARIBBEAN,
  markers = [],
  onSelect,
  width = 640,
  height = 360,
  renderLayer,
}: {
  title: string;
  /** Data credit shown under the map (translated by the caller: `map.attribution`). */
  attribution: string;
  extent?: Extent;
  markers?: MapMarker[];
  onSelect?: (id: string) => void;
  width?: number;
  height?: number;
  /** Extra SVG drawn over the land, given a projection of `[lon, lat]` to `[x, y]`. */
  renderLayer?: (project: (lonLat: [number, number]) => [number, number] | null) => ReactNode;
}) {
  const [land, setLand] = useState<Land | null>(null);
  useEffect(() => {
    let live = true;
    void loadLand().then((l) => {
      if (live) setLand(l);
    });
    return () => {
      live = false;
    };
  }, []);
  const projection = useMemo(() => {
    const [[w, s], [e, n]] = extent;
    // The corners as points: a polygon's winding would decide which side of the sphere it covers.
    const box: GeoPermissibleObjects = {
      type: 'MultiPoint',
      coordinates: [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
      ],
    };
    return geoMercator().fitExtent(
      [
        [8, 8],
        [width - 8, height - 8],
      ],
      box,
    );
  }, [extent, width, height]);
  const path = useMemo(() => geoPath(projection), [projection]);
  const project = (p: [number, number]) => projection(p) ?? null;
  return (
    <figure className="map">
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title}>
        <rect className="map-sea" width={width} height={height} />
        {land ? <path className="map-land" d={path(land) ?? ''} /> : null}
        {renderLayer?.(project)}
        {markers.map((m) => {
          const xy = project(m.coordinates);
          if (!xy) return null;
          const r = 5 + 14 * Math.sqrt(Math.max(0, Math.min(1, m.weight ?? 0)));
          return (
            <g
              key={m.id}
              transform={`translate(${xy[0]}, ${xy[1]})`}
              className={`map-marker${m.selected ? ' selected' : ''}`}
              role={onSelect ? 'button' : undefined}
              tabIndex={onSelect ? 0 : undefined}
              aria-label={m.label}
              aria-pressed={onSelect ? !!m.selected : undefined}
              onClick={onSelect ? () => onSelect(m.id) : undefined}
              onKeyDown={
                onSelect
                  ? (e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        onSelect(m.id);
                      }
                    }
                  : undefined
              }
            >
              <circle r={r} />
              <title>{m.label}</title>
            </g>
          );
        })}
      </svg>
      <figcaption className="map-attribution">{attribution}</figcaption>
    </figure>
  );
}
