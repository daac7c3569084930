import { describe, expect, it } from 'vitest';
import { IotDomainError } from './errors.js';
import { circleRing } from './geo.js';
import {
  ALARM_SEVERITIES,
  TEMPERATURE_PROFILES,
  isMoreSevere,
  resolveTemperatureProfile,
  temperatureProfileSchema,
} from './profiles.js';
import { authorisedZoneAt, compileShipmentPlan, type ShipmentPlan } from './shipment-plan.js';

describe('temperature profiles', () => {
  it('ships four valid built-in profiles', () => {
    expect(Object.keys(TEMPERATURE_PROFILES).sort()).toEqual(['AMBIENT', 'CHILLED', 'FROZEN', 'PHARMA_2_8']);
    for (const profile of Object.values(TEMPERATURE_PROFILES)) {
      expect(temperatureProfileSchema.safeParse(profile).success).toBe(true);
    }
  });

  it('encodes USP <659> controlled cold: 2–8 °C, excursions 0–15 °C for 24 h at most if MKT ≤ 8 °C', () => {
    const pharma = TEMPERATURE_PROFILES.PHARMA_2_8!;
    expect(pharma.band).toEqual({ minC: 2, maxC: 8 });
    expect(pharma.excursionAllowance).toEqual({ minC: 0, maxC: 15, maxCumulativeH: 24, mktLimitC: 8 });
    expect(pharma.hardLimits).toEqual({ minC: 0, maxC: 15 });
    expect(pharma.rules.mktAboveLimit).toMatchObject({ enabled: true, limitC: 8, activationEnergyK: 10_000 });
  });

  it('keeps frozen at or below −18 °C with no lower bound and no MKT rule', () => {
    const frozen = TEMPERATURE_PROFILES.FROZEN!;
    expect(frozen.band).toEqual({ minC: null, maxC: -18 });
    expect(frozen.rules.mktAboveLimit.enabled).toBe(false);
  });

  it('merges shipment overrides deeply and validates the result', () => {
    const custom = resolveTemperatureProfile('PHARMA_2_8', {
      rules: { temperatureExcursion: { outOfBandForMin: 10 }, shock: { thresholdG: 2 } },
    });
    expect(custom.rules.temperatureExcursion).toMatchObject({ outOfBandForMin: 10, clearAfterMin: 30 });
    expect(custom.rules.shock.thresholdG).toBe(2);
    expect(TEMPERATURE_PROFILES.PHARMA_2_8!.rules.temperatureExcursion.outOfBandForMin).toBe(30);
  });

  it('refuses an unknown profile and an invalid override with coded errors', () => {
    expect(() => resolveTemperatureProfile('BANANAS')).toThrowError(/TEMPERATURE_PROFILE_UNKNOWN/);
    try {
      resolveTemperatureProfile('CHILLED', { rules: { shock: { thresholdG: -1 } } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(IotDomainError);
      expect((error as IotDomainError).code).toBe('SHIPMENT_PLAN_INVALID');
      expect(JSON.stringify((error as IotDomainError).details)).toContain(
        'temperatureProfile.rules.shock.thresholdG',
      );
    }
  });

  it('orders severities from CRITICAL down to INDETERMINATE', () => {
    expect(ALARM_SEVERITIES[0]).toBe('CRITICAL');
    expect(isMoreSevere('CRITICAL', 'MAJOR')).toBe(true);
    expect(isMoreSevere('WARNING', 'MINOR')).toBe(false);
  });
});

describe('shipment plans', () => {
  const plan: ShipmentPlan = {
    shipmentId: 'SHP-1',
    declarationReference: '25HN0001234567',
    equipmentReference: 'MSKU9070323',
    devices: [
      { deviceId: 'TRK-1', reportingIntervalS: 600 },
      { deviceId: 'TRK-2', reportingIntervalS: 300 },
      { deviceId: 'SEAL-1', reportingIntervalS: null },
    ],
    origin: 'PAONX',
    destination: 'HNPCR',
    corridor: {
      path: [
        [-79.88, 9.37],
        [-87.94, 15.84],
      ],
      toleranceM: 20_000,
    },
    authorisedZones: [
      {
        zoneId: 'Z1',
        kind: 'PORT',
        name: 'Colón',
        locode: 'PAONX',
        polygon: [circleRing([-79.88, 9.37], 4_000)],
      },
    ],
    temperatureProfile: {
      profileId: 'PHARMA_2_8',
      overrides: { rules: { deviceSilent: { intervalFactor: 2 } } },
    },
  };

  it('compiles silence thresholds per device (interval × k) and holds observations for the longest', () => {
    const compiled = compileShipmentPlan(plan);
    expect(compiled.silenceAfterMs).toEqual({ 'TRK-1': 1_200_000, 'TRK-2': 600_000 });
    expect(compiled.holdMs).toBe(1_200_000);
  });

  it('finds the authorised zone around a point, and none at sea', () => {
    const compiled = compileShipmentPlan(plan);
    expect(authorisedZoneAt(compiled, [-79.87, 9.36])?.zoneId).toBe('Z1');
    expect(authorisedZoneAt(compiled, [-81, 11])).toBeNull();
  });

  it('refuses a plan with a bad UN/LOCODE, an open ring or a bad container number, naming the paths', () => {
    const broken = {
      ...plan,
      origin: 'PA-ONX',
      equipmentReference: 'MSKU9070320',
      authorisedZones: [
        {
          ...plan.authorisedZones[0]!,
          polygon: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 1],
            ],
          ],
        },
      ],
    };
    try {
      compileShipmentPlan(broken);
      expect.unreachable();
    } catch (error) {
      const issues = (error as IotDomainError).details.issues as { path: string; code: string }[];
      expect(issues).toEqual(
        expect.arrayContaining([
          { path: 'origin', code: 'invalid_format' },
          { path: 'equipmentReference', code: 'EQUIPMENT_REFERENCE_NOT_ISO6346' },
          { path: 'authorisedZones.0.polygon.0', code: 'RING_NOT_CLOSED' },
        ]),
      );
    }
  });
});
