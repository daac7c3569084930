import type { AuthService } from '../../../platform/auth/auth.service.js';
import type { Principal, Role } from '../../../platform/auth/roles.js';
import type { DeclarationService } from '../declaration.service.js';
import { DEMO_CARRIERS, DEMO_DECLARANTS, DEMO_IMPORTERS, DEMO_SELLERS, DEMO_USERS } from './demo-data.js';
import { generateDeclaration, seededRandom } from './generator.js';

/** Registers the demo parties (idempotent). */
export async function seedDemoParties(auth: AuthService): Promise<void> {
  for (const p of [...DEMO_DECLARANTS, ...DEMO_IMPORTERS, ...DEMO_SELLERS, ...DEMO_CARRIERS])
    await auth.repository.upsertParty({ tin: p.tin, name: p.name, country: p.country, aeo: p.aeo });
}

/** Creates the demo users, one per role, unless they exist. Returns the sign-ins for printing. */
export async function seedDemoUsers(
  auth: AuthService,
): Promise<{ username: string; password: string; roles: readonly string[] }[]> {
  await seedDemoParties(auth);
  for (const u of DEMO_USERS) {
    if (await auth.repository.findUserByUsername(u.username)) continue;
    await auth.addUser({
      username: u.username,
      password: u.password,
      displayName: u.displayName,
      roles: [...u.roles] as Role[],
      partyTin: u.partyTin,
      locale: u.locale,
      office: 'office' in u ? u.office : null,
    });
  }
  return DEMO_USERS.map((u) => ({ username: u.username, password: u.password, roles: u.roles }));
}

export interface SeedDeclarationsOptions {
  count: number;
  seed?: number;
  /** Share of declarations whose goods have arrived and whose controls are worked (so queues and dashboards show a real day). */
  workedShare?: number;
  onProgress?: (done: number) => void;
  /** Hours back from now over which lodgements are spread (a working day by default). */
  spanHours?: number;
  now?: Date;
}

/**
 * Lodges `count` declarations through the real service (validation, channel, audit, events) as the demo brokers,
 * then records arrivals and works a share of the controls as the demo officer — spread over the past working day
 * with believable times (pre-arrival lodgement, arrival hours later, controls taking hours), so that queues,
 * dashboards and clearance-time figures look like a real office. Nothing is stamped in the future.
 */
export async function seedDeclarations(
  service: DeclarationService,
  options: SeedDeclarationsOptions,
): Promise<{ lodged: number; released: number }> {
  const random = seededRandom(options.seed ?? 42);
  const worked = options.workedShare ?? 0.6;
  const officer: Principal = {
    kind: 'user',
    id: 'seed-officer',
    name: 'officer',
    roles: ['officer'],
    partyTin: null,
    office: null,
    locale: 'en',
  };
  let released = 0;
  const runId = Date.now().toString(36).toUpperCase();
  const end = (options.now ?? new Date()).getTime();
  const start = end - (options.spanHours ?? 10) * 3_600_000;
  const hours = (lo: number, hi: number) => (lo + random() * (hi - lo)) * 3_600_000;
  let clock = start;
  const restore = service.useClock(() => new Date(clock));
  try {
    for (let i = 0; i < options.count; i++) {
      const declarant = DEMO_DECLARANTS[i % DEMO_DECLARANTS.length]!;
      const trader: Principal = {
        kind: 'user',
        id: `seed-${declarant.tin}`,
        name: 'seed',
        roles: ['trader'],
        partyTin: declarant.tin,
        office: null,
        locale: 'en',
      };
      const input = generateDeclaration(random, {
        lrn: `DEMO-${runId}-${String(i + 1).padStart(6, '0')}`,
        declarant,
      });
      const lodgedAt = start + ((end - start) * i) / Math.max(1, options.count);
      clock = lodgedAt;
      const { declaration } = await service.lodge(trader, input, new Date(lodgedAt));
      const arrivalAt = lodgedAt + hours(0.2, 6);
      if (random() < worked && arrivalAt < end) {
        clock = arrivalAt;
        const arrived = await service.recordArrival(officer, declaration.id, new Date(arrivalAt), 'JMKIN');
        const controlAt = arrivalAt + hours(0.3, 3);
        const releaseAt = controlAt + hours(0.1, 1.5);
        if (controlAt >= end || releaseAt >= end) {
          options.onProgress?.(i + 1);
          continue;
        }
        clock = controlAt;
        if (arrived.status === 'released') released++;
        else if (arrived.status === 'channel_assigned' && random() < 0.7) {
          const seizure = random() < 0.03;
          const discrepancy = !seizure && random() < 0.2;
          await service.recordControlResult(officer, declaration.id, {
            outcome: seizure ? 'seizure' : discrepancy ? 'discrepancy' : 'compliant',
            findings: seizure
              ? 'Undeclared goods found in container'
              : discrepancy
                ? 'Quantity exceeds the declared quantity'
                : 'Goods match the declaration',
            corrections: discrepancy
              ? [
                  {
                    itemSequence: 1,
                    field: 'netMassKg',
                    correctedValue: Math.round((input.goodsItems[0]?.netMassKg ?? 1) * 1.15),
                  },
                ]
              : [],
            revenueAdjustment: discrepancy ? Math.round((input.goodsItems[0]?.customsValue ?? 0) * 0.02) : 0,
          });
          if (!seizure) {
            clock = releaseAt;
            await service.release(officer, declaration.id, 'Control completed');
            released++;
          }
        }
      }
      options.onProgress?.(i + 1);
    }
  } finally {
    restore();
  }
  return { lodged: options.count, released };
}
