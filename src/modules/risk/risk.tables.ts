import type { Generated } from 'kysely';
import type { Channel } from '../declarations/index.js';
import type { ListBody, ListKind, ProfileBody } from './rules/criteria.schema.js';

/** The risk module's tables (its own; no other module reads them). */
export interface RiskTables {
  risk_lists: {
    id: string;
    name: string;
    kind: ListKind;
    current_version: number;
    created_at: Date;
    updated_at: Date;
  };
  risk_list_versions: {
    list_id: string;
    version: number;
    body: ListBody;
    note: string | null;
    created_by: string;
    created_at: Date;
  };
  risk_profiles: { id: string; current_version: number; created_at: Date; updated_at: Date };
  risk_profile_versions: {
    profile_id: string;
    version: number;
    body: ProfileBody;
    note: string | null;
    created_by: string;
    created_at: Date;
  };
  risk_rulesets: {
    id: Generated<number>;
    digest: string;
    profiles: { id: string; version: number }[];
    lists: { name: string; version: number }[];
    created_at: Date;
  };
  risk_office_rates: {
    office: string;
    rates: Record<Channel, number>;
    random_minimum: number;
    exploration_share: number;
    updated_by: string;
    updated_at: Date;
  };
  risk_models: {
    id: Generated<number>;
    origin: string;
    created_by: string;
    created_at: Date;
    params: unknown;
    metrics: unknown;
    feature_schema: unknown;
    training: unknown;
    artifact: Buffer;
    artifact_sha256: string;
  };
  risk_model_activations: {
    id: Generated<number>;
    model_id: number;
    action: string;
    reason: string | null;
    activated_by: string;
    activated_at: Date;
  };
  risk_training_jobs: {
    id: Generated<number>;
    trigger: string;
    status: 'running' | 'succeeded' | 'failed';
    requested_by: string;
    progress: unknown;
    model_id: number | null;
    error: string | null;
    started_at: Date;
    finished_at: Date | null;
  };
  risk_revision: { id: number; revision: number };
  risk_decisions: {
    declaration_id: string;
    office: string;
    lodged_at: Date;
    channel: Channel;
    source: string;
    score: number | null;
    probability: number | null;
    revenue_at_stake: number | null;
    model_id: number | null;
    ruleset_id: number | null;
    hits: unknown;
    updated_at: Date;
  };
  risk_labels: {
    declaration_id: string;
    office: string;
    lodged_at: Date;
    outcome: string;
    fraud: number;
    revenue: number;
    channel: string | null;
    selected_by: string | null;
    items: unknown;
    event_seq: number;
    recorded_at: Date;
  };
  risk_signals: {
    id: Generated<number>;
    event_seq: number;
    declaration_id: string;
    kind: string;
    detail: unknown;
    effect: string;
    received_at: Date;
  };
}

/** jsonb parameters go in as JSON text (both engines). */
export const jsonb = <T>(v: T): T => JSON.stringify(v) as unknown as T;
