import type { Context } from 'hono';
import { ZohoError } from './errors';
import { moduleNames, moduleSpec, type ModuleSpec } from './modules';

/** Zoho's answer to a request without a parameter it needs. */
export const missingParam = (param: string) =>
  new ZohoError('REQUIRED_PARAM_MISSING', 'One of the expected parameter is missing', 400, {
    param_name: param,
  });

/**
 * The module a `?module=` parameter names: `REQUIRED_PARAM_MISSING` without one,
 * `INVALID_MODULE` naming the parameter for an unknown one.
 */
export function queryModule(c: Context): { spec: ModuleSpec; index: number } {
  const name = c.req.query('module');
  if (!name) throw missingParam('module');
  const apiName = moduleNames.find((m) => m.toLowerCase() === name.toLowerCase());
  if (!apiName) {
    throw new ZohoError('INVALID_MODULE', 'the module name given seems to be invalid', 400, {
      param_name: 'module',
    });
  }
  return { spec: moduleSpec(apiName), index: moduleNames.indexOf(apiName) };
}

/**
 * An id in the path: Zoho's ids are digits, anything else is `INVALID_DATA` naming the
 * path part (`resource_path_index` counts the parts after `/crm/v8/` from 0).
 */
export function pathId(raw: string, resourcePathIndex: number): string {
  if (!/^\d+$/.test(raw)) {
    throw new ZohoError('INVALID_DATA', 'the id given seems to be invalid', 400, {
      resource_path_index: resourcePathIndex,
    });
  }
  return raw;
}
