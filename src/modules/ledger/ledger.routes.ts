import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../platform/auth/roles.js';
import { DomainError } from '../../platform/errors.js';
import type { AnchoringService } from './anchoring.service.js';
import type { CheckpointView, LedgerService } from './ledger.service.js';
import { isLedgerLogError } from './log/errors.js';
import { HASH_SIZE } from './log/merkle.js';
import { decodeBase64, encodeBase64 } from './log/keys.js';
import type { WitnessService } from './witness.service.js';

const CUSTOMS: readonly Role[] = ['officer', 'risk_analyst', 'supervisor', 'admin'];
const PARTNERS_AND_CUSTOMS: readonly Role[] = [...CUSTOMS, 'partner_administration'];
const READERS: readonly Role[] = [...CUSTOMS, 'trader'];

/** A LedgerLogError as a coded domain error (details as problem fields, e.g. `latestSize`). */
export function ledgerProblem(error: unknown): unknown {
  if (!isLedgerLogError(error)) return error;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(error.details)) params[k] = typeof v === 'boolean' ? String(v) : v;
  return new DomainError(error.code, error.message, { params, extra: { ...error.details } });
}

const CheckpointOut = z.object({
  engine: z.enum(['transparency-log', 'evm']),
  size: z.number(),
  rootHash: z.string(),
  attestation: z.string(),
  createdAt: z.string().nullable(),
  cosignatures: z.array(z.object({ witness: z.string(), cosignedAt: z.string() })),
  final: z.boolean().nullable(),
  threshold: z.number().nullable(),
});

const toOut = (c: CheckpointView): z.infer<typeof CheckpointOut> => ({
  ...c,
  cosignatures: c.cosignatures.map((x) => ({ ...x })),
});

const AddCheckpointIn = z
  .object({
    oldSize: z.number().int().min(0),
    consistencyProof: z.array(z.string().max(64)).max(128),
    checkpoint: z.string().min(1).max(65_536),
  })
  .strict();

/** The ledger's HTTP face: public keys, checkpoints, item proofs, verification runs, and the witness API. */
export function registerLedgerRoutes(
  app: FastifyInstance,
  deps: {
    service: LedgerService;
    anchoring: AnchoringService;
    witness: WitnessService;
    info: () => Record<string, unknown>;
  },
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const { service, anchoring, witness } = deps;

  typed.get(
    '/api/v1/ledger',
    {
      config: { access: { roles: PARTNERS_AND_CUSTOMS } },
      schema: {
        tags: ['ledger'],
        summary: 'This ledger: engine, origin, public keys, witnesses',
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    () => Promise.resolve(deps.info()),
  );

  typed.get(
    '/api/v1/ledger/checkpoints',
    {
      config: { access: { roles: PARTNERS_AND_CUSTOMS } },
      schema: {
        tags: ['ledger'],
        summary: 'Signed checkpoints, newest first, with witness cosignatures and k-of-n finality',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(20) }).strict(),
        response: {
          200: z.object({
            checkpoints: z.array(CheckpointOut),
            witnesses: z.array(z.record(z.string(), z.unknown())),
          }),
        },
      },
    },
    async (request) => {
      const [checkpoints, attempts] = await Promise.all([
        service.checkpoints(request.query.limit),
        service.witnessAttempts(),
      ]);
      return {
        checkpoints: checkpoints.map(toOut),
        witnesses: attempts.map((a) => ({ ...a, attemptedAt: a.attemptedAt.toISOString() })),
      };
    },
  );

  typed.post(
    '/api/v1/ledger/checkpoints',
    {
      config: { access: { roles: ['supervisor', 'admin'] } },
      schema: {
        tags: ['ledger'],
        summary: 'Seal pending records now, sign a checkpoint and ask the witnesses to cosign it',
        response: {
          200: z.object({
            checkpoint: CheckpointOut,
            batches: z.number(),
            witnesses: z.array(z.record(z.string(), z.unknown())),
          }),
        },
      },
    },
    async () => {
      const result = await service.publishCheckpoint();
      return {
        checkpoint: toOut(result.checkpoint),
        batches: result.batches,
        witnesses: result.witnesses.map((w) => ({ ...w })),
      };
    },
  );

  typed.get(
    '/api/v1/ledger/proofs/consistency',
    {
      config: { access: { roles: PARTNERS_AND_CUSTOMS } },
      schema: {
        tags: ['ledger'],
        summary: 'RFC 9162 consistency proof between two tree sizes (for monitors and witnesses)',
        querystring: z
          .object({ from: z.coerce.number().int().min(0), to: z.coerce.number().int().min(0) })
          .strict(),
        response: { 200: z.object({ from: z.number(), to: z.number(), proof: z.array(z.string()) }) },
      },
    },
    async (request) => {
      if (service.log === undefined) throw new DomainError('LEDGER_NOT_A_LOG');
      const { from, to } = request.query;
      try {
        return { from, to, proof: (await service.log.consistencyProof(from, to)).map(encodeBase64) };
      } catch (error) {
        throw ledgerProblem(error);
      }
    },
  );

  typed.get(
    '/api/v1/ledger/items/:kind/:itemId',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags: ['ledger'],
        summary: 'Ledger status and proof of an anchored record (batch path and ledger inclusion)',
        params: z.object({ kind: z.string().max(100), itemId: z.string().max(200) }),
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request) => {
      const proof = await anchoring.proof(request.params.kind, request.params.itemId);
      if (proof === undefined) throw new DomainError('NOT_FOUND');
      return { ...proof };
    },
  );

  typed.post(
    '/api/v1/ledger/verify',
    {
      config: { access: { roles: ['supervisor', 'admin'] } },
      schema: {
        tags: ['ledger'],
        summary: 'Re-derive every anchored root and report divergences',
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async () => ({ ...(await service.verify()) }),
  );

  typed.get(
    '/api/v1/ledger/verify-runs/latest',
    {
      config: { access: { roles: CUSTOMS } },
      schema: {
        tags: ['ledger'],
        summary: 'The last verification run',
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async () => {
      const run = await service.latestVerifyRun();
      if (run === undefined) throw new DomainError('NOT_FOUND');
      return {
        id: run.id,
        startedAt: run.startedAt.toISOString(),
        finishedAt: run.finishedAt.toISOString(),
        ok: run.ok,
        report: run.report,
      };
    },
  );

  typed.get(
    '/api/v1/ledger/witness',
    {
      config: { access: { roles: PARTNERS_AND_CUSTOMS } },
      schema: {
        tags: ['ledger'],
        summary: "This administration as a witness: its cosigner key and the partners' logs it follows",
        response: {
          200: z.object({
            name: z.string(),
            verifierKey: z.string(),
            logs: z.array(z.record(z.string(), z.unknown())),
          }),
        },
      },
    },
    async () => ({
      name: witness.name,
      verifierKey: witness.verifierKey,
      logs: await witness.followedLogs(),
    }),
  );

  typed.post(
    '/api/v1/ledger/witness/add-checkpoint',
    {
      config: { access: { roles: ['partner_administration'] } },
      schema: {
        tags: ['ledger'],
        summary:
          "Cosign a partner administration's checkpoint after checking consistency (C2SP tlog-witness)",
        body: AddCheckpointIn,
        response: { 200: z.object({ cosignature: z.string(), size: z.number(), origin: z.string() }) },
      },
    },
    async (request) => {
      const proof = request.body.consistencyProof.map((h) => decodeBase64(h));
      if (proof.some((h) => h?.length !== HASH_SIZE)) throw new DomainError('WITNESS_MALFORMED');
      try {
        return await witness.addCheckpoint({
          oldSize: request.body.oldSize,
          consistencyProof: proof as Uint8Array[],
          checkpoint: request.body.checkpoint,
        });
      } catch (error) {
        throw ledgerProblem(error);
      }
    },
  );
}
