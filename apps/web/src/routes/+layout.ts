import { NetworkError } from '$lib/http/client';
import { getMe } from '$lib/auth/auth-api';
import { i18n, isLocale } from '$lib/i18n/locale.svelte';
import type { LayoutLoad } from './$types';

// The PWA is a client-only single-page app: no server rendering, no prerendering.
export const ssr = false;
export const prerender = false;

/** Who is signed in. Re-run after login and logout via `invalidate('app:session')`. */
export const load: LayoutLoad = async ({ depends }) => {
  depends('app:session');
  try {
    const me = await getMe();
    // The account's language follows the user from device to device.
    if (me && isLocale(me.user.locale)) i18n.set(me.user.locale);
    return { me, offline: false };
  } catch (error) {
    if (error instanceof NetworkError) return { me: null, offline: true };
    throw error;
  }
};
