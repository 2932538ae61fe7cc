import type { Pathname, ResolvedPathname } from '$app/types';

/*
 * The app has more than 25 pathnames, and SvelteKit's `resolve()` then refuses a path held in a
 * variable (a union of them) — TypeScript relates a tuple of a union to a
 * union of tuples only up to 25 members (sveltejs/kit#15536). This overload
 * takes any known pathname, as the helpers in `documents/kinds.ts` return.
 */
declare module '$app/paths' {
  export function resolve(path: Pathname): ResolvedPathname;
}
