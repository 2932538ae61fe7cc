import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { hashSecret } from '../src/auth/session';
import { Browser, countStatuses } from './browser';
import { makeTestApp, signUp } from './helpers';

const WRONG = 'wrong password!';

function attempts(n: number, send: (i: number) => Promise<{ status: number }>) {
  return Promise.all(Array.from({ length: n }, (_, i) => send(i)));
}

describe('login throttle under concurrency', () => {
  it.each([60, 150])(
    'verifies at most five of %i wrong passwords sent at once; the rest get 429',
    async (n) => {
      const { app } = await makeTestApp();
      const { email } = await signUp(app);
      const results = await attempts(n, () => new Browser(app).login(email, WRONG));
      expect(countStatuses(results)).toEqual({ 401: 5, 429: n - 5 });
    },
  );

  it('throttles an unknown email the same way (no hint that the account does not exist)', async () => {
    const { app } = await makeTestApp();
    const results = await attempts(30, () => new Browser(app).login('nobody@example.com', WRONG));
    expect(countStatuses(results)).toEqual({ 401: 5, 429: 25 });
  });

  it('frees the attempt of a successful login: it does not count as a failure', async () => {
    const { app } = await makeTestApp();
    const { email, password } = await signUp(app);
    for (let i = 0; i < 4; i++)
      expect((await new Browser(app).login(email, WRONG)).status).toBe(401);
    for (let i = 0; i < 3; i++)
      expect((await new Browser(app).login(email, password)).status).toBe(200);
    expect((await new Browser(app).login(email, WRONG)).status).toBe(401);
    expect((await new Browser(app).login(email, WRONG)).status).toBe(429);
  });
});

describe('per-address limit', () => {
  it('stops one address guessing across many accounts after 20 failures in 10 minutes', async () => {
    const { app, clock } = await makeTestApp();
    const victim = await signUp(app);
    const results = await attempts(30, (i) =>
      new Browser(app, '203.0.113.9').login(`someone${i}@example.com`, WRONG),
    );
    expect(countStatuses(results)).toEqual({ 401: 20, 429: 10 });
    // The address is stopped for every account, even a right password from a new device …
    const blocked = await new Browser(app, '203.0.113.9').login(victim.email, victim.password);
    expect(blocked.status).toBe(429);
    expect(blocked.json.error.code).toBe('TOO_MANY_ATTEMPTS');
    // … while other addresses are not.
    expect((await new Browser(app, '192.0.2.44').login(victim.email, victim.password)).status).toBe(
      200,
    );
    clock.advance(10 * 60_000 + 1_000);
    expect((await new Browser(app, '203.0.113.9').login('later@example.com', WRONG)).status).toBe(
      401,
    );
  });

  it('counts an IPv6 client by its /64: a fresh address per guess gains nothing', async () => {
    const { app } = await makeTestApp();
    const victim = await signUp(app);
    const results = await attempts(30, (i) =>
      new Browser(app, `2001:db8:aa:bb::${(i + 1).toString(16)}`).login(
        `someone${i}@example.com`,
        WRONG,
      ),
    );
    expect(countStatuses(results)).toEqual({ 401: 20, 429: 10 });
    // Another /64 is another client.
    expect(
      (await new Browser(app, '2001:db8:aa:bc::1').login(victim.email, victim.password)).status,
    ).toBe(200);
  });

  it('ignores X-Forwarded-For unless a trusted proxy is configured', async () => {
    const t = await makeTestApp();
    const spoofed = await attempts(25, (i) =>
      new Browser(t.app, '203.0.113.9').post(
        '/api/auth/login',
        { email: `someone${i}@example.com`, password: WRONG },
        { 'x-forwarded-for': `10.0.0.${i}` },
      ),
    );
    expect(countStatuses(spoofed)).toEqual({ 401: 20, 429: 5 });

    // Behind one trusted proxy the proxy's own address is the socket's; the client is the last hop it appended.
    const proxied = createApp({ ...t.deps, trustProxy: true });
    const viaProxy = await attempts(25, (i) =>
      new Browser(proxied, '10.1.1.1').post(
        '/api/auth/login',
        { email: `other${i}@example.com`, password: WRONG },
        { 'x-forwarded-for': `spoofed, 198.51.100.${i}` },
      ),
    );
    expect(countStatuses(viaProxy)).toEqual({ 401: 25 });
  });
});

describe('known devices keep the real user in', () => {
  it('logs the user in from a device that logged in before while an attacker has locked the account', async () => {
    const { app } = await makeTestApp();
    const { email, password } = await signUp(app);
    const laptop = new Browser(app, '192.0.2.10');
    expect((await laptop.login(email, password)).status).toBe(200);
    expect([...laptop.cookies.keys()]).toContain('kanjo_device');
    expect((await laptop.post('/api/auth/logout')).status).toBe(204);

    const attack = await attempts(40, () => new Browser(app, '203.0.113.66').login(email, WRONG));
    expect(countStatuses(attack)).toEqual({ 401: 5, 429: 35 });

    // The right password from an unknown device is refused while the account is locked …
    const stranger = await new Browser(app, '192.0.2.10').login(email, password);
    expect(stranger.status).toBe(429);
    expect(stranger.json.error.code).toBe('TOO_MANY_ATTEMPTS');
    // … but the laptop that logged in before is let through.
    const back = await laptop.login(email, password);
    expect(back.status).toBe(200);
    expect((await laptop.get('/api/me')).json.user.email).toBe(email);
  });

  it('gives a known device its own small budget and no other account', async () => {
    const { app } = await makeTestApp();
    const alice = await signUp(app);
    const bob = await signUp(app);
    const laptop = new Browser(app);
    expect((await laptop.login(alice.email, alice.password)).status).toBe(200);
    await laptop.post('/api/auth/logout');
    // A device known for Alice is a stranger to Bob's account.
    await attempts(5, () => new Browser(app, '203.0.113.66').login(bob.email, WRONG));
    expect((await laptop.login(bob.email, bob.password)).status).toBe(429);
    // Its own budget: five wrong passwords, then it waits too.
    const guesses = await attempts(8, () => laptop.login(alice.email, WRONG));
    expect(countStatuses(guesses)).toEqual({ 401: 5, 429: 3 });
    expect((await laptop.login(alice.email, alice.password)).status).toBe(429);
  });

  it('stores only a hash of the device token, and a forged cookie counts for nothing', async () => {
    const { app, db } = await makeTestApp();
    const { email, password } = await signUp(app);
    const laptop = new Browser(app);
    await laptop.login(email, password);
    const token = laptop.cookies.get('kanjo_device') ?? '';
    expect(token).toMatch(/^[a-z2-7]{32,}$/);
    const rows = await db.selectFrom('known_devices').selectAll().execute();
    const hashes = rows.map((row) => Buffer.from(row.token_hash).toString('hex'));
    expect(hashes).toContain(Buffer.from(hashSecret(token)).toString('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);
    await attempts(5, () => new Browser(app, '203.0.113.66').login(email, WRONG));
    const forged = new Browser(app);
    forged.cookies.set('kanjo_device', 'a'.repeat(40));
    expect((await forged.login(email, password)).status).toBe(429);
  });
});

describe('the counted attempts', () => {
  it('keeps no email or address, only hashes, and forgets attempts once every window has passed', async () => {
    const { app, db, clock } = await makeTestApp();
    await attempts(12, (i) =>
      new Browser(app, `203.0.113.${i}`).login(`guess${i}@example.com`, WRONG),
    );
    const rows = await db.selectFrom('sign_in_attempts').selectAll().execute();
    // Each unknown-device guess counts against its account and its address.
    expect(rows).toHaveLength(24);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain('guess');
    expect(stored).not.toContain('203.0.113');
    // An hour later (the longest window, of reset requests), the next attempt sweeps them.
    clock.advance(60 * 60_000);
    await new Browser(app, '192.0.2.1').login('later@example.com', WRONG);
    const left = await db.selectFrom('sign_in_attempts').select('budget').execute();
    expect(left.map((row) => row.budget).sort()).toEqual(['account', 'address']);
  });
});
