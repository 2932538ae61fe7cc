import {
  DomainError,
  type EntityName,
  isMutationName,
  newIdIssues,
  type PushRequest,
  type PushResponse,
  type PushResult,
  type Role,
  type SyncMutation,
  UUID_PATTERN,
  validationError,
} from '@kanjo/core';
import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { SyncResultTable } from '../db/schema';
import { isDatabaseFailure, storableText } from '../db/dialect';
import { ServiceError, forbidden } from '../errors';
import type { Logger } from '../log';
import { applyMutationIn } from '../mutations/apply-mutation';
import { commitWrite, type WriteDeps, type WriteTx } from '../mutations/committed';
import { mutationBodyHash } from './canonical-hash';

export interface PushInput {
  deps: WriteDeps;
  user: { id: string; organizationId: string; role: Role };
  request: PushRequest;
  now: Date;
  newId: () => string;
  log: Logger;
}

/**
 * Applies a client's outbox batch exactly once and in order, in ONE
 * IMMEDIATE transaction, so two identical pushes racing each other serialize
 * and the second only replays the first's stored results.
 *
 * - seq ≤ last_seq: replay the stored result; a different body is SEQ_REUSED (409, nothing applied).
 * - seq = last_seq + 1: apply it as one attempt (`attemptMutation`); a DomainError is stored as rejected and still
 *   advances last_seq (it is permanent), without any partial write.
 * - any other seq is a gap: stop there; the client resends.
 * - a database failure (busy, I/O, full disk, a trigger) rolls the whole push back: 503 TRY_AGAIN,
 *   since the same push may pass later; any other unexpected error is a defect that a resend
 *   would meet again: 500 PUSH_FAILED, never "try again".
 */
export async function pushMutations(input: PushInput): Promise<PushResponse> {
  const { request } = input;
  const mutations = [...request.mutations].sort((a, b) => a.seq - b.seq);
  try {
    return await commitWrite(input.deps, input.user.organizationId, async (tx) => {
      const { trx } = tx;
      let lastSeq = await bindClient(trx, input);
      const startSeq = lastSeq;
      const results: PushResult[] = [];
      // This push's results, stored together at its end (a seq sent twice in one push replays from here).
      const settled = new Map<number, StoredResult>();
      await readTargetsAhead(tx, input.user.organizationId, mutations);
      for (const mutation of mutations) {
        const hash = mutationBodyHash(mutation);
        if (mutation.seq <= lastSeq) {
          const stored = settled.get(mutation.seq);
          results.push(
            stored
              ? answerFrom(stored, mutation.seq, hash)
              : await replay(trx, request.clientId, mutation.seq, hash),
          );
          continue;
        }
        if (mutation.seq !== lastSeq + 1) break;
        const result = await applyOne(tx, input, mutation);
        settled.set(mutation.seq, storedResult(input, mutation, hash, result));
        results.push(result);
        lastSeq = mutation.seq;
      }
      await storeResults(trx, [...settled.values()]);
      if (lastSeq !== startSeq) {
        await trx
          .updateTable('sync_clients')
          .set({ last_seq: lastSeq, updated_at: input.now.toISOString() })
          .where('client_id', '=', request.clientId)
          .execute();
      }
      const cursor = await tx.seqOf(input.user.organizationId);
      return { lastSeq, results, cursor };
    });
  } catch (err) {
    if (err instanceof ServiceError) throw err;
    const transient = isDatabaseFailure(err);
    input.log.error('sync push rolled back', {
      clientId: request.clientId,
      error: String(err),
      ...(transient ? {} : { stack: err instanceof Error ? err.stack : undefined }),
    });
    if (transient)
      throw new ServiceError(
        'unavailable',
        'TRY_AGAIN',
        'The push was not applied; send it again.',
      );
    throw new ServiceError(
      'failed',
      'PUSH_FAILED',
      'The push was not applied: the server could not process it. Sending it again will not help until the server is fixed.',
    );
  }
}

/**
 * The rows the batch's mutations name, read with one query per entity
 * before the first mutation runs, instead of one read per mutation.
 */
async function readTargetsAhead(
  tx: WriteTx,
  organizationId: string,
  mutations: readonly SyncMutation[],
): Promise<void> {
  const ids = new Map<EntityName, string[]>();
  for (const { name, entityId } of mutations) {
    // Only ids that can exist: any other is refused or not found by its own mutation.
    if (!isMutationName(name) || !UUID_PATTERN.test(entityId)) continue;
    const entity = name.slice(0, name.indexOf('.')) as EntityName;
    const named = ids.get(entity);
    if (named) named.push(entityId);
    else ids.set(entity, [entityId]);
  }
  for (const [entity, named] of ids) await tx.readRowsAhead(organizationId, entity, named);
}

/** Binds a new clientId to this user; a clientId of another user is refused. Returns last_seq. */
async function bindClient(trx: Db, { request, user, now }: PushInput): Promise<number> {
  const found = await trx
    .selectFrom('sync_clients')
    .select(['user_id', 'last_seq'])
    .where('client_id', '=', request.clientId)
    .executeTakeFirst();
  if (found) {
    if (found.user_id !== user.id) throw forbidden('This clientId belongs to another user.');
    return found.last_seq;
  }
  await trx
    .insertInto('sync_clients')
    .values({
      client_id: request.clientId,
      organization_id: user.organizationId,
      user_id: user.id,
      last_seq: 0,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  return 0;
}

async function replay(trx: Db, clientId: string, seq: number, hash: string): Promise<PushResult> {
  const stored = await trx
    .selectFrom('sync_results')
    .select(['body_hash', 'status', 'code', 'message', 'version'])
    .where('client_id', '=', clientId)
    .where('seq', '=', seq)
    .executeTakeFirst();
  // Results are never pruned, so a settled seq always has one; answer "applied"
  // rather than blocking the outbox if that ever changes.
  if (!stored) return { seq, status: 'applied' };
  return answerFrom(stored, seq, hash);
}

/** The stored answer to a seq sent again; the same seq with another body is refused. */
function answerFrom(
  stored: Pick<StoredResult, 'body_hash' | 'status' | 'code' | 'message' | 'version'>,
  seq: number,
  hash: string,
): PushResult {
  if (stored.body_hash !== hash) {
    throw new ServiceError(
      'conflict',
      'SEQ_REUSED',
      `Mutation ${seq} of this client was already received with a different body.`,
      { seq },
    );
  }
  return {
    seq,
    status: stored.status,
    ...(stored.code !== null ? { code: stored.code } : {}),
    ...(stored.message !== null ? { message: stored.message } : {}),
    ...(stored.version !== null ? { version: stored.version } : {}),
  };
}

/**
 * One mutation as one attempt: a refused mutation leaves no partial write
 * (a number it allocated, say) while earlier ones in the push stay.
 */
async function applyOne(
  tx: WriteTx,
  input: PushInput,
  mutation: SyncMutation,
): Promise<PushResult> {
  const { seq, name } = mutation;
  if (!isMutationName(name)) {
    return {
      seq,
      status: 'rejected',
      code: 'VALIDATION_FAILED',
      message: `Unknown mutation ${name}`,
    };
  }
  // A new row's id comes from the client: it must be a UUID (core checks every id's form).
  const idIssues = newIdIssues(name, mutation.entityId, mutation.args, 'entityId');
  if (idIssues.length > 0) {
    const refusal = validationError(idIssues);
    return { seq, status: 'rejected', code: refusal.code, message: refusal.message };
  }
  try {
    const applied = await tx.attemptMutation(() =>
      applyMutationIn(tx, {
        organizationId: input.user.organizationId,
        actor: { userId: input.user.id, role: input.user.role },
        name,
        entityId: mutation.entityId,
        args: mutation.args ?? {},
        now: input.now,
        newId: input.newId,
        origin: { clientId: input.request.clientId, baseVersion: mutation.baseVersion },
      }),
    );
    return { seq, status: 'applied', version: applied.seq };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    return { seq, status: 'rejected', code: err.code, message: err.message };
  }
}

type StoredResult = Insertable<SyncResultTable>;

function storedResult(
  { request, now }: PushInput,
  mutation: SyncMutation,
  hash: string,
  result: PushResult,
): StoredResult {
  return {
    client_id: request.clientId,
    seq: mutation.seq,
    body_hash: hash,
    name: storableText(mutation.name),
    entity_id: storableText(mutation.entityId),
    status: result.status,
    code: result.code ?? null,
    message: result.message ?? null,
    version: result.version ?? null,
    args: result.status === 'rejected' ? JSON.stringify(mutation.args ?? null) : null,
    created_at: now.toISOString(),
  };
}

/** Rows per insert: far below both engines' limits on bound parameters (11 per row). */
const RESULTS_PER_INSERT = 500;

async function storeResults(trx: Db, results: readonly StoredResult[]): Promise<void> {
  for (let from = 0; from < results.length; from += RESULTS_PER_INSERT) {
    await trx
      .insertInto('sync_results')
      .values(results.slice(from, from + RESULTS_PER_INSERT))
      .execute();
  }
}
