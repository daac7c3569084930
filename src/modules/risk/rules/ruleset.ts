import type { Channel } from '../../declarations/index.js';
import { stronger } from '../selection/channels.js';
import { compileCriteria, type CompiledCriteria } from './compile.js';
import type { ProfileAction, ProfileBody } from './criteria.schema.js';
import type { DeclarationFacts } from './facts.js';
import type { CompiledList } from './lists.js';

/** A profile version as stored. */
export interface ProfileVersion {
  id: string;
  version: number;
  body: ProfileBody;
}

export interface CompiledProfile extends ProfileVersion {
  criteria: CompiledCriteria;
}

/** A profile that hit a declaration, with the items that satisfied it and the list versions it read. */
export interface RuleHit {
  profileId: string;
  name: string;
  version: number;
  action: ProfileAction;
  reason: string;
  /** Sequences of the goods items that satisfied the criteria. */
  items: number[];
  lists: { name: string; version: number }[];
  /** False when a channel profile below 100 % let this hit through without selecting it. */
  applied: boolean;
}

export interface RuleVerdict {
  hits: RuleHit[];
  /** Strongest channel among the applied hits. */
  channel?: Channel;
  /** Sum of the score weights of the hits, in points of 100. */
  scoreWeight: number;
}

/** Where and when a declaration is judged. */
export interface RuleScope {
  office: string;
  /** ISO date of lodgement. */
  date: string;
}

/** A profile body is live on a date in an office when active, valid then, and scoped to that office (or to all). */
export function isLive(body: ProfileBody, scope: RuleScope): boolean {
  if (body.status !== 'active') return false;
  if (body.validFrom && scope.date < body.validFrom) return false;
  if (body.validTo && scope.date > body.validTo) return false;
  return appliesToOffice(body, scope.office);
}

export function appliesToOffice(body: ProfileBody, office: string): boolean {
  return body.offices.length === 0 || body.offices.includes(office);
}

/** The items of a declaration that satisfy compiled criteria. */
export function matchingItems(criteria: CompiledCriteria, facts: DeclarationFacts): number[] {
  return facts.items.filter((it) => criteria.test(facts.declaration, it.values)).map((it) => it.sequence);
}

/**
 * The profiles and lists in force, compiled once per change. `id` is the ruleset snapshot recorded with each
 * decision (which profile and list versions were live).
 */
export class Ruleset {
  constructor(
    readonly id: number | null,
    readonly profiles: readonly CompiledProfile[],
    readonly lists: ReadonlyMap<string, CompiledList>,
  ) {}

  static compile(
    id: number | null,
    profiles: readonly ProfileVersion[],
    lists: ReadonlyMap<string, CompiledList>,
    onError: (profile: ProfileVersion, error: unknown) => void = () => undefined,
  ): Ruleset {
    const compiled: CompiledProfile[] = [];
    for (const p of profiles) {
      try {
        compiled.push({ ...p, criteria: compileCriteria(p.body.criteria, lists) });
      } catch (err) {
        onError(p, err);
      }
    }
    return new Ruleset(id, compiled, lists);
  }

  /** Criteria hits of live profiles; `random` draws the selection percentage of channel profiles. */
  evaluate(facts: DeclarationFacts, scope: RuleScope, random: () => number): RuleVerdict {
    const hits: RuleHit[] = [];
    let channel: Channel | undefined;
    let scoreWeight = 0;
    for (const p of this.profiles) {
      if (!isLive(p.body, scope)) continue;
      const items = matchingItems(p.criteria, facts);
      if (items.length === 0) continue;
      const action = p.body.action;
      let applied = true;
      if ('channel' in action) {
        applied = action.percent >= 100 || random() * 100 < action.percent;
        if (applied) channel = stronger(channel, action.channel);
      } else scoreWeight += action.scoreWeight;
      hits.push({
        profileId: p.id,
        name: p.body.name,
        version: p.version,
        action,
        reason: p.body.reason,
        items,
        lists: [...p.criteria.lists.values()].map((l) => ({ name: l.name, version: l.version })),
        applied,
      });
    }
    return channel === undefined ? { hits, scoreWeight } : { hits, channel, scoreWeight };
  }

  /** The live snapshot: profile and list versions (what a decision records). */
  snapshot(): { profiles: { id: string; version: number }[]; lists: { name: string; version: number }[] } {
    return {
      profiles: this.profiles.map((p) => ({ id: p.id, version: p.version })),
      lists: [...this.lists.values()].map((l) => ({ name: l.name, version: l.version })),
    };
  }
}
