/**
 * Device secrets: 256-bit random values, shown once, stored as an argon2id hash (what the embedded broker checks)
 * and as a Mosquitto `$7$` PBKDF2-SHA512 hash (what `aduana iot broker-config` writes for an external broker).
 * Connection bursts would make argon2 the bottleneck, so a verified secret is remembered as a SHA-256 digest per
 * device and secret version: a reconnect costs one hash and a constant-time compare.
 */
import { createHash, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2';

/** A new device secret (43 characters, base64url). */
export function newDeviceSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashDeviceSecret(secret: string): Promise<string> {
  return argonHash(secret, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

/** mosquitto_passwd's default for `$7$` hashes. */
export const MOSQUITTO_PBKDF2_ITERATIONS = 101;

/**
 * A Mosquitto 2.x password-file hash: `$7$<iterations>$<base64 salt>$<base64 PBKDF2-HMAC-SHA512>`, 12-byte salt,
 * 64-byte digest — the format `mosquitto_passwd` writes.
 */
export function mosquittoHash(
  secret: string,
  iterations = MOSQUITTO_PBKDF2_ITERATIONS,
  salt: Buffer = randomBytes(12),
): string {
  const digest = pbkdf2Sync(secret, salt, iterations, 64, 'sha512');
  return `$7$${iterations}$${salt.toString('base64')}$${digest.toString('base64')}`;
}

/** Checks a secret against a `$7$` hash (used in tests and by operators' tooling). */
export function verifyMosquittoHash(secret: string, encoded: string): boolean {
  const m = /^\$7\$(\d+)\$([^$]+)\$([^$]+)$/.exec(encoded);
  if (!m) return false;
  const expected = Buffer.from(m[3]!, 'base64');
  const actual = pbkdf2Sync(secret, Buffer.from(m[2]!, 'base64'), Number(m[1]), expected.length, 'sha512');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

const digest = (secret: string): Buffer => createHash('sha256').update(secret).digest();

/** What a connection check needs to know about a device. */
export interface DeviceCredentialRecord {
  deviceId: string;
  ownerTin: string;
  status: string;
  secretHash: string;
  secretVersion: number;
}

export type CredentialCheck =
  | { ok: true; device: DeviceCredentialRecord }
  | { ok: false; reason: 'UNKNOWN_DEVICE' | 'DEVICE_REVOKED' | 'BAD_SECRET' };

/**
 * Verifies device secrets with a fast path. Device records are cached for `recordTtlMs` so that a revocation or a
 * rotation made on another node takes effect within that time; on this node, `forget()` makes it immediate.
 */
export class DeviceCredentialVerifier {
  private readonly records = new Map<string, { record: DeviceCredentialRecord | null; until: number }>();
  private readonly verified = new Map<string, Buffer>();

  constructor(
    private readonly load: (deviceId: string) => Promise<DeviceCredentialRecord | null>,
    private readonly recordTtlMs = 30_000,
    private readonly maxEntries = 100_000,
  ) {}

  async check(deviceId: string, secret: string): Promise<CredentialCheck> {
    const record = await this.record(deviceId);
    if (record === null) return { ok: false, reason: 'UNKNOWN_DEVICE' };
    if (record.status !== 'ACTIVE') return { ok: false, reason: 'DEVICE_REVOKED' };
    const key = `${deviceId}#${record.secretVersion}`;
    const known = this.verified.get(key);
    const given = digest(secret);
    if (known !== undefined && timingSafeEqual(known, given)) return { ok: true, device: record };
    const ok = await argonVerify(record.secretHash, secret).catch(() => false);
    if (!ok) return { ok: false, reason: 'BAD_SECRET' };
    if (this.verified.size >= this.maxEntries) this.verified.clear();
    this.verified.set(key, given);
    return { ok: true, device: record };
  }

  /** Drops what is known of a device (after rotation or revocation). */
  forget(deviceId: string): void {
    this.records.delete(deviceId);
    for (const key of this.verified.keys()) if (key.startsWith(`${deviceId}#`)) this.verified.delete(key);
  }

  private async record(deviceId: string): Promise<DeviceCredentialRecord | null> {
    const now = Date.now();
    const cached = this.records.get(deviceId);
    if (cached !== undefined && cached.until > now) return cached.record;
    const record = await this.load(deviceId);
    if (this.records.size >= this.maxEntries) this.records.clear();
    this.records.set(deviceId, { record, until: now + this.recordTtlMs });
    return record;
  }
}
