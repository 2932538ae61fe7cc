import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Store, User } from '../store';

const COOKIE = 'crm_as';

/**
 * The user the web UI acts as: `?as=<user id>` switches (and is remembered in
 * a cookie), else the cookie's, else the admin. Only for the demo's viewer
 * switch; the UI's writes stay the admin's.
 */
export function actingUser(c: Context, store: Store): User {
  const asked = c.req.query('as');
  const chosen = asked ? store.findUser(asked) : undefined;
  if (chosen) {
    setCookie(c, COOKIE, chosen.id, { path: '/', sameSite: 'Lax', httpOnly: true });
    return chosen;
  }
  const remembered = getCookie(c, COOKIE);
  return (remembered && store.findUser(remembered)) || store.admin();
}
