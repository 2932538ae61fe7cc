import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { mailTransportFrom } from '../src/mail/transport';
import { Browser, countStatuses } from './browser';
import { makeTestApp, onSqlite, signUp, type TestApp } from './helpers';
import { startSmtpSink } from './smtp-sink';

const PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new passphrase';

let closeSink: (() => Promise<void>) | undefined;
afterEach(async () => {
  await closeSink?.();
  closeSink = undefined;
});

/** The app with SMTP (a local sink) and a public URL, as a server with mail set up runs. */
async function withSmtp(t: TestApp) {
  const sink = await startSmtpSink();
  closeSink = sink.close;
  const app = createApp({
    ...t.deps,
    mail: mailTransportFrom({ SMTP_URL: sink.url, MAIL_FROM: 'kanjo@acme.test' }),
    publicUrl: 'https://kanjo.acme.test',
  });
  return { app, sink };
}

async function waitFor<T>(read: () => T | undefined, ms = 5_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((done) => setTimeout(done, 20));
  }
}

function resetTokenIn(data: string): string | undefined {
  const text = data.replace(/=\r\n/g, '');
  return /https:\/\/kanjo\.acme\.test\/reset-password#([a-z2-7]+\.[a-z2-7]+)/.exec(text)?.[1];
}

async function teamWithMember(app: TestApp['app'], role: 'admin' | 'sales' = 'sales') {
  const owner = await signUp(app);
  const invite = await owner.client.post('/api/users', { email: `${role}@example.com`, role });
  const member = new Browser(app);
  const joined = await member.post('/api/auth/accept-invite', {
    token: invite.json.invitation.token,
    password: PASSWORD,
  });
  return {
    owner,
    member,
    memberId: joined.json.user.id as string,
    memberEmail: `${role}@example.com`,
  };
}

describe('changing your password', () => {
  it('checks the current password, ends every other session and keeps this one', async () => {
    const { app } = await makeTestApp();
    const { email } = await signUp(app, { password: PASSWORD });
    const phone = new Browser(app, '192.0.2.1');
    const laptop = new Browser(app, '192.0.2.2');
    expect((await phone.login(email, PASSWORD)).status).toBe(200);
    expect((await laptop.login(email, PASSWORD)).status).toBe(200);

    const wrong = await laptop.post('/api/me/password', {
      currentPassword: 'not my password',
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.code).toBe('WRONG_PASSWORD');
    expect(wrong.json.error.details.fields[0].path).toBe('currentPassword');
    const short = await laptop.post('/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.json.error.code).toBe('VALIDATION_FAILED');

    const changed = await laptop.post('/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.status).toBe(204);
    expect((await laptop.get('/api/me')).status).toBe(200);
    expect((await phone.get('/api/me')).status).toBe(401);
    expect((await new Browser(app, '192.0.2.3').login(email, PASSWORD)).status).toBe(401);
    expect((await new Browser(app, '192.0.2.4').login(email, NEW_PASSWORD)).status).toBe(200);
  });

  it('throttles guesses of the current password like sign-in, under concurrency too', async () => {
    const { app } = await makeTestApp();
    const { email } = await signUp(app, { password: PASSWORD });
    const thief = new Browser(app, '203.0.113.5');
    await thief.login(email, PASSWORD);
    thief.cookies.delete('kanjo_device'); // a stolen session cookie alone
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        thief.post('/api/me/password', {
          currentPassword: `guess ${i}`,
          newPassword: NEW_PASSWORD,
        }),
      ),
    );
    expect(countStatuses(guesses)).toEqual({ 400: 5, 429: 25 });
    expect((await new Browser(app).login(email, PASSWORD)).status).toBe(429); // the account is locked for strangers
  });

  it('needs a session', async () => {
    const { app } = await makeTestApp();
    const res = await new Browser(app).post('/api/me/password', {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(res.status).toBe(401);
  });
});

describe('resetting a forgotten password by email', () => {
  it('answers the same whether or not the email has an account, and mails a link only to a real one', async () => {
    const t = await makeTestApp();
    const { app, sink } = await withSmtp(t);
    const { email } = await signUp(app, { password: PASSWORD });
    const known = await new Browser(app).post('/api/auth/password-reset', { email });
    const unknown = await new Browser(app).post('/api/auth/password-reset', {
      email: 'nobody@example.com',
    });
    expect(known.status).toBe(202);
    expect({ status: unknown.status, json: unknown.json }).toEqual({
      status: known.status,
      json: known.json,
    });
    const mail = await waitFor(() => sink.received[0]);
    expect(mail.to).toEqual([email]);
    await new Promise((done) => setTimeout(done, 200));
    expect(sink.received).toHaveLength(1);
    expect(resetTokenIn(mail.data)).toEqual(expect.any(String));
  });

  it('sets the new password with the link once, ends every session and signs this browser in', async () => {
    const t = await makeTestApp();
    const { app, sink } = await withSmtp(t);
    const { email, client } = await signUp(app, { password: PASSWORD });
    await new Browser(app).post('/api/auth/password-reset', { email: ` ${email.toUpperCase()} ` });
    const token = await waitFor(() => resetTokenIn(sink.received[0]?.data ?? ''));

    const browser = new Browser(app);
    const done = await browser.post('/api/auth/password-reset/confirm', {
      token,
      password: NEW_PASSWORD,
    });
    expect(done.status).toBe(200);
    expect(done.json.user.email).toBe(email);
    expect((await browser.get('/api/me')).status).toBe(200);
    expect((await client.get('/api/me')).status).toBe(401);
    expect((await new Browser(app, '192.0.2.9').login(email, NEW_PASSWORD)).status).toBe(200);

    const again = await new Browser(app).post('/api/auth/password-reset/confirm', {
      token,
      password: 'yet another passphrase',
    });
    expect(again.status).toBe(400);
    expect(again.json.error.code).toBe('INVALID_RESET_TOKEN');
  });

  it('refuses a link after an hour, a tampered one, and a second use at the same time', async () => {
    const t = await makeTestApp();
    const { app, sink } = await withSmtp(t);
    const { email } = await signUp(app, { password: PASSWORD });
    await new Browser(app).post('/api/auth/password-reset', { email });
    const first = await waitFor(() => resetTokenIn(sink.received[0]?.data ?? ''));
    const [id = '', secret = ''] = first.split('.');
    const tampered = `${id}.${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}`;
    expect(
      (
        await new Browser(app).post('/api/auth/password-reset/confirm', {
          token: tampered,
          password: NEW_PASSWORD,
        })
      ).status,
    ).toBe(400);
    const twice = await Promise.all(
      [1, 2].map(() =>
        new Browser(app).post('/api/auth/password-reset/confirm', {
          token: first,
          password: NEW_PASSWORD,
        }),
      ),
    );
    expect(countStatuses(twice)).toEqual({ 200: 1, 400: 1 });

    await new Browser(app, '192.0.2.50').post('/api/auth/password-reset', { email });
    const second = await waitFor(() => resetTokenIn(sink.received[1]?.data ?? ''));
    t.clock.advance(60 * 60_000 + 1);
    const late = await new Browser(app).post('/api/auth/password-reset/confirm', {
      token: second,
      password: NEW_PASSWORD,
    });
    expect(late.status).toBe(400);
    expect(late.json.error.code).toBe('INVALID_RESET_TOKEN');
  });

  it('limits requests to 3 per email per hour', async () => {
    const t = await makeTestApp();
    const { app, sink } = await withSmtp(t);
    const { email } = await signUp(app);
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((i) =>
        new Browser(app, `192.0.2.${i}`).post('/api/auth/password-reset', { email }),
      ),
    );
    expect(countStatuses(results)).toEqual({ 202: 3, 429: 2 });
    await waitFor(() => sink.received[2]);
  });

  it('without SMTP sends nothing and puts no link in the mail outbox admins read', async () => {
    const t = await makeTestApp();
    const { client, email } = await signUp(t.app, { password: PASSWORD });
    const res = await new Browser(t.app).post('/api/auth/password-reset', { email });
    expect(res.status).toBe(202);
    await new Promise((done) => setTimeout(done, 100));
    expect((await client.get('/api/mail/outbox')).json.items).toEqual([]);
    expect(await t.db.selectFrom('password_resets').selectAll().execute()).toEqual([]);
  });

  // The bytes of the SQLite file itself: on Postgres there is no such file.
  describe.skipIf(!onSqlite)('in the SQLite file', () => {
    it('stores only a hash of the reset secret', async () => {
      const t = await makeTestApp();
      const { app, sink } = await withSmtp(t);
      const { email } = await signUp(app);
      await new Browser(app).post('/api/auth/password-reset', { email });
      const token = await waitFor(() => resetTokenIn(sink.received[0]?.data ?? ''));
      t.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      const bytes = readFileSync(t.file).toString('latin1');
      expect(bytes).toContain(token.split('.')[0]);
      expect(bytes).not.toContain(token.split('.')[1]);
    });
  });
});

describe('a reset link made by an owner or admin', () => {
  it('without SMTP shows the link once to the owner; the member sets a new password with it', async () => {
    const { app } = await makeTestApp();
    const { owner, memberId, memberEmail, member } = await teamWithMember(app);
    const made = await owner.client.post(`/api/users/${memberId}/password-reset`);
    expect(made.status).toBe(201);
    expect(made.json.delivery).toBe('link');
    expect(made.json.reset.resetUrl).toBe(`/reset-password#${made.json.reset.token}`);
    const done = await new Browser(app).post('/api/auth/password-reset/confirm', {
      token: made.json.reset.token,
      password: NEW_PASSWORD,
    });
    expect(done.status).toBe(200);
    expect((await member.get('/api/me')).status).toBe(401);
    expect((await new Browser(app, '192.0.2.8').login(memberEmail, NEW_PASSWORD)).status).toBe(200);
  });

  it('with SMTP mails the link to the member and shows it to nobody', async () => {
    const t = await makeTestApp();
    const { app, sink } = await withSmtp(t);
    const { owner, memberId, memberEmail } = await teamWithMember(app);
    const made = await owner.client.post(`/api/users/${memberId}/password-reset`);
    expect(made.status).toBe(202);
    expect(made.json).toEqual({ delivery: 'email' });
    const mail = await waitFor(() => sink.received[0]);
    expect(mail.to).toEqual([memberEmail]);
    expect(resetTokenIn(mail.data)).toEqual(expect.any(String));
  });

  it('is never for yourself, never for the owner, not for sales, and 404 across organizations', async () => {
    const { app } = await makeTestApp();
    const { owner, member: admin, memberId: adminId } = await teamWithMember(app, 'admin');
    const ownerId = owner.me.user.id as string;
    expect((await owner.client.post(`/api/users/${ownerId}/password-reset`)).status).toBe(403);
    expect((await admin.post(`/api/users/${adminId}/password-reset`)).status).toBe(403);
    expect((await admin.post(`/api/users/${ownerId}/password-reset`)).status).toBe(403);
    const invite = await owner.client.post('/api/users', {
      email: 'rep@example.com',
      role: 'sales',
    });
    const rep = new Browser(app);
    const joined = await rep.post('/api/auth/accept-invite', {
      token: invite.json.invitation.token,
      password: PASSWORD,
    });
    expect((await rep.post(`/api/users/${adminId}/password-reset`)).status).toBe(403);
    expect((await admin.post(`/api/users/${joined.json.user.id}/password-reset`)).status).toBe(201);
    const stranger = await signUp(app);
    expect((await stranger.client.post(`/api/users/${adminId}/password-reset`)).status).toBe(404);
  });

  it('dies when the member is disabled', async () => {
    const { app } = await makeTestApp();
    const { owner, memberId } = await teamWithMember(app);
    const made = await owner.client.post(`/api/users/${memberId}/password-reset`);
    await owner.client.patch(`/api/users/${memberId}`, { disabled: true });
    const res = await new Browser(app).post('/api/auth/password-reset/confirm', {
      token: made.json.reset.token,
      password: NEW_PASSWORD,
    });
    expect(res.status).toBe(400);
    expect((await owner.client.post(`/api/users/${memberId}/password-reset`)).status).toBe(409);
  });
});
