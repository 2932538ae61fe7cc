import type { CrmSyncEntity } from '../../db/schema';
import type { SyncContext } from './context';
import { deleteHoldsOfCrm, insertHolds, loadHolds, requeueFreed, type Hold } from './hold-store';
import { syncDb, writeUnit } from './page-write';

/** A Kanjo candidate of an ambiguous match. */
export interface HeldCandidate {
  localId: string;
  parentId: string | null;
}

/** The CRM record an ambiguous match is about. */
export interface HeldCrmRecord {
  entity: CrmSyncEntity;
  crmModule: string;
  crmId: string;
  crmName: string | null;
  /** What matched, e.g. `same normalised name サクラ商事`. */
  reason: string;
}

const books = new WeakMap<SyncContext, Promise<HoldBook>>();

/** The run's holds, read once on first use (see hold-store.ts for what a hold is). */
export function holdBook(ctx: SyncContext): Promise<HoldBook> {
  let book = books.get(ctx);
  if (!book) {
    book = loadHolds(syncDb(ctx), ctx.organizationId).then((holds) => new HoldBook(ctx, holds));
    books.set(ctx, book);
  }
  return book;
}

/**
 * The organization's holds as one run sees them: read once, kept in step with
 * the run's writes (a dry run changes only this memory, so its later steps see
 * what a real run would).
 */
export class HoldBook {
  /** Kanjo records (`entity:id`) this run reported as held: the push need not say it again. */
  readonly reported = new Set<string>();

  constructor(
    private readonly ctx: SyncContext,
    private holds: Hold[],
  ) {}

  ofCrm(crmModule: string, crmId: string): Hold[] {
    return this.holds.filter((h) => h.crmModule === crmModule && h.crmId === crmId);
  }

  /** The hold that keeps this Kanjo record (while unlinked) out of automatic sync, if any. */
  holding(entity: CrmSyncEntity, crmModule: string, localId: string): Hold | undefined {
    return this.holds.find(
      (h) => h.entity === entity && h.crmModule === crmModule && h.localId === localId,
    );
  }

  /** A hold a person made for this Kanjo record: it is not matched automatically. */
  keptApart(entity: CrmSyncEntity, crmModule: string, localId: string): Hold | undefined {
    return this.holds.find(
      (h) =>
        h.kind === 'kept_apart' &&
        h.entity === entity &&
        h.crmModule === crmModule &&
        h.localId === localId,
    );
  }

  /** Whether the Kanjo record is a candidate of another CRM record's ambiguous match. */
  heldElsewhere(entity: CrmSyncEntity, crmModule: string, localId: string, crmId: string) {
    return this.holds.some(
      (h) =>
        h.kind === 'ambiguous' &&
        h.entity === entity &&
        h.crmModule === crmModule &&
        h.localId === localId &&
        h.crmId !== crmId,
    );
  }

  /** Says once per run why a held Kanjo record is not sent to the CRM. */
  reportSend(hold: Hold): void {
    const key = `${hold.entity}:${hold.localId}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const crm = `${hold.crmModule} ${hold.crmId}${hold.crmName ? ` «${hold.crmName}»` : ''}`;
    this.ctx.recorder.add({
      entity: hold.entity,
      localId: hold.localId,
      crmModule: hold.crmModule,
      crmId: hold.crmId,
      action: hold.kind === 'ambiguous' ? 'held' : 'skipped',
      direction: 'outbound',
      reason:
        hold.kind === 'ambiguous'
          ? `not sent: a candidate of the ambiguous match of ${crm} (${hold.reason}), waiting for a person to choose`
          : `not sent: kept apart by a person from ${crm} (${hold.reason}) until linked again or released`,
    });
  }

  /** The CRM records of the module waiting for a choice. */
  ambiguousCrmIds(crmModule: string): string[] {
    const ids = this.holds.filter((h) => h.kind === 'ambiguous' && h.crmModule === crmModule);
    return [...new Set(ids.map((h) => h.crmId))];
  }

  /**
   * Holds a CRM record and its Kanjo candidates for a person; false when it
   * was already held with the same candidates (nothing new to report).
   * Candidates no longer in the match are let go (and queued).
   */
  async hold(crm: HeldCrmRecord, candidates: HeldCandidate[]): Promise<boolean> {
    const before = this.ambiguous(crm);
    const same =
      before.length === candidates.length &&
      before.every((h) => candidates.some((c) => c.localId === h.localId)) &&
      before.every((h) => h.reason === crm.reason);
    if (same) return false;
    const now = this.ctx.deps.clock().toISOString();
    const held: Hold[] = candidates.map((candidate) => ({
      entity: crm.entity,
      localId: candidate.localId,
      crmModule: crm.crmModule,
      crmId: crm.crmId,
      kind: 'ambiguous',
      crmName: crm.crmName,
      reason: crm.reason,
      parentId: candidate.parentId,
      decidedBy: null,
      createdAt: before.find((h) => h.localId === candidate.localId)?.createdAt ?? now,
    }));
    const freed = before.filter((h) => !candidates.some((c) => c.localId === h.localId));
    await this.write(crm, held, freed, now);
    return true;
  }

  /** Lets a CRM record's ambiguous match go (settled, or the record is gone): its candidates, queued. */
  async release(crm: Pick<HeldCrmRecord, 'crmModule' | 'crmId'>): Promise<Hold[]> {
    const freed = this.ambiguous(crm);
    if (freed.length === 0) return [];
    await this.write(crm, [], freed, this.ctx.deps.clock().toISOString());
    return freed;
  }

  private ambiguous(crm: Pick<HeldCrmRecord, 'crmModule' | 'crmId'>): Hold[] {
    return this.ofCrm(crm.crmModule, crm.crmId).filter((h) => h.kind === 'ambiguous');
  }

  private async write(
    crm: Pick<HeldCrmRecord, 'crmModule' | 'crmId'>,
    held: Hold[],
    freed: Hold[],
    now: string,
  ): Promise<void> {
    const { ctx } = this;
    if (!ctx.dryRun) {
      await writeUnit(ctx, async ({ trx }) => {
        await deleteHoldsOfCrm(trx, ctx.organizationId, { ...crm, kind: 'ambiguous' });
        await insertHolds(trx, ctx.organizationId, held);
        await requeueFreed(trx, ctx.organizationId, freed, now);
      });
    }
    this.holds = [
      ...this.holds.filter(
        (h) => !(h.kind === 'ambiguous' && h.crmModule === crm.crmModule && h.crmId === crm.crmId),
      ),
      ...held,
    ];
  }
}
