import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { serveEmulator, type ServedEmulator } from '../src/index';

const served: ServedEmulator[] = [];
afterEach(async () => {
  await Promise.all(served.splice(0).map((s) => s.close()));
});

async function start(port = 0) {
  const emulator = await serveEmulator({ db: new Database(':memory:'), port });
  served.push(emulator);
  return emulator;
}

describe('serveEmulator', () => {
  it('answers at its URL and names that URL as api_domain', async () => {
    const { url } = await start();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const creds = (await (
      await fetch(`${url}/__emulator/clients`, { method: 'POST' })
    ).json()) as Record<string, string>;
    const token = await fetch(`${url}/oauth/v2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: creds.client_id ?? '',
        client_secret: creds.client_secret ?? '',
        refresh_token: creds.refresh_token ?? '',
      }),
    });
    expect(await token.json()).toMatchObject({ api_domain: url, token_type: 'Bearer' });
  });

  it('answers an empty list with 204 and no Content-Type, as Zoho does', async () => {
    const { url } = await start();
    const creds = (await (
      await fetch(`${url}/__emulator/clients`, { method: 'POST' })
    ).json()) as Record<string, string>;
    const token = (await (
      await fetch(`${url}/oauth/v2/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: creds.client_id ?? '',
          client_secret: creds.client_secret ?? '',
          refresh_token: creds.refresh_token ?? '',
        }),
      })
    ).json()) as Record<string, string>;
    const empty = await fetch(`${url}/crm/v8/Accounts?fields=Account_Name`, {
      headers: { authorization: `Zoho-oauthtoken ${token.access_token ?? ''}` },
    });
    expect(empty.status).toBe(204);
    expect(empty.headers.get('content-type')).toBeNull();
    expect(await empty.text()).toBe('');
    const org = await fetch(`${url}/crm/v8/org`, {
      headers: { authorization: `Zoho-oauthtoken ${token.access_token ?? ''}` },
    });
    expect(org.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('rejects with EADDRINUSE when the port is taken', async () => {
    const first = await start();
    const port = Number(new URL(first.url).port);
    await expect(serveEmulator({ db: new Database(':memory:'), port })).rejects.toMatchObject({
      code: 'EADDRINUSE',
    });
  });

  it('frees its port on close, with a connection still open', async () => {
    const db = new Database(':memory:');
    const first = await serveEmulator({ db, port: 0 });
    const port = Number(new URL(first.url).port);
    // A keep-alive connection that close() has to drop.
    expect((await fetch(`${first.url}/__emulator/stats`)).status).toBe(200);
    await first.close();
    const again = await start(port);
    expect(again.url).toBe(first.url);
    // The caller owns the database: close() left it open.
    expect(db.open).toBe(true);
  });
});
