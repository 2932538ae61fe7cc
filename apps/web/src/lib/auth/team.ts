import { readJson, send } from '$lib/http/client';

/** userId → a name to show ("Aiko Sato" or the email), for the conflicts inbox. */
export type TeamNames = Map<string, string>;

/**
 * The organization's users, when the signed-in role may list them (owner,
 * admin). Others, or offline, get an empty map and see "a teammate".
 */
export async function loadTeamNames(): Promise<TeamNames> {
  try {
    const body = await readJson(await send({ method: 'GET', path: '/api/users' }));
    const items =
      typeof body === 'object' && body !== null && 'items' in body && Array.isArray(body.items)
        ? (body.items as unknown[])
        : [];
    const names: TeamNames = new Map();
    for (const item of items) {
      if (typeof item !== 'object' || item === null) continue;
      const { id, name, email } = item as Record<string, unknown>;
      const label = typeof name === 'string' && name ? name : email;
      if (typeof id === 'string' && typeof label === 'string') names.set(id, label);
    }
    return names;
  } catch {
    return new Map();
  }
}
