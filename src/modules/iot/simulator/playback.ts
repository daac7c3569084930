/**
 * Plays a generated voyage in real time, compressed: `compression` simulated seconds pass per wall second, and every
 * message is stamped with the wall time its simulated moment maps to. The shipment plan is scaled the same way
 * (reporting interval, rule durations, MKT window), so each scenario raises its alarms in seconds instead of hours.
 */
import {
  resolveTemperatureProfile,
  type ShipmentPlan,
  type TemperatureProfileOverrides,
  type Voyage,
} from '../domain/index.js';

export interface PlaybackMessage {
  /** Wall time (epoch ms) to send it. */
  sendAt: number;
  topic: string;
  payload: Record<string, unknown>;
}

/** The profile's time settings divided by `compression` (minutes and hours of simulated time → of wall time). */
export function compressedProfileOverrides(
  profileId: string,
  compression: number,
): TemperatureProfileOverrides {
  const p = resolveTemperatureProfile(profileId);
  const r = p.rules;
  const k = 1 / compression;
  return {
    ...(p.excursionAllowance
      ? { excursionAllowance: { maxCumulativeH: p.excursionAllowance.maxCumulativeH * k } }
      : {}),
    rules: {
      temperatureExcursion: {
        outOfBandForMin: r.temperatureExcursion.outOfBandForMin * k,
        clearAfterMin: r.temperatureExcursion.clearAfterMin * k,
      },
      temperatureHardLimit: { clearAfterMin: r.temperatureHardLimit.clearAfterMin * k },
      mktAboveLimit: { windowH: r.mktAboveLimit.windowH * k, minCoverageH: r.mktAboveLimit.minCoverageH * k },
      corridorDeviation: {
        outsideForMin: r.corridorDeviation.outsideForMin * k,
        clearAfterMin: r.corridorDeviation.clearAfterMin * k,
      },
      unplannedStop: { stoppedForMin: r.unplannedStop.stoppedForMin * k },
      shock: { clearAfterQuietMin: r.shock.clearAfterQuietMin * k },
    },
  };
}

/** The voyage's plan for a compressed playback: intervals and rule durations in wall time. */
export function compressedPlan(voyage: Voyage, compression: number): ShipmentPlan {
  const plan = voyage.plan;
  return {
    ...plan,
    devices: plan.devices.map((d) => ({
      ...d,
      reportingIntervalS:
        d.reportingIntervalS === null ? null : Math.max(1, Math.round(d.reportingIntervalS / compression)),
    })),
    temperatureProfile: {
      profileId: plan.temperatureProfile.profileId,
      overrides: compressedProfileOverrides(plan.temperatureProfile.profileId, compression),
    },
  };
}

/** The voyage's messages from `fromSimAt` on, with wall times to send them and wall-time stamps. */
export function compressedMessages(
  voyage: Voyage,
  options: {
    compression: number;
    wallStart: number;
    fromSimAt?: number;
    topicOf?: (topic: string) => string;
  },
): PlaybackMessage[] {
  const from = options.fromSimAt ?? voyage.startAt;
  const wall = (sim: number) => Math.round(options.wallStart + (sim - from) / options.compression);
  const out: PlaybackMessage[] = [];
  for (const m of voyage.messages) {
    if (m.receivedAt < from) continue;
    const payload = { ...(m.payload as Record<string, unknown>) };
    const at = Date.parse(String(payload.eventCreatedDateTime));
    payload.eventCreatedDateTime = new Date(Math.min(wall(at), wall(m.receivedAt))).toISOString();
    out.push({
      sendAt: wall(m.receivedAt),
      topic: options.topicOf ? options.topicOf(m.topic) : m.topic,
      payload,
    });
  }
  return out;
}
