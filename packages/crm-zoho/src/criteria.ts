import type { CrmCriteria } from '@kanjo/core';

/** Zoho reads `(`, `)` and `,` in a value as syntax: each is escaped with `\` (and so is `\`). */
export function escapeCriteriaValue(value: string): string {
  return value.replace(/[\\(),]/g, (ch) => `\\${ch}`);
}

/**
 * Conditions in the `criteria` syntax of `GET /{module}/search`: each
 * condition `(field:operator:value)`, a group of them in parentheses joined by
 * `and` or `or`.
 *
 * @example zohoCriteria({ any: [{ field: 'Account_Name', op: 'equals', value: 'Acme (Japan)' }] }) // '((Account_Name:equals:Acme \(Japan\)))'
 */
export function zohoCriteria(criteria: CrmCriteria): string {
  if ('all' in criteria) return `(${criteria.all.map(zohoCriteria).join('and')})`;
  if ('any' in criteria) return `(${criteria.any.map(zohoCriteria).join('or')})`;
  return `(${criteria.field}:${criteria.op}:${escapeCriteriaValue(criteria.value)})`;
}
