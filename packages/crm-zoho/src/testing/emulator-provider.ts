import { serveEmulator, type ServeEmulatorOptions } from '@kanjo/crm-emulator';
import type { CrmProvider } from '@kanjo/core';
import Database from 'better-sqlite3';
import { createZohoClient, type ZohoClient } from '../client.js';
import { createZohoProvider } from '../provider.js';

/** The emulator on a real port, and Zoho clients with their providers on fresh credentials. */
export interface EmulatorForProvider {
  baseUrl: string;
  /** The emulator's clock (and the clients'), in ms: tests move it. */
  clock: { now: number };
  /** `POST /__emulator{path}`, its answer's JSON (a failed control throws). */
  control(path: string, body: unknown, method?: string): Promise<Record<string, unknown>>;
  /** A client and its provider on fresh credentials; `sent` collects the API requests' bodies. */
  connect(grant?: {
    scopes?: string[];
  }): Promise<{ client: ZohoClient; provider: CrmProvider; sent: unknown[] }>;
  close(): Promise<void>;
}

/**
 * Serves the emulator for provider tests over real HTTP.
 *
 * @example
 * const crm = await emulatorForProvider();
 * const { provider } = await crm.connect();
 */
export async function emulatorForProvider(
  options?: ServeEmulatorOptions['options'],
): Promise<EmulatorForProvider> {
  const clock = { now: Date.parse('2026-03-02T09:00:00.000Z') };
  const served = await serveEmulator({
    db: new Database(':memory:'),
    clock: () => new Date(clock.now),
    port: 0,
    options,
  });
  const baseUrl = served.url;
  async function control(path: string, body: unknown, method = 'POST') {
    const response = await fetch(`${baseUrl}/__emulator${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}`);
    return (await response.json()) as Record<string, unknown>;
  }
  return {
    baseUrl,
    clock,
    control,
    async connect(grant = {}) {
      const creds = (await control('/clients', grant)) as Record<string, string>;
      const sent: unknown[] = [];
      const client = createZohoClient({
        accountsUrl: baseUrl,
        clientId: creds.client_id ?? '',
        clientSecret: creds.client_secret ?? '',
        refreshToken: creds.refresh_token ?? '',
        clock: () => clock.now,
        sleep: async () => {},
        fetch: (input, init) => {
          if (typeof init?.body === 'string' && input.includes('/crm/v8/')) {
            sent.push(JSON.parse(init.body));
          }
          return fetch(input, init);
        },
      });
      return { client, provider: createZohoProvider(client), sent };
    },
    close: served.close,
  };
}
