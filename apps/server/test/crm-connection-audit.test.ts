import { describe, expect, it } from 'vitest';
import {
  connectedOrg,
  member,
  useCaptureListeners,
  useTestEmulator,
  withoutSecrets,
} from './crm-connection-setup';
import { createApp } from '../src/app';
import { mailTransportFrom } from '../src/mail/transport';
import { Client, makeTestApp, signUp } from './helpers';
import { startSmtpSink } from './smtp-sink';

const emulator = useTestEmulator();
const capture = useCaptureListeners();

interface AuditItem {
  action: string;
  fields: string[];
  at: string;
  actor: { id: string | null; role: string | null; email: string | null };
}

async function audit(client: Client, query = ''): Promise<AuditItem[]> {
  const res = await client.get(`/api/crm/connection/audit${query}`);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json.items as AuditItem[];
}

describe('the connection audit', () => {
  it('records every kind of change, newest first, with field names and never a secret', async () => {
    const { t, owner, ownerEmail, body, crm } = await connectedOrg(emulator);
    const keep = withoutSecrets(body);
    const host = await capture();
    const steps: [string, () => Promise<{ status: number }>][] = [
      [
        'change',
        () => owner.put('/api/crm/connection', { ...keep, email: ownerEmail.toUpperCase() }),
      ],
      ['secrets', () => owner.put('/api/crm/connection', body)],
      ['refused', () => owner.put('/api/crm/connection', { ...keep, apiDomain: host.url })],
      ['test', () => owner.post('/api/crm/connection/test')],
      ['disable', () => owner.post('/api/crm/connection/disable')],
      ['enable', () => owner.post('/api/crm/connection/enable')],
      ['remove', () => owner.delete('/api/crm/connection')],
    ];
    for (const [name, step] of steps) {
      t.clock.advance(1000);
      expect((await step()).status, name).toBeLessThan(name === 'refused' ? 500 : 300);
    }

    const items = await audit(owner);
    expect(items.map((i) => [i.action, i.fields])).toEqual([
      ['remove', []],
      ['enable', []],
      ['disable', []],
      ['verify', []],
      ['host_change_refused', ['apiDomain']],
      ['change', ['email', 'clientSecret', 'refreshToken']],
      ['change', ['email']],
      ['connect', []],
    ]);
    expect(items[0]?.at).toBe(t.clock.now().toISOString());
    for (const item of items) {
      expect(item.actor).toMatchObject({ role: 'owner', email: ownerEmail });
    }
    const text = JSON.stringify(items);
    for (const secret of [crm.client_secret, crm.refresh_token]) expect(text).not.toContain(secret);
    expect(await audit(owner, '?limit=3')).toEqual(items.slice(0, 3));
    const bad = await owner.get('/api/crm/connection/audit?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('VALIDATION_FAILED');
  });

  it('names replaced secrets alone when nothing else changed, and a grant code by name', async () => {
    const { owner, body, crm } = await connectedOrg(emulator);
    expect((await owner.put('/api/crm/connection', body)).status).toBe(200);
    const { refreshToken: _r, ...noToken } = body;
    const code = await emulator.grantCode(crm.client_id);
    expect((await owner.put('/api/crm/connection', { ...noToken, grantCode: code })).status).toBe(
      200,
    );
    const items = await audit(owner);
    expect(items.slice(0, 2).map((i) => [i.action, i.fields])).toEqual([
      ['secrets_replaced', ['clientSecret', 'grantCode']],
      ['secrets_replaced', ['clientSecret', 'refreshToken']],
    ]);
  });

  it('is read by owners and admins of the organization only', async () => {
    const { t, owner } = await connectedOrg(emulator);
    const admin = await member(t, owner, 'admin');
    expect((await audit(admin.client)).map((i) => i.action)).toEqual(['connect']);
    for (const role of ['accountant', 'sales'] as const) {
      const other = await member(t, owner, role);
      const res = await other.client.get('/api/crm/connection/audit');
      expect(res.status, role).toBe(403);
      expect(res.json.error.code).toBe('FORBIDDEN');
    }
    const stranger = await signUp(t.app);
    expect(await audit(stranger.client)).toEqual([]);
  });
});

describe('who may change the connection', () => {
  it('lets an admin change it and mails the owner who, what and when, without secrets', async () => {
    const { t, owner, ownerEmail, body, crm } = await connectedOrg(emulator);
    const admin = await member(t, owner, 'admin');
    const host = await capture();
    const keep = withoutSecrets(body);

    t.clock.advance(60_000);
    expect((await admin.client.put('/api/crm/connection', body)).status).toBe(200);
    const refused = await admin.client.put('/api/crm/connection', {
      ...keep,
      accountsUrl: host.url,
    });
    expect(refused.json.error.code).toBe('CRM_SECRETS_REQUIRED');
    // A test changes nothing: recorded, not mailed.
    expect((await admin.client.post('/api/crm/connection/test')).status).toBe(200);
    expect((await admin.client.post('/api/crm/connection/disable')).status).toBe(200);

    const outbox = (await owner.get('/api/mail/outbox')).json.items as {
      id: string;
      to: string[];
      subject: string;
      document: unknown;
      sentBy: { email: string | null };
    }[];
    expect(outbox.map((m) => m.subject)).toEqual([
      `Kanjo: <${admin.email}> (admin) disabled the CRM connection`,
      `Kanjo: <${admin.email}> (admin) tried to move the CRM connection to another address without its secrets (refused)`,
      `Kanjo: <${admin.email}> (admin) replaced the CRM connection’s secrets`,
    ]);
    for (const mail of outbox) {
      expect(mail).toMatchObject({ to: [ownerEmail], document: null });
      expect(mail.sentBy.email).toBe(admin.email);
    }
    const replaced = await owner.get(`/api/mail/outbox/${outbox[2]?.id ?? ''}`);
    expect(replaced.json.body).toContain('clientSecret, refreshToken');
    expect(replaced.json.body).toContain(t.clock.now().toISOString());
    const refusedMail = await owner.get(`/api/mail/outbox/${outbox[1]?.id ?? ''}`);
    expect(refusedMail.json.body).toContain('accountsUrl');
    for (const mail of outbox) {
      const raw = await t.app.request(`http://127.0.0.1:8787/api/mail/outbox/${mail.id}/raw`, {
        headers: { cookie: owner.cookie },
      });
      const text = await raw.text();
      for (const secret of [crm.client_secret, crm.refresh_token]) {
        expect(text).not.toContain(secret);
      }
    }
    expect(host.requests).toEqual([]);
    expect((await audit(owner)).slice(0, 4).map((i) => [i.action, i.actor.role])).toEqual([
      ['disable', 'admin'],
      ['verify', 'admin'],
      ['host_change_refused', 'admin'],
      ['secrets_replaced', 'admin'],
    ]);
  });

  it('hands the notice to SMTP when SMTP_URL is set', async () => {
    const { t, owner, ownerEmail, crm } = await connectedOrg(emulator);
    const admin = await member(t, owner, 'admin');
    const sink = await startSmtpSink();
    try {
      const mail = mailTransportFrom({ SMTP_URL: sink.url, MAIL_FROM: 'kanjo@acme.test' });
      const viaSmtp = new Client(createApp({ ...t.deps, mail }));
      viaSmtp.cookie = admin.client.cookie;
      expect((await viaSmtp.post('/api/crm/connection/disable')).status).toBe(200);
      expect(sink.received).toHaveLength(1);
      expect(sink.received[0]).toMatchObject({ from: 'kanjo@acme.test', to: [ownerEmail] });
      expect(sink.received[0]?.data).toContain('disabled the CRM connection');
      expect(sink.received[0]?.data).not.toContain(crm.client_secret);
      const outbox = (await owner.get('/api/mail/outbox')).json.items as { transport: string }[];
      expect(outbox.map((m) => m.transport)).toEqual(['smtp']);
    } finally {
      await sink.close();
    }
  });

  it('mails nobody when the owner changes it', async () => {
    const { owner } = await connectedOrg(emulator);
    expect((await owner.post('/api/crm/connection/disable')).status).toBe(200);
    expect((await owner.post('/api/crm/connection/enable')).status).toBe(200);
    expect((await owner.get('/api/mail/outbox')).json.items).toEqual([]);
  });

  it('refuses other roles with 403 and records nothing for them', async () => {
    const { t, owner, body } = await connectedOrg(emulator);
    for (const role of ['accountant', 'sales'] as const) {
      const other = await member(t, owner, role);
      expect((await other.client.put('/api/crm/connection', body)).status, role).toBe(403);
      expect((await other.client.post('/api/crm/connection/disable')).status, role).toBe(403);
      expect((await other.client.delete('/api/crm/connection')).status, role).toBe(403);
    }
    expect((await audit(owner)).map((i) => i.action)).toEqual(['connect']);
  });
});

describe('OpenAPI', () => {
  it('documents the audit route', async () => {
    const { app } = await makeTestApp();
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.paths['/api/crm/connection/audit']).toHaveProperty('get');
  });
});
