import {
  DOCUMENT_CRM_MODULES,
  documentCrmFields,
  documentFieldsToCrm,
  valuesEqual,
  type CrmDocumentInput,
  type DocumentKind,
  type FlatFields,
  type RoundingMode,
} from '@kanjo/core';
import { decode } from '../../db/entities';
import type { CrmSyncEntity } from '../../db/schema';
import type { CrmOwner } from '../sync/acting-owner';
import type { SyncContext } from '../sync/context';
import { unqueuedMayExist } from '../sync/outbound';
import { linkedByMatchKey, loadLinksByLocalIds, matchKey, type CrmLink } from '../sync/link-store';
import {
  CUSTOMER_NOT_LINKED,
  loadQueuedDocuments,
  type QueuedDocument,
  readDocumentRows,
  unlinkedIssuedIds,
} from './queue';

export interface DocumentSend {
  localId: string;
  link: CrmLink | undefined;
  /** What is sent: every value for a new record, the changed ones otherwise. */
  fields: FlatFields;
  body: Record<string, unknown>;
  actorUserId: string | null;
  owner?: CrmOwner;
}

export interface DocumentWait {
  localId: string;
  reason: string;
  /** Reported already: it waits quietly until its customer is linked. */
  reported: boolean;
}

export interface DocumentWork {
  creates: DocumentSend[];
  updates: DocumentSend[];
  waits: DocumentWait[];
  /** Queued but nothing to send (gone, a draft again, unchanged, or its number taken). */
  settled: string[];
  /** Taken numbers, reported as skipped. */
  taken: { localId: string; reason: string }[];
}

/**
 * What one kind's run sends: the queued documents that are due, and — when
 * some may never have been queued (first run, rules or connection changed) —
 * every issued one without a link. Each is compared with its link's base
 * (what was sent last), so an unchanged document makes no write.
 */
export async function collectDocuments(
  ctx: SyncContext,
  kind: DocumentKind,
  { dueOnly, roundingMode }: { dueOnly: boolean; roundingMode: RoundingMode },
): Promise<DocumentWork> {
  const { db } = ctx.deps;
  const org = ctx.organizationId;
  const queued = await loadQueuedDocuments(db, org, kind, ctx.deps.clock().toISOString());
  const byId = new Map(queued.map((q) => [q.localId, q]));
  const ids = new Set(queued.filter((q) => !(dueOnly && q.backingOff)).map((q) => q.localId));
  if (await unqueuedMayExist(ctx)) {
    for (const id of await unlinkedIssuedIds(db, org, kind)) if (!byId.has(id)) ids.add(id);
  }
  const rows = await readDocumentRows(db, org, kind, [...ids]);
  const documents = new Map(rows.map((r) => [r.id, decode<typeof kind>(r.data, r.version)]));
  const links = await linksByLocalId(ctx, kind, [...ids]);
  const customers = await linksByLocalId(
    ctx,
    'customer',
    [...documents.values()].map((d) => d.customerId),
  );
  const work: DocumentWork = { creates: [], updates: [], waits: [], settled: [], taken: [] };
  for (const id of ids) {
    const document = documents.get(id);
    plan(work, {
      localId: id,
      input: document && ({ kind, document } as CrmDocumentInput),
      link: links.get(id),
      customer: document && customers.get(document.customerId),
      queued: byId.get(id),
      roundingMode,
    });
  }
  await dropTakenNumbers(ctx, kind, work);
  return work;
}

async function linksByLocalId(ctx: SyncContext, entity: CrmSyncEntity, ids: string[]) {
  const links = await loadLinksByLocalIds(ctx.deps.db, ctx.organizationId, entity, ids);
  return new Map(links.map((link) => [link.localId, link]));
}

/** One document's part of the run: a create, an update, a wait, or nothing to send. */
function plan(
  work: DocumentWork,
  doc: {
    localId: string;
    input: CrmDocumentInput | undefined;
    link: CrmLink | undefined;
    customer: CrmLink | undefined;
    queued: QueuedDocument | undefined;
    roundingMode: RoundingMode;
  },
): void {
  const { localId, input, link, customer } = doc;
  if (!input || (link && link.status !== 'linked')) {
    work.settled.push(localId);
    return;
  }
  if (customer?.status !== 'linked' || !isCustomerModule(customer.crmModule)) {
    const reported = doc.queued?.lastErrorCode === CUSTOMER_NOT_LINKED;
    const reason = `waits: its customer ${input.document.customerId} is not linked to the CRM`;
    work.waits.push({ localId, reason, reported });
    return;
  }
  const fields = documentCrmFields(input, {
    customer: { module: customer.crmModule, crmId: customer.crmId },
    roundingMode: doc.roundingMode,
  });
  const actorUserId = doc.queued?.actorUserId ?? null;
  if (!fields) {
    work.settled.push(localId);
  } else if (!link) {
    const body = documentFieldsToCrm(fields, { insert: true });
    work.creates.push({ localId, link, fields, body, actorUserId });
  } else {
    const changed = Object.fromEntries(
      Object.entries(fields).filter(([field, value]) => !valuesEqual(value, link.base[field])),
    );
    if (Object.keys(changed).length === 0) work.settled.push(localId);
    else {
      const body = documentFieldsToCrm(changed);
      work.updates.push({ localId, link, fields: changed, body, actorUserId });
    }
  }
}

const isCustomerModule = (module: string): module is 'Accounts' | 'Contacts' =>
  module === 'Accounts' || module === 'Contacts';

/**
 * An upsert by Subject would land on the CRM record already linked to
 * another Kanjo document of the same number (numbering restarted, say):
 * refused here, before any CRM call.
 */
async function dropTakenNumbers(ctx: SyncContext, kind: DocumentKind, work: DocumentWork) {
  const module = DOCUMENT_CRM_MODULES[kind];
  const subjects = work.creates.flatMap((send) => matchKey(send.fields.Subject) ?? []);
  const taken = await linkedByMatchKey(ctx.deps.db, ctx.organizationId, module, subjects);
  work.creates = work.creates.filter((send) => {
    const holder = taken.get(matchKey(send.fields.Subject) ?? '');
    if (holder === undefined || holder === send.localId) return true;
    const reason = `the CRM ${module} record with Subject ${String(send.fields.Subject)} is linked to ${kind} ${holder}`;
    work.taken.push({ localId: send.localId, reason });
    work.settled.push(send.localId);
    return false;
  });
}
