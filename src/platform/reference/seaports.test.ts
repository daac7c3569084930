import { describe, expect, it } from 'vitest';
import { getSeaport, isUnlocode, listSeaports } from './seaports.js';

describe('getSeaport', () => {
  it('returns Kingston, Jamaica (JMKIN) with [lon, lat] coordinates and time zone', () => {
    expect(getSeaport('JMKIN')).toEqual({
      unlocode: 'JMKIN',
      name: 'Kingston',
      city: 'Kingston',
      country: 'JM',
      countryName: 'Jamaica',
      province: null,
      coordinates: [-76.8028933, 18.0423274],
      timezone: 'America/Jamaica',
      otherUnlocodes: [],
    });
  });

  it('returns Caribbean and Central American ports with their province', () => {
    expect(getSeaport('TTPOS')).toMatchObject({
      name: 'Port-of-Spain',
      country: 'TT',
      coordinates: [-61.52, 10.65],
    });
    expect(getSeaport('BBBGI')).toMatchObject({ name: 'Bridgetown', province: 'Saint Michael' });
    expect(getSeaport('GTSTC')).toMatchObject({
      country: 'GT',
      province: 'Izabal',
      timezone: 'America/Guatemala',
    });
  });

  it('lists the other UN/LOCODE the source gives for a port', () => {
    expect(getSeaport('CNDAL')?.otherUnlocodes).toEqual(['CNDLC']);
    expect(getSeaport('CNDLC')?.otherUnlocodes).toEqual(['CNDAL']);
  });

  it('gives null coordinates and time zone where the source has none', () => {
    expect(getSeaport('BHAHD')).toMatchObject({ coordinates: null, timezone: null });
  });

  it('needs the canonical form: upper case, no space', () => {
    expect(getSeaport('jmkin')).toBeUndefined();
    expect(getSeaport('JM KIN')).toBeUndefined();
    expect(getSeaport('JMZZZ')).toBeUndefined();
  });
});

describe('listSeaports', () => {
  it('lists all 1,634 ports sorted by UN/LOCODE', () => {
    const all = listSeaports();
    expect(all).toHaveLength(1634);
    const codes = all.map((port) => port.unlocode);
    expect(codes).toEqual([...codes].sort());
  });

  it('filters by country', () => {
    expect(listSeaports({ country: 'JM' }).map((port) => port.unlocode)).toEqual([
      'JMKIN',
      'JMMBJ',
      'JMOCJ',
      'JMPKS',
    ]);
    expect(listSeaports({ country: 'ZZ' })).toEqual([]);
  });

  it('filters by M49 region, by name or code, alone or with a country', () => {
    const americas = listSeaports({ region: 'Americas' });
    expect(americas).toHaveLength(480);
    expect(listSeaports({ region: '019' })).toEqual(americas);
    expect(americas.some((port) => port.country === 'US')).toBe(true);
    expect(americas.some((port) => port.country === 'ES')).toBe(false);
    const caribbean = listSeaports({ region: 'Caribbean' });
    expect(caribbean.map((port) => port.unlocode)).toContain('JMKIN');
    expect(caribbean.some((port) => port.country === 'US')).toBe(false);
    expect(listSeaports({ country: 'JM', region: 'Central America' })).toEqual([]);
  });

  it('keeps Netherlands Antilles (AN) ports out of every region but finds them by country', () => {
    expect(listSeaports({ country: 'AN' })).toHaveLength(7);
    expect(listSeaports({ region: 'Americas' }).some((port) => port.country === 'AN')).toBe(false);
  });
});

describe('isUnlocode', () => {
  it('accepts country letters followed by three letters or digits 2-9', () => {
    for (const code of ['JMKIN', 'USNYC', 'GTSTC', 'DEHAM', 'CN2AB', 'BR9ZZ'])
      expect(isUnlocode(code)).toBe(true);
  });

  it('rejects other shapes, lower case, spaces and the digits 0 and 1', () => {
    for (const code of ['JMKI', 'JMKING', 'jmkin', 'JM KIN', '12KIN', 'JMK0N', 'JMK1N', '']) {
      expect(isUnlocode(code)).toBe(false);
    }
  });
});
