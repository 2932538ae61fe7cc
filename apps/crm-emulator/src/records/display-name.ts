import type { ModuleSpec } from '../modules';

/**
 * The name Zoho shows for a record (the recycle bin's `display_name`): a Contact's is the
 * person's name, First_Name then Last_Name; any other record's is its name field
 * (Account_Name, Deal_Name, Product_Name, a sales document's Subject).
 */
export function displayName(spec: ModuleSpec, data: Record<string, unknown>): string {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  if (spec.apiName === 'Contacts') {
    return [text(data.First_Name), text(data.Last_Name)].filter(Boolean).join(' ');
  }
  return text(data[spec.duplicateField]);
}
