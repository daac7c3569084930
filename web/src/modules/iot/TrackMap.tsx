import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { WorldMap } from '../../kit/WorldMap';
import { extentAround } from './FleetMap';

type LonLat = [number, number];

const pathOf = (points: LonLat[], project: (p: LonLat) => [number, number] | null) =>
  points
    .map(project)
    .filter((xy): xy is [number, number] => xy !== null)
    .map((xy, i) => `${i === 0 ? 'M' : 'L'}${xy[0].toFixed(1)},${xy[1].toFixed(1)}`)
    .join('');

/** A container's reported track over its planned corridor, on the offline basemap. */
export function TrackMap({
  containerNumber,
  track,
  corridor,
}: {
  containerNumber: string;
  track: LonLat[];
  corridor: LonLat[] | null;
}) {
  const { t } = useTranslation();
  const extent = useMemo(
    () => extentAround([...track, ...(corridor ?? [])], undefined, 1),
    [track, corridor],
  );
  const last = track.at(-1);
  return (
    <div className="track-map">
      <WorldMap
        title={t('iot.container.trackMap', { container: containerNumber })}
        attribution={t('map.attribution')}
        extent={extent}
        height={380}
        renderLayer={(project) => (
          <g>
            {corridor?.length ? <path className="iot-corridor" d={pathOf(corridor, project)} /> : null}
            {track.length > 1 ? <path className="iot-track" d={pathOf(track, project)} /> : null}
            {last
              ? (() => {
                  const xy = project(last);
                  return xy ? (
                    <circle className="iot-now" cx={xy[0]} cy={xy[1]} r={6}>
                      <title>{t('iot.container.legendNow')}</title>
                    </circle>
                  ) : null;
                })()
              : null}
          </g>
        )}
      />
      <ul className="legend" aria-hidden="true">
        <li>
          <span className="swatch swatch-track" />
          {t('iot.container.legendTrack')}
        </li>
        {corridor?.length ? (
          <li>
            <span className="swatch swatch-corridor" />
            {t('iot.container.legendCorridor')}
          </li>
        ) : null}
        <li>
          <span className="swatch swatch-now" />
          {t('iot.container.legendNow')}
        </li>
      </ul>
    </div>
  );
}
