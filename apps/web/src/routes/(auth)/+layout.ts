import { redirect } from '@sveltejs/kit';
import { settleCachedSession } from '$lib/sync';
import type { LayoutLoad } from './$types';

/**
 * Signed-in users have nothing to do on /login or /signup. When the server
 * answered, a cached session it no longer knows ends here (its data leaves
 * the device, its unsent edits are offered on the login page).
 */
export const load: LayoutLoad = async ({ parent }) => {
  const { me, offline } = await parent();
  if (!offline) await settleCachedSession(me);
  if (me) redirect(307, '/invoices');
};
