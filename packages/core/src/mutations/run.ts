import * as v from 'valibot';
import { idSchema } from '../schemas/common';
import type { DocumentAutomation } from '../schemas/documents';
import { invoiceSendAction, quoteAction, salesOrderAction, voidInvoice } from './actions';
import type { MutationArgs, MutationName } from './args';
import { mutationArgs } from './args';
import { convertQuote, convertSalesOrder } from './convert';
import { createCustomer, deleteCustomer, patchCustomer } from './customer';
import { createDocument, deleteDocument, patchDocument } from './documents';
import { DomainError, issuesToFields, validationError } from './errors';
import { createItem, deleteItem, patchItem } from './item';
import { deletePayment, recordPayment } from './payment';
import { canRun } from './permissions';
import type { MutationContext, MutationHandler, Write } from './types';

const handlers: { [N in MutationName]: MutationHandler<MutationArgs<N>> } = {
  'customer.create': createCustomer,
  'customer.patch': patchCustomer,
  'customer.delete': deleteCustomer,
  'item.create': createItem,
  'item.patch': patchItem,
  'item.delete': deleteItem,
  'quote.create': (input) => createDocument('quote', input),
  'quote.patch': (input) => patchDocument('quote', input),
  'quote.delete': (input) => deleteDocument('quote', input),
  'quote.send': quoteAction('send'),
  'quote.accept': quoteAction('accept'),
  'quote.decline': quoteAction('decline'),
  'quote.expire': quoteAction('expire'),
  'quote.convert': convertQuote,
  'salesOrder.create': (input) => createDocument('salesOrder', input),
  'salesOrder.patch': (input) => patchDocument('salesOrder', input),
  'salesOrder.delete': (input) => deleteDocument('salesOrder', input),
  'salesOrder.confirm': salesOrderAction('confirm'),
  'salesOrder.close': salesOrderAction('close'),
  'salesOrder.void': salesOrderAction('void'),
  'salesOrder.convert': convertSalesOrder,
  'invoice.create': (input) => createDocument('invoice', input),
  'invoice.patch': (input) => patchDocument('invoice', input),
  'invoice.delete': (input) => deleteDocument('invoice', input),
  'invoice.issue': invoiceSendAction('issue'),
  'invoice.markSent': invoiceSendAction('markSent'),
  'invoice.void': voidInvoice,
  'payment.record': recordPayment,
  'payment.delete': deletePayment,
};

/**
 * The one write path: validates `args` with the mutation's schema
 * (VALIDATION_FAILED listing every failing field), checks the actor's role
 * (FORBIDDEN), then runs the mutation and returns the rows to write. Reads go
 * through `ctx.read`; nothing is written here — the caller persists the
 * writes (server: in its transaction; client: in its Dexie transaction).
 *
 * @example await runMutation('invoice.issue', invoiceId, {}, ctx) // [{ entity: 'invoice', op: 'put', … }]
 */
export async function runMutation(
  name: MutationName,
  entityId: string,
  args: unknown,
  ctx: MutationContext,
): Promise<Write[]> {
  return run(name, entityId, args, ctx);
}

async function run<N extends MutationName>(
  name: N,
  entityId: string,
  args: unknown,
  ctx: MutationContext,
): Promise<Write[]> {
  const id = v.safeParse(idSchema, entityId);
  if (!id.success) {
    throw validationError([{ path: 'entityId', message: id.issues[0].message }]);
  }
  const schema: v.GenericSchema<unknown, MutationArgs<N>> = mutationArgs[name];
  const parsed = v.safeParse(schema, args);
  if (!parsed.success) throw validationError(issuesToFields(parsed.issues).fields);
  if (!canRun(ctx.actor.role, name)) {
    throw new DomainError({
      code: 'FORBIDDEN',
      message: `Role ${ctx.actor.role} may not run ${name}`,
    });
  }
  const handler: MutationHandler<MutationArgs<N>> = handlers[name];
  const writes = await handler({ entityId, args: parsed.output, ctx });
  return ctx.automated ? writes : writes.map((write) => releaseAutomated(write, ctx));
}

const DOCUMENT_ENTITIES = new Set(['quote', 'salesOrder', 'invoice']);

/**
 * Once a person changes an automated document (edit, send, payment,
 * conversion, delete), deal changes no longer touch it. The mark is made here,
 * in the one write path, so no mutation can forget it.
 */
function releaseAutomated(write: Write, ctx: MutationContext): Write {
  if (!DOCUMENT_ENTITIES.has(write.entity)) return write;
  const row = write.row as { automation?: DocumentAutomation };
  if (!row.automation || row.automation.releasedAt) return write;
  const automation = { ...row.automation, releasedAt: ctx.now, releasedBy: ctx.actor.userId };
  return { ...write, row: { ...write.row, automation } as Write['row'] };
}
