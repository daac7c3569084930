import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CARIBBEAN, WorldMap, type Extent } from '../../kit/WorldMap';
import { stateKey } from './Badges';
import { containerState, type ContainerState } from './fleetState';
import type { FleetContainer } from './types';

const LEGEND: ContainerState[] = ['ok', 'CRITICAL', 'MAJOR', 'MINOR', 'WARNING', 'silent'];

/** The region to draw: the Caribbean, widened to every point given (with a margin). */
export function extentAround(points: [number, number][], base: Extent = CARIBBEAN, margin = 2): Extent {
  let [[w, s], [e, n]] = base;
  for (const [lon, lat] of points) {
    w = Math.min(w, lon - margin);
    e = Math.max(e, lon + margin);
    s = Math.min(s, lat - margin);
    n = Math.max(n, lat + margin);
  }
  return [
    [Math.max(-180, w), Math.max(-80, s)],
    [Math.min(180, e), Math.min(84, n)],
  ];
}

/** Containers on the offline basemap, coloured by state; picking one selects it in the list. */
export function FleetMap({
  containers,
  selected,
  onSelect,
  now,
}: {
  containers: FleetContainer[];
  selected: string;
  onSelect: (containerNumber: string) => void;
  now: number;
}) {
  const { t } = useTranslation();
  const placed = containers.filter((c) => c.latestReading?.position);
  const key = placed.map(
    (c) => `${c.latestReading!.position!.longitude},${c.latestReading!.position!.latitude}`,
  );
  // Recomputed when the set of positions changes, not on every render (the projection depends on it).
  const extent = useMemo(
    () =>
      extentAround(
        placed.map((c) => [c.latestReading!.position!.longitude, c.latestReading!.position!.latitude]),
      ),
    [key.join(';')],
  );
  return (
    <div className="fleet-map">
      <WorldMap
        title={t('iot.fleet.map')}
        attribution={t('map.attribution')}
        extent={extent}
        height={420}
        renderLayer={(project) =>
          placed.map((c) => {
            const xy = project([c.latestReading!.position!.longitude, c.latestReading!.position!.latitude]);
            if (!xy) return null;
            const state = containerState(c, now);
            const isSelected = c.containerNumber === selected;
            const label = t('iot.fleet.marker', { container: c.containerNumber, state: t(stateKey(state)) });
            return (
              <g
                key={c.containerNumber}
                transform={`translate(${xy[0]}, ${xy[1]})`}
                className={`iot-marker iot-${state.toLowerCase()}${isSelected ? ' selected' : ''}`}
                data-container={c.containerNumber}
                role="button"
                tabIndex={0}
                aria-label={label}
                aria-pressed={isSelected}
                onClick={() => onSelect(c.containerNumber)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onSelect(c.containerNumber);
                  }
                }}
              >
                <circle r={isSelected ? 9 : 6} />
                <title>{label}</title>
              </g>
            );
          })
        }
      />
      <ul className="legend iot-legend" aria-label={t('iot.fleet.legend')}>
        {LEGEND.map((s) => (
          <li key={s} className={`iot-${s.toLowerCase()}`}>
            <span className="swatch" aria-hidden="true" />
            {t(stateKey(s))}
          </li>
        ))}
      </ul>
    </div>
  );
}
