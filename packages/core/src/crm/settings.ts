import * as v from 'valibot';
import { customerFieldKeySchema } from '../schemas/organization';

/**
 * What an organization chose for its CRM sync: which CRM module
 * customers come from, how far sync goes, what happens to duplicates, which CRM
 * view, how fields map, and who wins a field changed on both sides.
 */

export const CUSTOMER_MODULES = ['accounts', 'contacts', 'accountsAndContacts'] as const;
export const SYNC_EXTENTS = ['fetch', 'both'] as const;
export const ITEM_MODES = ['off', 'fetch', 'both'] as const;
/** overwrite = merge into one record and link; skip = leave both apart; clone = add a second one. */
export const DUPLICATE_RULES = ['overwrite', 'skip', 'clone'] as const;
/** crmWins is the reference product's behaviour and the default. */
export const CONFLICT_RULES = ['crmWins', 'kanjoWins', 'ask'] as const;

export type CustomerModule = (typeof CUSTOMER_MODULES)[number];
export type SyncExtent = (typeof SYNC_EXTENTS)[number];
export type ItemMode = (typeof ITEM_MODES)[number];
export type DuplicateRule = (typeof DUPLICATE_RULES)[number];
export type ConflictRule = (typeof CONFLICT_RULES)[number];

/** Kanjo's side of a customer mapping: a field of the customer record. */
export const CUSTOMER_FIELD_PATHS = [
  'displayName',
  'companyName',
  'email',
  'phone',
  'mobile',
  'fax',
  'website',
  'notes',
  'billingAddress.street',
  'billingAddress.city',
  'billingAddress.state',
  'billingAddress.postalCode',
  'billingAddress.country',
  'shippingAddress.street',
  'shippingAddress.city',
  'shippingAddress.state',
  'shippingAddress.postalCode',
  'shippingAddress.country',
] as const;

/** Kanjo's side of a contact-person mapping (a Contact linked to an Account). */
export const CONTACT_PERSON_FIELD_PATHS = [
  'contact.firstName',
  'contact.lastName',
  'contact.email',
  'contact.phone',
  'contact.mobile',
] as const;

export type CustomerFieldPath = (typeof CUSTOMER_FIELD_PATHS)[number] | `customFields.${string}`;
export type ContactPersonFieldPath = (typeof CONTACT_PERSON_FIELD_PATHS)[number];

const customerFieldPathSchema = v.union([
  v.picklist(CUSTOMER_FIELD_PATHS),
  v.pipe(
    v.string(),
    v.startsWith('customFields.'),
    v.check(
      (path) => v.is(customerFieldKeySchema, path.slice('customFields.'.length)),
      'A custom field path is customFields.<key>',
    ),
  ),
]);

/** A CRM field's API name, e.g. `Account_Name` or an org's custom `Region`. */
const crmApiNameSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z][A-Za-z0-9_]{0,99}$/, 'A CRM field API name such as Account_Name'),
);

export const fieldMappingSchema = v.strictObject({
  kanjo: customerFieldPathSchema,
  crm: crmApiNameSchema,
});
export const contactMappingSchema = v.strictObject({
  kanjo: v.picklist(CONTACT_PERSON_FIELD_PATHS),
  crm: crmApiNameSchema,
});

export type FieldMapping = v.InferOutput<typeof fieldMappingSchema>;
export type ContactMapping = v.InferOutput<typeof contactMappingSchema>;

function uniqueSides(mappings: { kanjo: string; crm: string }[]): boolean {
  return (
    new Set(mappings.map((m) => m.kanjo)).size === mappings.length &&
    new Set(mappings.map((m) => m.crm)).size === mappings.length
  );
}

const mappingList = <T extends v.GenericSchema<{ kanjo: string; crm: string }>>(item: T) =>
  v.pipe(
    v.array(item),
    v.maxLength(60),
    v.check(uniqueSides, 'Each Kanjo field and each CRM field may be mapped once'),
  );

/** A CRM custom view id (`cvid`); null = the module's default "All" view. */
const viewIdSchema = v.nullable(v.pipe(v.string(), v.regex(/^\d{1,25}$/, 'A CRM view id')));

export const crmSyncSettingsSchema = v.strictObject({
  customers: v.strictObject({
    module: v.picklist(CUSTOMER_MODULES),
    /** accountsAndContacts: also Contacts without an Account, as individual customers. */
    includeUnlinkedContacts: v.boolean(),
    /**
     * "Search in CRM": a record outside the chosen view may still be
     * imported when a person picks it (rules saved before it existed: yes).
     */
    importOnDemand: v.optional(v.boolean(), true),
    extent: v.picklist(SYNC_EXTENTS),
    duplicates: v.picklist(DUPLICATE_RULES),
    views: v.strictObject({ accounts: viewIdSchema, contacts: viewIdSchema }),
    mapping: v.strictObject({
      /** Account ↔ customer. */
      accounts: mappingList(fieldMappingSchema),
      /** Contact linked to an Account ↔ the customer's contact person. */
      linkedContacts: mappingList(contactMappingSchema),
      /** Contact without an Account (or module `contacts`) ↔ an individual customer. */
      unlinkedContacts: mappingList(fieldMappingSchema),
    }),
  }),
  items: v.strictObject({
    mode: v.picklist(ITEM_MODES),
    duplicates: v.picklist(DUPLICATE_RULES),
    view: viewIdSchema,
  }),
  conflictRule: v.picklist(CONFLICT_RULES),
  automatic: v.strictObject({
    enabled: v.boolean(),
    intervalMinutes: v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(1440)),
  }),
});

export type CrmSyncSettings = v.InferOutput<typeof crmSyncSettingsSchema>;
