import {
  applyContactFields,
  buildMatchIndex,
  composeIndividualName,
  contactFields,
  crmToContact,
  findMatch,
  firstLinkMerge,
  mergeRecord,
  normalizeValue,
  type ContactMapping,
  type ContactPerson,
  type ContactPersonInput,
  type CrmRecord,
  type EntityRowMap,
  type FlatFields,
} from '@kanjo/core';
import {
  commitRecord,
  readByCrmIds,
  linkMaps,
  readByLocalIds,
  readLinksByCrmIds,
  readLinksByLocalIds,
  type EntityState,
  type LinkMaps,
  type SyncContext,
} from './context';
import { errorInfo } from './errors';
import { holdIfAmbiguous } from './inbound-holds';
import { clearInboundFailure, gaveUpReason, givenUp, noteInboundFailure } from './inbound-failures';
import {
  Matcher,
  agreedBase,
  changesOf,
  heldFields,
  recordConflicts,
  reconcilePage,
  sameLink,
  timeOf,
  type ReconcilePage,
} from './inbound';
import { loadCursor } from './cursors-store';
import { PersonBatch } from './person-batch';
import { syncDb } from './page-write';
import { type CrmLink } from './links-store';
import type { RunItem } from './run-store';
import { earlierTime, laterTime } from './times';

export type Customer = EntityRowMap['customer'];

const PERSON_LINKS = { entity: 'contactPerson', crmModule: 'Contacts' } as const;

/** A Contact's `Account_Name` lookup answers `{ id, name }`: the Account's id, if any. */
export function accountIdOf(record: CrmRecord): string | null {
  const lookup = record.Account_Name;
  if (typeof lookup !== 'object' || lookup === null || !('id' in lookup)) return null;
  return lookup.id === null || lookup.id === undefined ? null : String(lookup.id);
}

const text = (value: unknown): string | null => {
  const normal = normalizeValue(value);
  return normal === null ? null : String(normal);
};

type PersonRoute =
  | { person: CrmLink | undefined }
  /** `entity`: what the skipped Contact would have become. */
  | { skip: string; entity: 'customer' | 'contactPerson' };
type Route = PersonRoute | { individual: true };

/** What a page's Contacts came to: the newest done, the oldest failed. */
interface Tally {
  newest: string | null;
  failedAt: string | null;
}

/**
 * Accounts and their Contacts: a CRM Contact whose `Account_Name` points
 * to a linked Account ↔ a contact person of that Account's customer (link
 * entity `contactPerson`, local id = the person's id, parent = the customer).
 * Contacts without an Account become individual customers through the
 * generic engine, only when `includeUnlinkedContacts`; otherwise they are
 * skipped. The Contacts read runs after the Accounts read, so lookups resolve.
 */
export class ContactPersonSync {
  readonly maps: LinkMaps;
  private readonly matcher: Matcher;
  /** New persons of one customer waiting to be written together (see PersonBatch). */
  private batch: PersonBatch | undefined;

  private constructor(
    private readonly ctx: SyncContext,
    /** Accounts ↔ business customers. */
    readonly accounts: EntityState,
    /** Contacts ↔ individual customers: whose read (module, cursor, view) this uses. */
    readonly contacts: EntityState,
    /**
     * Contacts were never read before this run (a first sync, or the module just
     * chosen): every linked customer's persons are compared, not only the queued.
     */
    readonly firstContactsRead: boolean,
  ) {
    this.maps = linkMaps();
    this.matcher = new Matcher(ctx, contacts);
  }

  /** Undefined unless the module is `accountsAndContacts` and both states are there. */
  static async load(
    ctx: SyncContext,
    states: EntityState[],
  ): Promise<ContactPersonSync | undefined> {
    if (ctx.settings.customers.module !== 'accountsAndContacts') return undefined;
    const accounts = states.find((s) => s.adapter.module === 'Accounts');
    const contacts = states.find((s) => s.adapter.module === 'Contacts');
    if (!accounts || !contacts) return undefined;
    const cursor = await loadCursor(ctx.deps.db, ctx.organizationId, 'Contacts');
    return new ContactPersonSync(ctx, accounts, contacts, cursor.modifiedSince === null);
  }

  /** Reads the person links of these CRM Contacts. */
  async readPersonsByCrm(crmIds: readonly string[]): Promise<void> {
    await readLinksByCrmIds(this.ctx, this.maps, PERSON_LINKS, crmIds);
  }

  /** Reads the links of these contact persons. */
  async readPersonsByLocal(personIds: readonly string[]): Promise<void> {
    await readLinksByLocalIds(this.ctx, this.maps, PERSON_LINKS, personIds);
  }

  /** What routing and merging a page of Contacts needs: their links, accounts and customers. */
  private async readFor(records: CrmRecord[]): Promise<void> {
    const ids = records.map((record) => String(record.id));
    await readByCrmIds(this.ctx, this.contacts, ids);
    await this.readPersonsByCrm(ids);
    const accountIds = records.flatMap((record) => accountIdOf(record) ?? []);
    await readByCrmIds(this.ctx, this.accounts, accountIds);
    const parents = ids.flatMap((id) => this.maps.byCrmId.get(id)?.parentId ?? []);
    await readByLocalIds(this.ctx, this.accounts, parents);
    // The links of the persons a new Contact may match, for the whole page at once.
    const customers = accountIds.flatMap((id) => {
      const link = this.accounts.byCrmId.get(id);
      return (link && (this.accounts.rows.get(link.localId) as Customer | undefined)) ?? [];
    });
    await this.readPersonsByLocal(customers.flatMap((c) => c.contactPersons.map((p) => p.id)));
  }

  /** The Contacts read's reconcile, for that state only. */
  readerOf(state: EntityState): ReconcilePage | undefined {
    return state === this.contacts ? this.reconcile : undefined;
  }

  /** Unlinks deleted Contacts that were contact persons, for the Contacts state only. */
  deletionsOf(state: EntityState) {
    return state === this.contacts ? this.markDeleted : undefined;
  }

  get mappings(): readonly ContactMapping[] {
    // The settings schema checks each Kanjo side against CONTACT_PERSON_FIELD_PATHS.
    return this.ctx.settings.customers.mapping.linkedContacts as readonly ContactMapping[];
  }

  /** The reconcile for the Contacts read: each record to its contact person or individual. */
  readonly reconcile: ReconcilePage = async (records) => {
    const tally: Tally = { newest: null, failedAt: null };
    const individuals: CrmRecord[] = [];
    await this.readFor(records);
    for (const record of records) {
      // The same Contact again (a page re-read): its route needs the batch written.
      if (this.batch?.has(String(record.id))) await this.flushBatch(tally);
      const route = this.route(record);
      if (await givenUp(this.ctx, this.contacts, String(record.id), timeOf(record))) continue;
      if ('individual' in route) {
        individuals.push(record);
        continue;
      }
      const adds = await this.addsOnly(record, route);
      if (adds?.id !== this.batch?.customer.id) await this.flushBatch(tally);
      await this.one(record, route, tally, adds !== undefined);
    }
    await this.flushBatch(tally);
    const rest = await reconcilePage(this.ctx, this.contacts, this.matcher, individuals);
    return {
      newest: laterTime(tally.newest, rest.newest),
      failedAt:
        tally.failedAt === null ? rest.failedAt : earlierTime(tally.failedAt, rest.failedAt),
    };
  };

  /** One Contact routed to a person (or skipped); `stage`: it joins its customer's batch. */
  private async one(record: CrmRecord, route: PersonRoute, tally: Tally, stage = false) {
    try {
      if ('skip' in route) {
        this.add(record, { action: 'skipped', reason: route.skip, entity: route.entity });
      } else if ((await this.reconcileOne(record, route.person, stage)) === 'staged') return;
      await this.cameIn(record, tally);
    } catch (error) {
      await this.failed(record, error, tally);
    }
  }

  private async cameIn(record: CrmRecord, tally: Tally): Promise<void> {
    await clearInboundFailure(this.ctx, this.contacts, String(record.id));
    tally.newest = laterTime(tally.newest, timeOf(record));
  }

  private async failed(record: CrmRecord, error: unknown, tally: Tally): Promise<void> {
    const { code, message } = errorInfo(error);
    const time = timeOf(record);
    const failure = { crmId: String(record.id), modifiedTime: time, code, message };
    const note = await noteInboundFailure(this.ctx, this.contacts, failure);
    const reason = note.holds ? undefined : gaveUpReason(note.attempts);
    this.add(record, { action: 'failed', errorCode: code, errorMessage: message, reason });
    if (!note.holds) tally.newest = laterTime(tally.newest, time);
    else if (time !== null) {
      tally.failedAt = tally.failedAt === null ? time : earlierTime(time, tally.failedAt);
    }
  }

  /**
   * The customer a new Contact of a linked Account only adds a person to: one
   * without unlinked persons, so nothing is matched or held.
   */
  private async addsOnly(record: CrmRecord, route: PersonRoute): Promise<Customer | undefined> {
    if (!('person' in route) || route.person !== undefined) return undefined;
    const account = this.accounts.byCrmId.get(accountIdOf(record) ?? '');
    const customer = account && (this.accounts.rows.get(account.localId) as Customer | undefined);
    if (!customer) return undefined;
    await this.readPersonsByLocal(customer.contactPersons.map((person) => person.id));
    return customer.contactPersons.every((p) => this.maps.links.has(p.id)) ? customer : undefined;
  }

  /**
   * Writes the batch's persons in one patch of their customer. When that
   * fails, each Contact comes in alone as it would have without the batch, so
   * the one that cannot fails alone.
   */
  private async flushBatch(tally: Tally): Promise<void> {
    const batch = this.batch;
    this.batch = undefined;
    if (!batch) return;
    try {
      await commitRecord(this.ctx, this.accounts, batch.work(), this.maps);
    } catch {
      for (const { record } of batch.staged) await this.one(record, { person: undefined }, tally);
      return;
    }
    for (const { record, item } of batch.staged) {
      try {
        this.add(record, item);
        await this.cameIn(record, tally);
      } catch (error) {
        await this.failed(record, error, tally);
      }
    }
  }

  /** Marks the link of a Contact deleted in the CRM (the person is kept); true when it was one. */
  readonly markDeleted = async (crmId: string, time: string | null): Promise<boolean> => {
    await this.readPersonsByCrm([crmId]);
    const link = this.maps.byCrmId.get(crmId);
    if (!link) return false;
    if (link.status !== 'linked') return true;
    await commitRecord(
      this.ctx,
      this.accounts,
      { link: { ...link, status: 'crm_deleted' } },
      this.maps,
    );
    this.ctx.recorder.add({
      ...this.itemBase(crmId),
      action: 'unlinked',
      reason: `deleted in the CRM${time ? ` at ${time}` : ''}: the contact person is kept`,
    });
    return true;
  };

  private route(record: CrmRecord): Route {
    const crmId = String(record.id);
    if (this.contacts.byCrmId.has(crmId)) return { individual: true };
    const person = this.maps.byCrmId.get(crmId);
    if (person) return { person };
    const accountId = accountIdOf(record);
    if (accountId === null) {
      return this.ctx.settings.customers.includeUnlinkedContacts
        ? { individual: true }
        : {
            skip: 'no account: contacts without one are not imported (includeUnlinkedContacts)',
            entity: 'customer',
          };
    }
    if (this.accounts.byCrmId.get(accountId)?.status === 'linked') return { person: undefined };
    return {
      skip: `its account ${accountId} is not linked to a Kanjo customer`,
      entity: 'contactPerson',
    };
  }

  private async reconcileOne(
    record: CrmRecord,
    link: CrmLink | undefined,
    stage: boolean,
  ): Promise<'staged' | undefined> {
    const remote = crmToContact(record, this.mappings);
    if (link) {
      await this.mergeLinked(record, link, remote);
      return;
    }
    const accountId = accountIdOf(record) ?? '';
    const account = this.accounts.byCrmId.get(accountId);
    const customer = account && (this.accounts.rows.get(account.localId) as Customer | undefined);
    if (!customer) {
      this.add(record, { action: 'skipped', reason: 'its customer was deleted in Kanjo' });
      return;
    }
    await this.readPersonsByLocal(customer.contactPersons.map((person) => person.id));
    return this.linkOrAdd(record, customer, remote, stage);
  }

  /** Three-way merge of a linked contact person, as for customers. */
  private async mergeLinked(record: CrmRecord, link: CrmLink, remote: FlatFields) {
    if (link.status !== 'linked') return;
    const holder = await this.holder(link.localId, link.parentId ?? null);
    if (!holder) {
      this.add(record, { action: 'skipped', reason: 'deleted in Kanjo: not re-created' });
      return;
    }
    const local = contactFields(holder.person, this.mappings);
    const merge = mergeRecord({
      base: link.base,
      local,
      remote,
      rule: this.ctx.settings.conflictRule,
      extent: this.accounts.adapter.extent,
    });
    const changed = Object.keys(merge.toLocal).length > 0;
    const merged: CrmLink = {
      ...link,
      parentId: holder.customer.id,
      base: agreedBase(merge, remote),
      ...heldFields(merge),
      crmModifiedTime: timeOf(record) ?? link.crmModifiedTime,
    };
    // Read again with nothing new: nothing to write.
    if (changed || !sameLink(link, merged)) {
      await this.commit(
        holder.customer,
        changed ? applyContactFields(holder.person, merge.toLocal) : undefined,
        merged,
      );
    }
    if (changed) {
      this.add(record, { action: 'updated', changes: changesOf(merge.toLocal, local) });
    }
    recordConflicts(this.ctx, this.itemBase(String(record.id)), merge);
  }

  /** An unlinked Contact of a linked Account: matched by email, then name, else added. */
  private async linkOrAdd(
    record: CrmRecord,
    customer: Customer,
    remote: FlatFields,
    stage: boolean,
  ): Promise<'staged' | undefined> {
    const free = customer.contactPersons.filter((p) => !this.maps.links.has(p.id));
    const index = buildMatchIndex(
      free.map((p) => ({
        id: p.id,
        name: personName(p),
        email: p.email ?? null,
        phone: p.phone ?? null,
      })),
    );
    const name = composeIndividualName({
      firstName: text(record.First_Name),
      lastName: text(record.Last_Name),
    });
    const keys = { email: text(record.Email), name, phone: text(record.Phone) };
    const match = free.length === 0 ? null : findMatch(keys, index);
    // Ambiguous: neither the Contact nor any candidate person is linked, added or sent.
    const held = await holdIfAmbiguous(this.ctx, {
      target: {
        entity: 'contactPerson',
        crmModule: 'Contacts',
        crmId: String(record.id),
        direction: 'inbound',
      },
      crmName: name || null,
      match,
      describe: (id) => {
        const person = free.find((p) => p.id === id);
        return { name: person ? personName(person) : null, parentId: customer.id };
      },
    });
    // (An ambiguous match is always held; the second test narrows the type.)
    if (held || (match && 'ambiguous' in match)) return;
    const rule = this.ctx.settings.customers.duplicates;
    const matched = match ? free.find((p) => p.id === match.id) : undefined;
    const linkOf = (localId: string, base: FlatFields, status: CrmLink['status'], why: string) => ({
      entity: 'contactPerson' as const,
      localId,
      crmModule: 'Contacts',
      crmId: String(record.id),
      crmModifiedTime: timeOf(record),
      base,
      status,
      held: [],
      linkedReason: why,
      parentId: customer.id,
    });
    if (match && matched && rule === 'skip') {
      const reason = `${match.detail}: kept apart by the duplicates rule "skip"`;
      // Remembered, so the Kanjo person is not pushed onto this Contact later.
      await this.commit(customer, undefined, linkOf(matched.id, {}, 'skipped', reason));
      this.add(record, { localId: matched.id, action: 'skipped', reason });
      return;
    }
    if (match && matched && rule === 'overwrite') {
      const local = contactFields(matched, this.mappings);
      const extent = this.accounts.adapter.extent;
      const merge = firstLinkMerge({ local, remote, extent });
      const changed = Object.keys(merge.toLocal).length > 0;
      const person = changed ? applyContactFields(matched, merge.toLocal) : undefined;
      const base = agreedBase(merge, remote);
      await this.commit(customer, person, linkOf(matched.id, base, 'linked', match.detail));
      const changes = changesOf(merge.toLocal, local);
      this.add(record, { localId: matched.id, action: 'linked', changes, reason: match.detail });
      return;
    }
    const id = this.ctx.deps.newId();
    const why = match ? `cloned: ${match.detail}` : 'new';
    const person = { ...applyContactFields(undefined, remote), id };
    // The base is what the CRM holds: Kanjo now holds the same.
    const link = linkOf(id, remote, 'linked', why);
    const item = { localId: id, action: 'added' as const, changes: changesOf(remote, {}) };
    // Staged only with nothing to match (see addsOnly): written with its customer's batch.
    if (stage && !match) {
      (this.batch ??= new PersonBatch(customer)).add({ record, person, link, item });
      return 'staged';
    }
    await this.commit(customer, person, link);
    this.add(record, item);
  }

  /** The customer holding a contact person: its remembered parent first, then any that does. */
  private async holder(personId: string, parentId: string | null) {
    const holds = (row: unknown) => {
      const customer = row as Customer | undefined;
      const person = customer?.contactPersons.find((p) => p.id === personId);
      return customer && person ? { customer, person } : undefined;
    };
    const parent = parentId === null ? undefined : holds(this.accounts.rows.get(parentId));
    if (parent) return parent;
    // Rare (a person no longer in its remembered customer): the customers naming its id.
    const naming = await syncDb(this.ctx)
      .selectFrom('customers')
      .select('id')
      .where('organization_id', '=', this.ctx.organizationId)
      .where('deleted_at', 'is', null)
      .where('data', 'like', `%${personId}%`)
      .execute();
    await readByLocalIds(
      this.ctx,
      this.accounts,
      naming.map((row) => row.id),
    );
    for (const { id } of naming) {
      const found = holds(this.accounts.rows.get(id));
      if (found) return found;
    }
    return undefined;
  }

  /** Writes a person into its customer (replacing the one with its id) and the link, together. */
  private async commit(customer: Customer, person: ContactPersonInput | undefined, link: CrmLink) {
    const mutation = person && {
      name: 'customer.patch' as const,
      entityId: customer.id,
      args: { contactPersons: withPerson(customer.contactPersons, person) },
    };
    await commitRecord(this.ctx, this.accounts, { mutation, link }, this.maps);
  }

  private itemBase(crmId: string) {
    return {
      entity: 'contactPerson' as const,
      localId: this.maps.byCrmId.get(crmId)?.localId ?? null,
      crmModule: 'Contacts',
      crmId,
      direction: 'inbound' as const,
    };
  }

  private add(record: CrmRecord, item: Partial<RunItem> & Pick<RunItem, 'action'>) {
    this.ctx.recorder.add({ ...this.itemBase(String(record.id)), ...item });
  }
}

const personName = (person: ContactPerson) =>
  composeIndividualName({ firstName: person.firstName, lastName: person.lastName });

function withPerson(persons: ContactPerson[], person: ContactPersonInput): ContactPersonInput[] {
  const at = persons.findIndex((p) => p.id === person.id);
  return at < 0 ? [...persons, person] : persons.map((p, i) => (i === at ? person : p));
}
