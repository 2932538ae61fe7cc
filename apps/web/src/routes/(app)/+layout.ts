import { redirect } from '@sveltejs/kit';
import type { LayoutLoad } from './$types';

/** The shell is for signed-in users only; everyone else goes to /login. */
export const load: LayoutLoad = async ({ parent, url }) => {
  const { me } = await parent();
  if (!me) {
    const next = url.pathname === '/invoices' ? '' : `?next=${encodeURIComponent(url.pathname)}`;
    redirect(307, `/login${next}`);
  }
  return { me };
};
