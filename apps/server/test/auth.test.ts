import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { passwordHashOptions } from '../src/auth/password';
import { BASE, Client, makeTestApp, onSqlite, signUp } from './helpers';

describe('sign up, log in, log out', () => {
  it('signs up an owner with a new organization and an HttpOnly, SameSite=Lax session cookie', async () => {
    const { app } = await makeTestApp();
    const client = new Client(app);
    const res = await client.post('/api/auth/signup', {
      organizationName: '勘定テスト株式会社',
      email: 'Owner@Example.com ',
      password: 'a long enough password',
      baseCurrency: 'JPY',
      locale: 'ja',
    });
    expect(res.status).toBe(201);
    expect(res.json.user).toMatchObject({
      email: 'owner@example.com',
      role: 'owner',
      locale: 'ja',
    });
    expect(res.json.organization).toMatchObject({
      name: '勘定テスト株式会社',
      baseCurrency: 'JPY',
      locale: 'ja',
      roundingMode: 'halfUp',
    });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^kanjo_session=[a-z2-7]{24}\.[a-z2-7]{24};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // loopback over plain HTTP

    const me = await client.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.json.user.id).toBe(res.json.user.id);
  });

  it('marks the cookie Secure outside loopback', async () => {
    const { app } = await makeTestApp();
    const client = new Client(app, 'https://kanjo.example.com');
    const res = await client.post('/api/auth/signup', {
      organizationName: 'Remote',
      email: 'remote@example.com',
      password: 'a long enough password',
      baseCurrency: 'USD',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('refuses bad signups with field paths and a taken email with 409', async () => {
    const { app } = await makeTestApp();
    const client = new Client(app);
    const bad = await client.post('/api/auth/signup', {
      organizationName: '',
      email: 'nope',
      password: 'short',
      baseCurrency: 'XXY',
      extra: 1,
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('VALIDATION_FAILED');
    const paths = bad.json.error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['organizationName', 'email', 'password', 'baseCurrency', 'extra']),
    );

    const first = await signUp(app, { email: 'same@example.com' });
    expect(first.me.user.email).toBe('same@example.com');
    const again = await new Client(app).post('/api/auth/signup', {
      organizationName: 'Other',
      email: 'same@example.com',
      password: 'a long enough password',
      baseCurrency: 'USD',
    });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('EMAIL_TAKEN');
  });

  it('logs out (204, the session is dead) and logs in again', async () => {
    const { app } = await makeTestApp();
    const { client, email, password } = await signUp(app);
    const oldCookie = client.cookie;
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/me')).status).toBe(401);
    const replay = new Client(app);
    replay.cookie = oldCookie;
    const dead = await replay.get('/api/me');
    expect(dead.status).toBe(401);
    expect(dead.json.error.code).toBe('SESSION_EXPIRED');

    const login = await client.post('/api/auth/login', { email, password });
    expect(login.status).toBe(200);
    expect((await client.get('/api/me')).status).toBe(200);
  });

  it('throttles per account: the sixth wrong password in a minute gets 429, even a right one, until the window passes', async () => {
    const { app, clock } = await makeTestApp();
    const { email, password } = await signUp(app);
    const client = new Client(app);
    for (let i = 0; i < 5; i++) {
      const res = await client.post('/api/auth/login', { email, password: 'wrong password!' });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('INVALID_CREDENTIALS');
    }
    const sixth = await client.post('/api/auth/login', { email, password: 'wrong password!' });
    expect(sixth.status).toBe(429);
    expect(sixth.json.error.code).toBe('TOO_MANY_ATTEMPTS');
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await client.post('/api/auth/login', { email, password })).status).toBe(429);
    // Another account is not affected.
    const other = await signUp(app);
    expect(
      (
        await new Client(app).post('/api/auth/login', {
          email: other.email,
          password: other.password,
        })
      ).status,
    ).toBe(200);

    clock.advance(61_000);
    expect((await client.post('/api/auth/login', { email, password })).status).toBe(200);
  });

  it('expires sessions after 30 days of no use', async () => {
    const { app, clock } = await makeTestApp();
    const { client } = await signUp(app);
    clock.advance(29 * 24 * 3600 * 1000);
    expect((await client.get('/api/me')).status).toBe(200); // renews the sliding window
    clock.advance(29 * 24 * 3600 * 1000);
    expect((await client.get('/api/me')).status).toBe(200);
    clock.advance(31 * 24 * 3600 * 1000);
    expect((await client.get('/api/me')).status).toBe(401);
  });

  // The bytes of the SQLite file itself: on Postgres there is no such file.
  describe.skipIf(!onSqlite)('in the SQLite file', () => {
    it('stores no session token and no password in clear, only hashes', async () => {
      const { app, file, sqlite } = await makeTestApp();
      const password = 'a-very-distinct-password-0042';
      const { client } = await signUp(app, { password });
      const token = decodeURIComponent(client.cookie.split('=')[1] ?? '');
      const [id, secret] = token.split('.');
      expect(secret).toHaveLength(24);
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      const bytes = readFileSync(file).toString('latin1');
      expect(bytes).toContain(id); // the session row is there …
      expect(bytes).not.toContain(secret); // … but not its secret
      expect(bytes).not.toContain(token);
      expect(bytes).not.toContain(password);
      expect(bytes).toMatch(/\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(passwordHashOptions).toMatchObject({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    });
  });

  it('changes the language of the signed-in user', async () => {
    const { app } = await makeTestApp();
    const { client } = await signUp(app, { locale: 'en' });
    const res = await client.patch('/api/me', { locale: 'ja' });
    expect(res.status).toBe(200);
    expect(res.json.user.locale).toBe('ja');
    expect((await client.patch('/api/me', { locale: 'fr' })).status).toBe(400);
  });
});

describe('cross-site requests', () => {
  it('refuses a state-changing request from a foreign Origin with 403, JSON included', async () => {
    const { app } = await makeTestApp();
    const { client } = await signUp(app);
    const res = await client.post(
      '/api/customers',
      { kind: 'business', displayName: 'Evil', contactPersons: [], customFields: {} },
      { origin: 'https://evil.example' },
    );
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('FORBIDDEN');
    const site = await client.post('/api/auth/logout', {}, { 'sec-fetch-site': 'cross-site' });
    expect(site.status).toBe(403);
    expect((await client.get('/api/me')).status).toBe(200); // still logged in
    const same = await client.post(
      '/api/customers',
      { kind: 'business', displayName: 'Fine', contactPersons: [], customFields: {} },
      { origin: BASE, 'sec-fetch-site': 'same-origin' },
    );
    expect(same.status).toBe(201);
  });
});

describe('inviting users', () => {
  it('lets an owner invite a sales user who joins the same organization', async () => {
    const { app } = await makeTestApp();
    const { client, me } = await signUp(app);
    const invite = await client.post('/api/users', {
      email: 'rep@example.com',
      role: 'sales',
      name: 'Rep',
    });
    expect(invite.status).toBe(201);
    const rep = new Client(app);
    const joined = await rep.post('/api/auth/accept-invite', {
      token: invite.json.invitation.token,
      password: 'a long enough password',
    });
    expect(joined.status).toBe(201);
    expect(joined.json.user).toMatchObject({
      email: 'rep@example.com',
      role: 'sales',
      organizationId: me.user.organizationId,
    });
    expect(
      (
        await new Client(app).post('/api/auth/accept-invite', {
          token: invite.json.invitation.token,
          password: 'a long enough password',
        })
      ).status,
    ).toBe(400);
    // A sales user may not invite.
    expect((await rep.post('/api/users', { email: 'x@example.com', role: 'admin' })).status).toBe(
      403,
    );
    const list = await client.get('/api/users');
    expect(list.json.items.map((u: { email: string }) => u.email)).toContain('rep@example.com');
  });
});

describe('roles and disabling users', () => {
  async function withMember(role: 'admin' | 'accountant' | 'sales') {
    const t = await makeTestApp();
    const owner = await signUp(t.app);
    const invite = await owner.client.post('/api/users', { email: `${role}@example.com`, role });
    const member = new Client(t.app);
    const joined = await member.post('/api/auth/accept-invite', {
      token: invite.json.invitation.token,
      password: 'a long enough password',
    });
    return { ...t, owner: owner.client, member, memberId: joined.json.user.id as string };
  }

  it('lets sales invoice but not void, take payments or delete', async () => {
    const { owner, member } = await withMember('sales');
    const customer = await member.post('/api/customers', {
      kind: 'business',
      displayName: 'Field Co',
      contactPersons: [],
      customFields: {},
    });
    expect(customer.status).toBe(201);
    const invoice = await member.post('/api/invoices', {
      customerId: customer.json.id,
      issueDate: '2026-11-20',
      lines: [{ name: 'Visit', quantity: '1', rate: 5000, taxRate: '10' }],
    });
    expect(invoice.status).toBe(201);
    expect((await member.post(`/api/invoices/${invoice.json.id}/issue`)).status).toBe(200);
    const voided = await member.post(`/api/invoices/${invoice.json.id}/void`);
    expect(voided.status).toBe(403);
    expect(voided.json.error.code).toBe('FORBIDDEN');
    expect(
      (
        await member.post('/api/payments', {
          invoiceId: invoice.json.id,
          amount: 100,
          date: '2026-11-21',
        })
      ).status,
    ).toBe(403);
    expect((await member.delete(`/api/customers/${customer.json.id}`)).status).toBe(403);
    // The owner may.
    expect(
      (
        await owner.post('/api/payments', {
          invoiceId: invoice.json.id,
          amount: 100,
          date: '2026-11-21',
        })
      ).status,
    ).toBe(201);
  });

  it('kills a disabled user’s sessions at once and refuses their login', async () => {
    const { owner, member, memberId } = await withMember('accountant');
    expect((await member.get('/api/me')).status).toBe(200);
    const res = await owner.patch(`/api/users/${memberId}`, { disabled: true });
    expect(res.status).toBe(200);
    expect(res.json.disabledAt).toEqual(expect.any(String));
    expect((await member.get('/api/me')).status).toBe(401);
    const login = await new Client(member.app).post('/api/auth/login', {
      email: 'accountant@example.com',
      password: 'a long enough password',
    });
    expect(login.status).toBe(401);
    // Re-enabled, they can log in again.
    await owner.patch(`/api/users/${memberId}`, { disabled: false });
    expect(
      (
        await new Client(member.app).post('/api/auth/login', {
          email: 'accountant@example.com',
          password: 'a long enough password',
        })
      ).status,
    ).toBe(200);
  });

  it('keeps the owner and other organizations’ users out of reach', async () => {
    const { app, owner, memberId, member } = await withMember('admin');
    const ownerId = (await owner.get('/api/me')).json.user.id;
    expect((await member.patch(`/api/users/${ownerId}`, { disabled: true })).status).toBe(403);
    const stranger = await signUp(app);
    expect((await stranger.client.patch(`/api/users/${memberId}`, { role: 'sales' })).status).toBe(
      404,
    );
  });
});
