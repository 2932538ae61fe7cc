import { redirect } from '@sveltejs/kit';
import { offlineSession } from '$lib/sync/offline-session';
import { openLocal } from '$lib/db';
import { settleCachedSession } from '$lib/sync';
import type { LayoutLoad } from './$types';

/**
 * The shell is for signed-in users only; everyone else goes to /login.
 * Offline, the server cannot say who is signed in, so the last signed-in
 * user of this device is trusted until it can, for 7 days since the server
 * last confirmed them: the data is theirs and local. Online, a cached
 * session the server no longer knows ends here (its data leaves the device).
 */
export const load: LayoutLoad = async ({ parent, url }) => {
  const { me: fromServer, offline } = await parent();
  if (!offline) await settleCachedSession(fromServer);
  const me = fromServer ?? (offline ? offlineSession.recall() : null);
  if (!me) {
    const next = url.pathname === '/invoices' ? '' : `?next=${encodeURIComponent(url.pathname)}`;
    redirect(307, `/login${next}`);
  }
  if (fromServer) offlineSession.remember(fromServer);
  // Pages read only from the local database, so it is open before any renders.
  await openLocal({ user: me.user, organization: me.organization });
  return { me };
};
