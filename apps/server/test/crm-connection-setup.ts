import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveEmulator, type ServeEmulatorOptions } from '@kanjo/crm-emulator';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect } from 'vitest';
import { uuidv7 } from '../src/ids';
import { invitedMember, makeTestApp, signUp, type Client, type TestApp } from './helpers';
import { useServersClosedAfterEach } from './servers';
import { emulatorCaller } from './crm-sync-setup';

/** One request a capture listener saw, as it arrived. */
export interface CapturedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * A real HTTP server standing in for a host an admin might point the
 * connection at: it records every request with its body and answers like a
 * refusing accounts server. Every listener a test file starts is closed after
 * each test.
 *
 * @example const capture = useCaptureListeners(); … const host = await capture(); host.requests
 */
export function useCaptureListeners() {
  const closeLater = useServersClosedAfterEach();
  return async (answer?: (request: CapturedRequest) => { status: number; headers?: object }) => {
    const requests: CapturedRequest[] = [];
    const server = closeLater(
      createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const request = {
            method: req.method ?? '',
            url: req.url ?? '',
            headers: req.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          };
          requests.push(request);
          const reply = answer?.(request) ?? { status: 400 };
          res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
          res.end(JSON.stringify({ error: 'invalid_client' }));
        });
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    /** Every request, headers and body as one text, for "never seen there" checks. */
    const seen = () => requests.map((r) => `${r.url}\n${JSON.stringify(r.headers)}\n${r.body}`);
    return { url, requests, seen };
  };
}

interface EmulatorClient {
  client_id: string;
  client_secret: string;
  refresh_token: string;
  email: string;
}

/** A Zoho CRM v8 emulator on a real port, as Kanjo meets a real CRM, with its test-only verbs. */
export async function startTestEmulator(options: ServeEmulatorOptions['options'] = {}) {
  const { url, close } = await serveEmulator({ db: new Database(':memory:'), port: 0, options });
  const call = emulatorCaller(url);
  return {
    url,
    /** A client of the CRM user `email`; its grants carry `scopes` (default: every scope). */
    newClient: async (email: string, scopes?: readonly string[]) =>
      (await call('POST', '/__emulator/clients', {
        email,
        ...(scopes ? { scopes } : {}),
      })) as unknown as EmulatorClient,
    /** Gives a client's grants, and their tokens, other scopes. */
    setScopes: (clientId: string, scopes: readonly string[]) =>
      call('PUT', `/__emulator/clients/${clientId}/scopes`, { scopes }),
    grantCode: async (clientId: string) =>
      String((await call('POST', '/__emulator/codes', { client_id: clientId })).code),
    tokenCalls: async () => {
      const stats = (await call('GET', '/__emulator/stats')) as { calls: Record<string, number> };
      return stats.calls['POST /oauth/v2/token'] ?? 0;
    },
    close,
  };
}
export type TestEmulator = Awaited<ReturnType<typeof startTestEmulator>>;

/**
 * One emulator for a test file: started before its tests, closed after. The
 * object answers for the running emulator, so it can be passed to helpers.
 */
export function useTestEmulator(options: ServeEmulatorOptions['options'] = {}): TestEmulator {
  let emulator: TestEmulator | undefined;
  beforeAll(async () => {
    emulator = await startTestEmulator(options);
  });
  afterAll(async () => {
    await emulator?.close();
  });
  const running = () => {
    if (!emulator) throw new Error('the emulator starts in beforeAll');
    return emulator;
  };
  return {
    get url() {
      return running().url;
    },
    newClient: (email, scopes) => running().newClient(email, scopes),
    setScopes: (clientId, scopes) => running().setScopes(clientId, scopes),
    grantCode: (clientId) => running().grantCode(clientId),
    tokenCalls: () => running().tokenCalls(),
    close: () => running().close(),
  };
}

/** An owner with a user of their own in `emulator`, and the body that connects them (not sent). */
export async function ownerWithCrmUser(emulator: TestEmulator, t?: TestApp) {
  const app = t ?? (await makeTestApp());
  const owner = await signUp(app.app);
  const crm = await emulator.newClient(owner.email);
  const body = {
    email: owner.email,
    apiDomain: emulator.url,
    accountsUrl: emulator.url,
    clientId: crm.client_id,
    clientSecret: crm.client_secret,
    refreshToken: crm.refresh_token,
  };
  const organizationId = String(owner.me.organization.id);
  return { t: app, owner: owner.client, ownerEmail: owner.email, organizationId, crm, body };
}

/** An owner whose organization is connected to `emulator`, with the body that connected it. */
export async function connectedOrg(emulator: TestEmulator, t?: TestApp) {
  const setup = await ownerWithCrmUser(emulator, t);
  const res = await setup.owner.put('/api/crm/connection', setup.body);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return setup;
}

/** The connection body without its secrets, as a form that "keeps the stored ones" sends it. */
export function withoutSecrets(body: Awaited<ReturnType<typeof connectedOrg>>['body']) {
  const { clientSecret: _s, refreshToken: _r, ...rest } = body;
  return rest;
}

/** A member of the owner's organization with `role`, signed in. */
export function member(t: TestApp, owner: Client, role: 'admin' | 'accountant' | 'sales') {
  return invitedMember(t.app, owner, { email: `${role}-${uuidv7()}@example.com`, role });
}
