import { describe, expect, it } from 'vitest';
import { Browser, countStatuses } from './browser';
import { makeTestApp, signUp } from './helpers';

const PASSWORD = 'a long enough password';

async function teamWithAdmin() {
  const t = await makeTestApp();
  const owner = await signUp(t.app);
  const invite = await owner.client.post('/api/users', {
    email: 'admin@example.com',
    role: 'admin',
  });
  const admin = new Browser(t.app);
  const joined = await admin.post('/api/auth/accept-invite', {
    token: invite.json.invitation.token,
    password: PASSWORD,
  });
  expect(joined.status).toBe(201);
  return {
    ...t,
    owner: owner.client,
    ownerMe: owner.me,
    admin,
    adminId: joined.json.user.id as string,
  };
}

describe('pending invitations', () => {
  it('lists pending invitations with who made them and when they expire; accepted ones leave the list', async () => {
    const { app, owner, admin, adminId, clock } = await teamWithAdmin();
    const made = await admin.post('/api/users', {
      email: 'rep@example.com',
      role: 'sales',
      name: 'Rep',
    });
    expect(made.status).toBe(201);
    const list = await owner.get('/api/invitations');
    expect(list.status).toBe(200);
    expect(list.json.items).toEqual([
      {
        id: made.json.invitation.id,
        email: 'rep@example.com',
        role: 'sales',
        name: 'Rep',
        invitedBy: { id: adminId, name: null, email: 'admin@example.com' },
        createdAt: clock.current.toISOString(),
        expiresAt: new Date(clock.current.getTime() + 7 * 86_400_000).toISOString(),
      },
    ]);
    expect(JSON.stringify(list.json)).not.toContain(made.json.invitation.token);
    // The accepted admin invitation is not listed; once accepted, neither is this one.
    await new Browser(app).post('/api/auth/accept-invite', {
      token: made.json.invitation.token,
      password: PASSWORD,
    });
    expect((await owner.get('/api/invitations')).json.items).toEqual([]);
  });

  it('leaves out expired invitations and refuses to accept them after 7 days', async () => {
    const { app, owner, clock } = await teamWithAdmin();
    const made = await owner.post('/api/users', { email: 'late@example.com', role: 'accountant' });
    clock.advance(7 * 86_400_000 + 1);
    expect((await owner.get('/api/invitations')).json.items).toEqual([]);
    const late = await new Browser(app).post('/api/auth/accept-invite', {
      token: made.json.invitation.token,
      password: PASSWORD,
    });
    expect(late.status).toBe(400);
    expect(late.json.error.code).toBe('INVALID_INVITATION');
  });

  it('is for owners and admins only', async () => {
    const { app, owner } = await teamWithAdmin();
    const made = await owner.post('/api/users', { email: 'acc@example.com', role: 'accountant' });
    const accountant = new Browser(app);
    await accountant.post('/api/auth/accept-invite', {
      token: made.json.invitation.token,
      password: PASSWORD,
    });
    expect((await accountant.get('/api/invitations')).status).toBe(403);
    expect((await accountant.delete(`/api/invitations/${made.json.invitation.id}`)).status).toBe(
      403,
    );
    expect((await new Browser(app).get('/api/invitations')).status).toBe(401);
  });
});

describe('revoking invitations', () => {
  it('revokes a pending invitation: it leaves the list and can no longer be accepted', async () => {
    const { app, owner, admin } = await teamWithAdmin();
    const made = await owner.post('/api/users', { email: 'rep@example.com', role: 'sales' });
    const revoked = await admin.delete(`/api/invitations/${made.json.invitation.id}`);
    expect(revoked.status).toBe(204);
    expect((await owner.get('/api/invitations')).json.items).toEqual([]);
    const accept = await new Browser(app).post('/api/auth/accept-invite', {
      token: made.json.invitation.token,
      password: PASSWORD,
    });
    expect(accept.status).toBe(400);
    expect(accept.json.error.code).toBe('INVALID_INVITATION');
    expect((await admin.delete(`/api/invitations/${made.json.invitation.id}`)).status).toBe(404);
  });

  it('answers 404 for another organization’s invitation and leaves it alone', async () => {
    const { app, owner } = await teamWithAdmin();
    const made = await owner.post('/api/users', { email: 'rep@example.com', role: 'sales' });
    const stranger = await signUp(app);
    const res = await stranger.client.delete(`/api/invitations/${made.json.invitation.id}`);
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('NOT_FOUND');
    expect((await stranger.client.get('/api/invitations')).json.items).toEqual([]);
    expect((await owner.get('/api/invitations')).json.items).toHaveLength(1);
  });

  it('revokes the invitations of a member who is disabled, and they stay revoked when re-enabled', async () => {
    const { app, owner, admin, adminId } = await teamWithAdmin();
    const made = await admin.post('/api/users', { email: 'boss@example.com', role: 'admin' });
    expect((await owner.patch(`/api/users/${adminId}`, { disabled: true })).status).toBe(200);
    expect((await owner.get('/api/invitations')).json.items).toEqual([]);
    await owner.patch(`/api/users/${adminId}`, { disabled: false });
    const accept = await new Browser(app).post('/api/auth/accept-invite', {
      token: made.json.invitation.token,
      password: PASSWORD,
    });
    expect(accept.status).toBe(400);
    expect(accept.json.error.code).toBe('INVALID_INVITATION');
    const users = (await owner.get('/api/users')).json.items as { email: string }[];
    expect(users.map((u) => u.email)).not.toContain('boss@example.com');
  });

  it('refuses an invitation whose inviter may no longer invite (moved to sales)', async () => {
    const { app, owner, admin, adminId } = await teamWithAdmin();
    const made = await admin.post('/api/users', { email: 'boss@example.com', role: 'admin' });
    expect((await owner.patch(`/api/users/${adminId}`, { role: 'sales' })).status).toBe(200);
    const accept = await new Browser(app).post('/api/auth/accept-invite', {
      token: made.json.invitation.token,
      password: PASSWORD,
    });
    expect(accept.status).toBe(400);
  });
});

describe('accepting and roles', () => {
  it('makes one account when the same invitation is accepted twice at once', async () => {
    const { app, owner } = await teamWithAdmin();
    const made = await owner.post('/api/users', { email: 'twice@example.com', role: 'sales' });
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        new Browser(app).post('/api/auth/accept-invite', {
          token: made.json.invitation.token,
          password: PASSWORD,
        }),
      ),
    );
    expect(countStatuses(results)).toEqual({ 201: 1, 400: 2 });
    const users = (await owner.get('/api/users')).json.items as { email: string }[];
    expect(users.filter((u) => u.email === 'twice@example.com')).toHaveLength(1);
  });

  it('never invites an owner, whoever asks', async () => {
    const { owner, admin } = await teamWithAdmin();
    for (const inviter of [owner, admin]) {
      const res = await inviter.post('/api/users', { email: 'owner2@example.com', role: 'owner' });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await owner.get('/api/invitations')).json.items).toEqual([]);
  });

  it('lists disabled members with disabledAt', async () => {
    const { owner, adminId } = await teamWithAdmin();
    await owner.patch(`/api/users/${adminId}`, { disabled: true });
    const users = (await owner.get('/api/users')).json.items as {
      id: string;
      disabledAt?: string;
    }[];
    expect(users.find((u) => u.id === adminId)?.disabledAt).toEqual(expect.any(String));
  });

  it('documents the user and invitation routes in the OpenAPI document', async () => {
    const { app } = await makeTestApp();
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { summary?: string }>>;
    };
    for (const [path, method] of [
      ['/api/users', 'get'],
      ['/api/users', 'post'],
      ['/api/users/{id}', 'patch'],
      ['/api/users/{id}/password-reset', 'post'],
      ['/api/invitations', 'get'],
      ['/api/invitations/{id}', 'delete'],
      ['/api/me/password', 'post'],
      ['/api/auth/password-reset', 'post'],
      ['/api/auth/password-reset/confirm', 'post'],
    ] as const) {
      expect(doc.paths[path]?.[method]?.summary, `${method} ${path}`).toEqual(expect.any(String));
    }
  });
});
