import type { EpcisEvent } from './epcis/event-hash.js';
import { canonicalIdentifier, containerIdentifier } from './epcis/identifiers.js';
import type { ProvenanceService, SignatureStatus } from './provenance.service.js';
import type { EventRow } from './provenance.repository.js';

/** What a trace shows of each product or material: master data from the ILMD of the event that made it. */
export interface ProductFacts {
  readonly description: string | null;
  readonly hsCode: string | null;
  readonly countryOfOrigin: string | null;
  readonly valueMinor: number | null;
  readonly currency: string | null;
  readonly netWeightKg: number | null;
  readonly whollyObtained: boolean;
  readonly originating: boolean | 'unknown';
  readonly processes: readonly string[];
}

export interface LedgerProofStatus {
  readonly state: 'not-anchored' | 'pending' | 'anchored' | 'revoked';
  readonly batchId: number | null;
  readonly entryIndex: number | null;
}

export interface TraceNode {
  readonly id: string;
  readonly kind: 'product' | 'event' | 'container' | 'declaration';
  readonly label: string;
  readonly facts?: ProductFacts;
  readonly event?: {
    readonly eventType: string;
    readonly eventTime: string;
    readonly bizStep: string | null;
    readonly partyTin: string;
    readonly keyId: string;
    readonly eventHash: string;
    readonly signature: SignatureStatus;
    readonly ledger: LedgerProofStatus;
  };
}

export interface TraceEdge {
  readonly from: string;
  readonly to: string;
  /** `input` material → transformation; `output` event → product it made; `observed` product → shipping/receiving; `packed` product → container; `declared` container → declaration. */
  readonly kind: 'input' | 'output' | 'observed' | 'packed' | 'declared';
}

export interface TraceGraph {
  readonly root: string;
  readonly nodes: readonly TraceNode[];
  readonly edges: readonly TraceEdge[];
  /** True when every event node verifies and is anchored. */
  readonly verified: boolean;
}

/** What the origin module needs of a declaration, read through the declarations module's face. */
export interface DeclarationView {
  readonly id: string;
  readonly lrn: string;
  readonly containers: readonly string[];
}

/** How a product was made, step by step back to raw materials (for origin assessments). */
export interface ProductionStep {
  readonly identifier: string;
  /** The event that made it; null when no party recorded its production. */
  readonly eventId: string | null;
  readonly partyTin: string | null;
  readonly signature: SignatureStatus | null;
  readonly ledger: LedgerProofStatus | null;
  readonly facts: ProductFacts | null;
  readonly inputs: readonly ProductionStep[];
}

const MAX_NODES = 2000;
const MAX_DEPTH = 32;
const ADUANA = 'https://aduana.dev/epcis/';
const CBVMDA = 'urn:epcglobal:cbv:mda#';

function ilmdValue(event: EpcisEvent, local: string, namespace = ADUANA, prefix = 'aduana'): unknown {
  const ilmd = (event.ilmd ?? {}) as Record<string, unknown>;
  return ilmd[`${prefix}:${local}`] ?? ilmd[`${namespace}${local}`];
}

/** Master data of what an event produced (one product per commissioning or transformation). */
export function factsOf(event: EpcisEvent): ProductFacts {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const num = (v: unknown) =>
    typeof v === 'number' && Number.isFinite(v)
      ? v
      : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))
        ? Number(v)
        : null;
  const originating = ilmdValue(event, 'originating');
  const processes = ilmdValue(event, 'processes');
  return {
    description: text(ilmdValue(event, 'description')),
    hsCode: text(ilmdValue(event, 'hsCode')),
    countryOfOrigin: text(ilmdValue(event, 'countryOfOrigin', CBVMDA, 'cbvmda')),
    valueMinor: num(ilmdValue(event, 'valueMinor')),
    currency: text(ilmdValue(event, 'currency')),
    netWeightKg: num(ilmdValue(event, 'netWeightKg')),
    whollyObtained:
      ilmdValue(event, 'whollyObtained') === true || ilmdValue(event, 'whollyObtained') === 'true',
    originating:
      originating === true || originating === 'true'
        ? true
        : originating === false || originating === 'false'
          ? false
          : 'unknown',
    processes: Array.isArray(processes)
      ? processes.filter((p): p is string => typeof p === 'string')
      : typeof processes === 'string'
        ? [processes]
        : [],
  };
}

/**
 * Builds provenance graphs back to raw materials from the identifiers events name: a product is made
 * by the event that commissions it or outputs it; a transformation's inputs are traced in turn; a
 * container is traced through the products packed into it; a declaration through its containers.
 */
export class TraceBuilder {
  constructor(
    private readonly service: ProvenanceService,
    private readonly ledgerStatus: (eventIds: readonly string[]) => Promise<Map<string, LedgerProofStatus>>,
    private readonly readDeclaration: (id: string) => Promise<DeclarationView | undefined>,
  ) {}

  /** The event that made a product (latest commissioning or transformation output), if recorded. */
  async origin(identifier: string): Promise<EventRow | undefined> {
    const makers = await this.service.repo.eventsNaming(canonicalIdentifier(identifier), [
      'commissioned',
      'output',
    ]);
    return makers[makers.length - 1];
  }

  /** The production tree of a product, each step with its signature and ledger status. */
  async productionTree(product: string, depth = 0, seen = new Set<string>()): Promise<ProductionStep> {
    const identifier = canonicalIdentifier(product);
    const maker = seen.has(identifier) || depth > MAX_DEPTH ? undefined : await this.origin(identifier);
    seen.add(identifier);
    if (maker === undefined) {
      return {
        identifier,
        eventId: null,
        partyTin: null,
        signature: null,
        ledger: null,
        facts: null,
        inputs: [],
      };
    }
    const [signatures, ledger] = await Promise.all([
      this.service.signatureStatuses([maker]),
      this.ledgerStatus([maker.event_id]),
    ]);
    const inputs: ProductionStep[] = [];
    if (maker.event_type === 'TransformationEvent') {
      for (const input of await this.service.repo.identifiersOf(maker.event_id)) {
        if (input.role === 'input') inputs.push(await this.productionTree(input.identifier, depth + 1, seen));
      }
    }
    return {
      identifier,
      eventId: maker.event_id,
      partyTin: maker.party_tin,
      signature: signatures.get(maker.event_id) ?? 'invalid',
      ledger: ledger.get(maker.event_id) ?? { state: 'not-anchored', batchId: null, entryIndex: null },
      facts: factsOf(maker.event),
      inputs,
    };
  }

  async traceProduct(product: string): Promise<TraceGraph> {
    const graph = new GraphParts();
    await this.walkProduct(canonicalIdentifier(product), graph, 0);
    return this.finish(graph, canonicalIdentifier(product));
  }

  async traceContainer(container: string): Promise<TraceGraph> {
    const graph = new GraphParts();
    const id = containerIdentifier(container);
    await this.walkContainer(id, graph);
    return this.finish(graph, id);
  }

  async traceDeclaration(declarationId: string): Promise<TraceGraph | undefined> {
    const declaration = await this.readDeclaration(declarationId);
    if (declaration === undefined) return undefined;
    const graph = new GraphParts();
    const root = `declaration:${declaration.id}`;
    graph.node({ id: root, kind: 'declaration', label: declaration.lrn });
    for (const number of declaration.containers) {
      const id = containerIdentifier(number);
      await this.walkContainer(id, graph);
      graph.edge({ from: id, to: root, kind: 'declared' });
    }
    return this.finish(graph, root);
  }

  private async walkContainer(id: string, graph: GraphParts): Promise<void> {
    graph.node({ id, kind: 'container', label: id.replace('urn:aduana:container:', '') });
    for (const packing of await this.service.repo.eventsNaming(id, ['parent'])) {
      graph.events.set(packing.event_id, packing);
      graph.node({ id: packing.event_id, kind: 'event', label: 'AggregationEvent' });
      graph.edge({ from: packing.event_id, to: id, kind: 'packed' });
      for (const child of await this.service.repo.identifiersOf(packing.event_id)) {
        if (child.role !== 'child') continue;
        graph.edge({ from: child.identifier, to: packing.event_id, kind: 'packed' });
        await this.walkProduct(child.identifier, graph, 0);
      }
    }
  }

  private async walkProduct(identifier: string, graph: GraphParts, depth: number): Promise<void> {
    if (graph.seen.has(identifier) || graph.size() > MAX_NODES || depth > MAX_DEPTH) return;
    graph.seen.add(identifier);
    const maker = await this.origin(identifier);
    graph.node({
      id: identifier,
      kind: 'product',
      label: maker === undefined ? identifier : (factsOf(maker.event).description ?? identifier),
      ...(maker === undefined ? {} : { facts: factsOf(maker.event) }),
    });
    for (const seen of await this.service.repo.eventsNaming(identifier, ['observed'])) {
      graph.events.set(seen.event_id, seen);
      graph.node({
        id: seen.event_id,
        kind: 'event',
        label: typeof seen.event.bizStep === 'string' ? seen.event.bizStep : 'ObjectEvent',
      });
      graph.edge({ from: identifier, to: seen.event_id, kind: 'observed' });
    }
    if (maker === undefined) return;
    graph.events.set(maker.event_id, maker);
    graph.node({ id: maker.event_id, kind: 'event', label: maker.event_type });
    graph.edge({ from: maker.event_id, to: identifier, kind: 'output' });
    if (maker.event_type !== 'TransformationEvent') return;
    for (const input of await this.service.repo.identifiersOf(maker.event_id)) {
      if (input.role !== 'input') continue;
      graph.edge({ from: input.identifier, to: maker.event_id, kind: 'input' });
      await this.walkProduct(input.identifier, graph, depth + 1);
    }
  }

  private async finish(graph: GraphParts, root: string): Promise<TraceGraph> {
    const rows = [...graph.events.values()];
    const [signatures, ledger] = await Promise.all([
      this.service.signatureStatuses(rows),
      this.ledgerStatus(rows.map((r) => r.event_id)),
    ]);
    const nodes = [...graph.nodes.values()].map((node): TraceNode => {
      const row = graph.events.get(node.id);
      if (node.kind !== 'event' || row === undefined) return node;
      return {
        ...node,
        event: {
          eventType: row.event_type,
          eventTime: new Date(row.event_time).toISOString(),
          bizStep: typeof row.event.bizStep === 'string' ? row.event.bizStep : null,
          partyTin: row.party_tin,
          keyId: row.key_id,
          eventHash: row.event_id,
          signature: signatures.get(row.event_id) ?? 'invalid',
          ledger: ledger.get(row.event_id) ?? { state: 'not-anchored', batchId: null, entryIndex: null },
        },
      };
    });
    const verified = nodes.every(
      (n) => n.event === undefined || (n.event.signature === 'valid' && n.event.ledger.state === 'anchored'),
    );
    return { root, nodes, edges: graph.edges, verified };
  }
}

class GraphParts {
  readonly nodes = new Map<string, TraceNode>();
  readonly edges: TraceEdge[] = [];
  readonly events = new Map<string, EventRow>();
  readonly seen = new Set<string>();
  private readonly edgeKeys = new Set<string>();

  node(node: TraceNode): void {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
  }

  edge(edge: TraceEdge): void {
    const key = `${edge.from}\u0000${edge.to}\u0000${edge.kind}`;
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.edges.push(edge);
  }

  size(): number {
    return this.nodes.size;
  }
}
