import { CHANNELS, type Channel, type DeclarationService } from '../../declarations/index.js';
import { SEVERITY } from '../selection/channels.js';
import { compileCriteria } from './compile.js';
import type { ProfileBody } from './criteria.schema.js';
import { declarationFacts } from './facts.js';
import type { CompiledList } from './lists.js';
import { appliesToOffice, matchingItems } from './ruleset.js';

export interface DryRunOptions {
  days: number;
  now?: Date;
  /** Only this office (the profile's own office scope applies too). */
  office?: string;
  sampleSize?: number;
  /** Stop after this many declarations (newest first). */
  maxDeclarations?: number;
  /** The profile's id when it already exists, to tell its own current selections apart. */
  profileId?: string;
  isAeo?: (tin: string) => Promise<boolean>;
  taxRateOf?: (hsCode: string) => number | undefined;
}

export interface DryRunMatch {
  declarationId: string;
  lrn: string;
  office: string;
  lodgedAt: string;
  items: number[];
  currentChannel: Channel | null;
  currentSource: string | null;
  /** The channel the profile would give (for a channel profile), or null for a score weight. */
  wouldBe: Channel | null;
}

const PAGE = 500;

/**
 * What a profile (new or edited, draft or not) would have selected among the declarations lodged in the last N days:
 * how many it matches, per office and per current channel, how many it would newly select (their channel today is
 * below the profile's), how many it overlaps with current selections, and a sample. Validity dates and status are
 * ignored — the question is what the criteria catch — but the profile's office scope applies.
 */
export async function dryRunProfile(
  declarations: DeclarationService,
  profile: ProfileBody,
  lists: ReadonlyMap<string, CompiledList>,
  options: DryRunOptions,
) {
  const criteria = compileCriteria(profile.criteria, lists);
  const to = options.now ?? new Date();
  const from = new Date(to.getTime() - options.days * 86_400_000);
  const max = options.maxDeclarations ?? 50_000;
  const sampleSize = options.sampleSize ?? 20;
  const target = 'channel' in profile.action ? profile.action.channel : null;
  const aeo = new Map<string, Promise<boolean>>();
  const isAeo = (tin: string) => {
    let v = aeo.get(tin);
    if (!v) aeo.set(tin, (v = options.isAeo?.(tin) ?? Promise.resolve(false)));
    return v;
  };

  let scanned = 0;
  let matched = 0;
  let newSelections = 0;
  let alreadySelected = 0;
  let byThisProfile = 0;
  const byOffice = new Map<string, { scanned: number; matched: number }>();
  const byCurrentChannel = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
  const sample: DryRunMatch[] = [];
  for (let offset = 0; scanned < max; offset += PAGE) {
    const { rows } = await declarations.repo.queue({
      from,
      to,
      ...(options.office ? { office: options.office } : {}),
      sort: '-lodgedAt',
      limit: Math.min(PAGE, max - scanned),
      offset,
    });
    for (const row of rows) {
      scanned++;
      const office = byOffice.get(row.office) ?? { scanned: 0, matched: 0 };
      byOffice.set(row.office, office);
      office.scanned++;
      if (!appliesToOffice(profile, row.office)) continue;
      const facts = declarationFacts(row.document, {
        partyAeo: await isAeo(row.declarant_tin),
        warnings: (row.warnings ?? []).map((w) => w.code),
        ...(options.taxRateOf ? { taxRateOf: options.taxRateOf } : {}),
      });
      const items = matchingItems(criteria, facts);
      if (items.length === 0) continue;
      matched++;
      office.matched++;
      if (row.channel) byCurrentChannel[row.channel]++;
      const hits = (row.channel_decision?.explanation?.ruleHits ?? []) as { profileId?: string }[];
      if (options.profileId && hits.some((h) => h.profileId === options.profileId)) byThisProfile++;
      if (target && target !== 'green') {
        if (row.channel && SEVERITY[row.channel] >= SEVERITY[target]) alreadySelected++;
        else newSelections++;
      }
      if (sample.length < sampleSize)
        sample.push({
          declarationId: row.id,
          lrn: row.lrn,
          office: row.office,
          lodgedAt: new Date(row.lodged_at).toISOString(),
          items,
          currentChannel: row.channel,
          currentSource: row.channel_decision?.source ?? null,
          wouldBe: target,
        });
    }
    if (rows.length < PAGE) break;
  }
  const percent = 'channel' in profile.action ? profile.action.percent : 100;
  return {
    period: { from: from.toISOString(), to: to.toISOString(), days: options.days },
    scanned,
    matched,
    /** Expected selections: matches × the profile's selection percentage. */
    wouldSelect: target && target !== 'green' ? Math.round((matched * percent) / 100) : 0,
    matchRate: scanned === 0 ? 0 : matched / scanned,
    overlap: { alreadySelected, newSelections, byThisProfile },
    byCurrentChannel,
    byOffice: [...byOffice].map(([office, v]) => ({ office, ...v })).sort((a, b) => b.matched - a.matched),
    lists: [...criteria.lists.values()].map((l) => ({ name: l.name, version: l.version })),
    sample,
  };
}
