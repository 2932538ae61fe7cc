import type { Pathname } from '$app/types';

/** The shell's pages, in navigation order. */
export const SHELL_PATHS = [
  '/invoices',
  '/quotes',
  '/sales-orders',
  '/customers',
  '/items',
  '/settings',
] as const satisfies readonly Pathname[];

export type ShellPath = (typeof SHELL_PATHS)[number];

/**
 * Where to go after signing in: `?next=` when it names a shell page, else the
 * invoices. Matching a known list (not any path) keeps `next` from leading off-site.
 */
export function nextPath(url: URL): ShellPath {
  const next = url.searchParams.get('next');
  return SHELL_PATHS.find((path) => path === next) ?? '/invoices';
}
