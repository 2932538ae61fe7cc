import { transition } from '../states';
import { invoiceTotals } from '../totals';
import type { MutationArgs } from './args';
import { nextStatus } from './document-rules';
import { DomainError, fieldError } from './errors';
import { assertAbsent, mustRead, newRowId, newRowStamps, put, softDelete, toRow } from './rows';
import type { MutationInput, Write } from './types';

/**
 * payment.record: writes the payment AND the invoice, whose amountPaid and
 * status (partially_paid / paid) move in the same mutation so they can never
 * disagree. The balance uses the organization's rounding mode, as displayed.
 */
export async function recordPayment({
  entityId,
  args,
  ctx,
}: MutationInput<MutationArgs<'payment.record'>>): Promise<Write[]> {
  const id = newRowId(entityId, args.id);
  await assertAbsent(ctx, 'payment', id);
  const invoice = await ctx.read('invoice', args.invoiceId);
  if (invoice === undefined) throw fieldError('invoiceId', 'Invoice not found');
  if (invoice.status !== 'issued' && invoice.status !== 'partially_paid') {
    throw new DomainError({
      code: 'INVALID_TRANSITION',
      message: `Cannot record a payment on a ${invoice.status} invoice`,
    });
  }
  const totals = invoiceTotals(invoice, { roundingMode: ctx.organization.roundingMode });
  if (args.amount > totals.balance) {
    throw new DomainError({
      code: 'OVERPAYMENT',
      message: `Payment ${args.amount} exceeds the balance ${totals.balance}`,
      details: { balance: totals.balance },
    });
  }
  const amountPaid = invoice.amountPaid + args.amount;
  const action = amountPaid >= totals.total ? 'payInFull' : 'payPartially';
  const status = nextStatus(transition('invoice', invoice.status, action));
  const payment = toRow('payment', { ...args, id, ...newRowStamps(ctx) });
  const updated = toRow('invoice', { ...invoice, amountPaid, status, updatedAt: ctx.now });
  return [put('payment', payment), put('invoice', updated)];
}

/** payment.delete: soft-deletes the payment and reverses the invoice's amountPaid and status. */
export async function deletePayment({ entityId, ctx }: MutationInput<unknown>): Promise<Write[]> {
  const payment = await mustRead(ctx, 'payment', entityId);
  const invoice = await ctx.read('invoice', payment.invoiceId);
  if (invoice === undefined) return [softDelete('payment', payment, ctx)];
  const amountPaid = Math.max(0, invoice.amountPaid - payment.amount);
  const { total } = invoiceTotals(invoice, { roundingMode: ctx.organization.roundingMode });
  const status =
    amountPaid >= total
      ? invoice.status
      : nextStatus(
          transition('invoice', invoice.status, amountPaid === 0 ? 'reopen' : 'reopenPartially'),
        );
  const updated = toRow('invoice', { ...invoice, amountPaid, status, updatedAt: ctx.now });
  return [softDelete('payment', payment, ctx), put('invoice', updated)];
}
