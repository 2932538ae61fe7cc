import { redirect } from '@sveltejs/kit';
import type { LayoutLoad } from './$types';

/** Signed-in users have nothing to do on /login or /signup. */
export const load: LayoutLoad = async ({ parent }) => {
  const { me } = await parent();
  if (me) redirect(307, '/invoices');
};
