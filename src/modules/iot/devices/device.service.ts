import { recordAudit, type Actor } from '../../../platform/audit/audit.js';
import { isPartyScoped, type Principal } from '../../../platform/auth/roles.js';
import { isUniqueViolation, type AnyDb } from '../../../platform/database/database.js';
import { DomainError } from '../../../platform/errors.js';
import type { TopicSpace } from '../broker/topics.js';
import {
  DeviceCredentialVerifier,
  hashDeviceSecret,
  mosquittoHash,
  newDeviceSecret,
  type CredentialCheck,
} from './device-credentials.js';
import { DeviceRepository, type DeviceRow } from './device.repository.js';
import type { DeviceKind, DeviceView, RegisterDeviceInput } from './device.schema.js';

export const actorOf = (p: Principal): Actor => ({ id: `${p.kind}:${p.id}`, name: p.name });

/** The device registry: registration with a secret shown once, rotation, revocation, and connection checks. */
export class DeviceService {
  readonly repo: DeviceRepository;
  readonly verifier: DeviceCredentialVerifier;
  /** Called after a rotation or revocation, to close the device's live connections. */
  onCredentialsChanged: (deviceId: string) => void = () => undefined;

  constructor(
    private readonly db: AnyDb,
    private readonly topics: TopicSpace,
  ) {
    this.repo = new DeviceRepository(db);
    this.verifier = new DeviceCredentialVerifier(async (deviceId) => {
      const row = await this.repo.find(deviceId);
      return row
        ? {
            deviceId: row.device_id,
            ownerTin: row.owner_tin,
            status: row.status,
            secretHash: row.secret_hash,
            secretVersion: row.secret_version,
          }
        : null;
    });
  }

  view(row: DeviceRow): DeviceView {
    return {
      deviceId: row.device_id,
      kind: row.kind as DeviceKind,
      label: row.label,
      ownerTin: row.owner_tin,
      status: row.status as 'ACTIVE' | 'REVOKED',
      secretVersion: row.secret_version,
      createdAt: row.created_at.toISOString(),
      rotatedAt: row.rotated_at?.toISOString() ?? null,
      revokedAt: row.revoked_at?.toISOString() ?? null,
      topics: {
        telemetry: this.topics.deviceTopic(row.device_id, 'telemetry'),
        event: this.topics.deviceTopic(row.device_id, 'event'),
      },
    };
  }

  async register(
    principal: Principal,
    input: RegisterDeviceInput,
  ): Promise<{ device: DeviceRow; secret: string }> {
    let ownerTin = input.ownerTin;
    if (isPartyScoped(principal)) {
      if (!principal.partyTin || (ownerTin !== undefined && ownerTin !== principal.partyTin))
        throw new DomainError('FORBIDDEN', undefined, { extra: { reason: 'DEVICE_OWNER_NOT_OWN_PARTY' } });
      ownerTin = principal.partyTin;
    }
    if (!ownerTin)
      throw new DomainError('VALIDATION_FAILED', undefined, {
        errors: [{ code: 'FIELD_REQUIRED', pointer: '/ownerTin' }],
      });
    const secret = newDeviceSecret();
    const now = new Date();
    const row: DeviceRow = {
      device_id: input.deviceId,
      kind: input.kind,
      owner_tin: ownerTin,
      label: input.label ?? null,
      status: 'ACTIVE',
      secret_hash: await hashDeviceSecret(secret),
      broker_hash: mosquittoHash(secret),
      secret_version: 1,
      created_at: now,
      rotated_at: null,
      revoked_at: null,
    };
    try {
      await this.db.transaction().execute(async (trx) => {
        await this.repo.insert(trx, row);
        await recordAudit(trx, [
          {
            actor: actorOf(principal),
            action: 'iot.device-registered',
            entityType: 'iot_device',
            entityId: row.device_id,
            data: { kind: row.kind, ownerTin },
          },
        ]);
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new DomainError('CONFLICT', undefined, {
          extra: { reason: 'DEVICE_EXISTS', deviceId: row.device_id },
        });
      throw err;
    }
    return { device: row, secret };
  }

  /** A device the caller may see (its party's, or any for customs); others are "not found". */
  async get(principal: Principal, deviceId: string): Promise<DeviceRow> {
    const row = await this.repo.find(deviceId);
    if (!row || (isPartyScoped(principal) && row.owner_tin !== principal.partyTin))
      throw new DomainError('NOT_FOUND', undefined, { extra: { resource: 'device', deviceId } });
    return row;
  }

  list(principal: Principal, filter: { status?: string | undefined; limit: number; offset: number }) {
    return this.repo.list({
      ...filter,
      ownerTin: isPartyScoped(principal) ? (principal.partyTin ?? '∅') : null,
    });
  }

  async rotate(principal: Principal, deviceId: string): Promise<{ device: DeviceRow; secret: string }> {
    const current = await this.get(principal, deviceId);
    if (current.status !== 'ACTIVE')
      throw new DomainError('ILLEGAL_TRANSITION', undefined, {
        params: { from: current.status, to: 'ROTATED' },
      });
    const secret = newDeviceSecret();
    const patch = {
      secret_hash: await hashDeviceSecret(secret),
      broker_hash: mosquittoHash(secret),
      secret_version: current.secret_version + 1,
      rotated_at: new Date(),
    };
    await this.db.transaction().execute(async (trx) => {
      await this.repo.update(trx, deviceId, patch);
      await recordAudit(trx, [
        {
          actor: actorOf(principal),
          action: 'iot.device-secret-rotated',
          entityType: 'iot_device',
          entityId: deviceId,
          data: { secretVersion: patch.secret_version },
        },
      ]);
    });
    this.verifier.forget(deviceId);
    this.onCredentialsChanged(deviceId);
    return { device: { ...current, ...patch }, secret };
  }

  async revoke(principal: Principal, deviceId: string, reason: string): Promise<DeviceRow> {
    const current = await this.get(principal, deviceId);
    if (current.status === 'REVOKED') return current;
    const patch = { status: 'REVOKED', revoked_at: new Date() };
    await this.db.transaction().execute(async (trx) => {
      await this.repo.update(trx, deviceId, patch);
      await recordAudit(trx, [
        {
          actor: actorOf(principal),
          action: 'iot.device-revoked',
          entityType: 'iot_device',
          entityId: deviceId,
          reason,
        },
      ]);
    });
    this.verifier.forget(deviceId);
    this.onCredentialsChanged(deviceId);
    return { ...current, ...patch };
  }

  checkConnection(deviceId: string, secret: string): Promise<CredentialCheck> {
    return this.verifier.check(deviceId, secret);
  }
}
