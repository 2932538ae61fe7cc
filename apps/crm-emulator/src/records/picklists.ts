import type { ModuleSpec } from '../modules';
import { moduleFields } from '../standard-fields';
import type { ItemResult } from './write';

/**
 * A standard picklist takes only the values it lists (`pick_list_values` of /settings/fields):
 * any other is `INVALID_DATA` naming the field; null or empty clears it. Custom fields are
 * checked with the other custom-field rules (custom-fields.ts).
 */
export function picklistFailure(
  spec: ModuleSpec,
  data: Record<string, unknown>,
  index: number,
): ItemResult | undefined {
  for (const field of moduleFields(spec)) {
    const value = data[field.apiName];
    if (!field.pickList || value === undefined || value === null || value === '') continue;
    if (typeof value === 'string' && field.pickList.includes(value)) continue;
    return {
      ok: false,
      body: {
        code: 'INVALID_DATA',
        details: { api_name: field.apiName, json_path: `$.data[${index}].${field.apiName}` },
        message: 'invalid data',
        status: 'error',
      },
    };
  }
  return undefined;
}
