import type { Customer, Deal, Item, Payment } from '@kanjo/core';
import { local } from '$lib/db';
import type { AnyDocument, DocumentKind } from './kinds';

/** Every document of a kind on this device. */
export function readDocuments(kind: DocumentKind): Promise<AnyDocument[]> {
  const db = local();
  if (kind === 'invoice') return db.invoices.toArray();
  if (kind === 'quote') return db.quotes.toArray();
  return db.salesOrders.toArray();
}

/** One document, or undefined when it is not (or no longer) on this device. */
export function readDocument(kind: DocumentKind, id: string): Promise<AnyDocument | undefined> {
  const db = local();
  if (kind === 'invoice') return db.invoices.get(id);
  if (kind === 'quote') return db.quotes.get(id);
  return db.salesOrders.get(id);
}

/**
 * A list's documents and only the customers they name: a live list of ten
 * invoices must not read (and re-read on every synced page) thirty thousand
 * customers. Dexie watches just these keys, so a pulled customer the list
 * does not show wakes nothing.
 */
export async function readDocumentList(
  kind: DocumentKind,
): Promise<{ docs: AnyDocument[]; customers: Customer[] }> {
  const docs = await readDocuments(kind);
  const ids = [...new Set(docs.map((doc) => doc.customerId))];
  const found = await local().customers.bulkGet(ids);
  return { docs, customers: found.filter((customer) => customer !== undefined) };
}

export function readCustomers(): Promise<Customer[]> {
  return local().customers.toArray();
}

/** Items that can go on a new line, by name. */
export async function readActiveItems(): Promise<Item[]> {
  const items = await local().items.toArray();
  return items.filter((item) => item.active).sort((a, b) => a.name.localeCompare(b.name));
}

/** An invoice's payments, oldest first. */
export async function readPayments(invoiceId: string): Promise<Payment[]> {
  const payments = await local()
    .payments.filter((payment) => payment.invoiceId === invoiceId)
    .toArray();
  return payments.sort((a, b) =>
    a.date === b.date ? a.createdAt.localeCompare(b.createdAt) : a.date.localeCompare(b.date),
  );
}

/** A customer's cached CRM deals (only synced customers have any), unsorted. */
export function readCustomerDeals(customerId: string): Promise<Deal[]> {
  if (!customerId) return Promise.resolve([]);
  return local().deals.where('customerId').equals(customerId).toArray();
}

/** One cached deal, wrapped so "not cached" (`row: undefined`) differs from "still loading". */
export async function readDeal(id: string): Promise<{ row: Deal | undefined }> {
  return { row: id ? await local().deals.get(id) : undefined };
}

/** Whether any CRM deal reached this device: the organization syncs a CRM. */
export async function hasCachedDeals(): Promise<boolean> {
  return (await local().deals.limit(1).count()) > 0;
}
