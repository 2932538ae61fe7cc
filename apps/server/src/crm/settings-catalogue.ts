import {
  ITEM_MAPPING,
  KANJO_CONTACT_FIELDS,
  kanjoCustomerFields,
  type CustomerFieldDefinition,
  type KanjoField,
  type KanjoFieldType,
} from '@kanjo/core';

/** The Kanjo records a CRM module maps to. */
export const KANJO_ENTITIES = ['customer', 'contactPerson', 'item'] as const;
export type KanjoEntity = (typeof KANJO_ENTITIES)[number];

/** A Kanjo field as the settings API lists it; custom fields carry their label. */
export interface KanjoFieldView {
  path: string;
  type: KanjoFieldType;
  custom: boolean;
  label?: string;
  maxLength?: number;
  options?: string[];
}

const ITEM_TYPES = { text: 'text', money: 'number', boolean: 'boolean' } as const;

function view(field: KanjoField, custom?: CustomerFieldDefinition): KanjoFieldView {
  return {
    path: field.path,
    type: field.type,
    custom: custom !== undefined,
    ...(custom ? { label: custom.label } : {}),
    ...(field.maxLength !== undefined ? { maxLength: field.maxLength } : {}),
    ...(field.options ? { options: [...field.options] } : {}),
  };
}

/**
 * Kanjo's side of a mapping for `entity`: the built-in fields and, for
 * customers, the organization's custom fields. Items map by a fixed rule.
 *
 * @example
 * kanjoFieldCatalogue('customer', org.customerFields).find((f) => f.path === 'customFields.region');
 */
export function kanjoFieldCatalogue(
  entity: KanjoEntity,
  customerFields: readonly CustomerFieldDefinition[],
): KanjoFieldView[] {
  if (entity === 'contactPerson') return KANJO_CONTACT_FIELDS.map((field) => view(field));
  if (entity === 'item') {
    return ITEM_MAPPING.map((entry) => ({
      path: entry.kanjo,
      type: ITEM_TYPES[entry.kind],
      custom: false,
    }));
  }
  const byPath = new Map(customerFields.map((field) => [`customFields.${field.key}`, field]));
  return kanjoCustomerFields(customerFields).map((field) => view(field, byPath.get(field.path)));
}
