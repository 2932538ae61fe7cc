import type { Page } from 'playwright-core';
import type { RunningEmulator } from '../fixtures/emulator';

export interface ApiAnswer<T> {
  status: number;
  json: T;
}

/** The part of the sync rules (`GET /api/crm/settings`) the journeys change. */
export interface CrmSyncRules {
  customers: {
    module: 'accounts' | 'contacts' | 'accountsAndContacts';
    importOnDemand?: boolean;
    views: { accounts: string | null; contacts: string | null };
  };
}

/**
 * Set-up steps an owner would take under Settings → CRM, through the Kanjo
 * API as the signed-in person (same-origin fetches inside the page): sync
 * now and wait, read and change the sync rules, find a CRM view.
 */
export class CrmSyncApi {
  constructor(
    readonly page: Page,
    readonly timeoutMs = 30_000,
  ) {}

  request<T>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>> {
    return this.page.evaluate(
      async ({ method, path, body }) => {
        const response = await fetch(path, {
          method,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: response.status, json: (await response.json()) as unknown };
      },
      { method, path, body },
    ) as Promise<ApiAnswer<T>>;
  }

  /**
   * Starts a sync and waits for it to end. A run already going (the
   * scheduler's first one at start-up) is refused with 409: once it ends, one
   * more starts, so what the CRM holds now is in Kanjo when this resolves.
   * Polled from here: `waitForFunction` would take an async predicate's
   * promise for a truthy answer and return at once.
   */
  async syncNow(): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    const pause = async (what: string) => {
      if (Date.now() > deadline) throw new Error(`Sync now: ${what} after ${this.timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    };
    let runId: string | undefined;
    while (runId === undefined) {
      const started = await this.request<{ runId?: string; error?: { code: string } }>(
        'POST',
        '/api/crm/sync',
        {},
      );
      if (started.status === 202) runId = started.json.runId;
      else if (started.json.error?.code === 'CRM_SYNC_RUNNING') await pause('no run started');
      else throw new Error(`Sync now answered ${started.status}: ${JSON.stringify(started.json)}`);
    }
    for (;;) {
      const run = await this.request<{ run: { status: string } }>(
        'GET',
        `/api/crm/runs/${runId}?limit=1`,
      );
      if (run.status === 200 && run.json.run.status !== 'running') return;
      await pause(`run ${runId} still going`);
    }
  }

  /**
   * Connects the signed-in owner's organization to `emulator` as the CRM
   * user `email`, then saves the rules as they stand (the organization is set up).
   */
  async connectTo(emulator: RunningEmulator, email: string): Promise<void> {
    const client = await emulator.client(email);
    const connected = await this.request('PUT', '/api/crm/connection', {
      email,
      apiDomain: emulator.url,
      accountsUrl: emulator.url,
      clientId: client.client_id,
      clientSecret: client.client_secret,
      refreshToken: client.refresh_token,
    });
    if (connected.status !== 200) {
      throw new Error(`connecting was refused: ${JSON.stringify(connected.json)}`);
    }
    await this.saveRules(await this.rules());
  }

  async rules<T extends CrmSyncRules>(): Promise<T> {
    const answer = await this.request<{ settings: T }>('GET', '/api/crm/settings');
    if (answer.status !== 200) throw new Error(`GET /api/crm/settings answered ${answer.status}`);
    return answer.json.settings;
  }

  async saveRules(settings: CrmSyncRules): Promise<void> {
    const saved = await this.request('PUT', '/api/crm/settings', { settings });
    if (saved.status !== 200) {
      throw new Error(`the sync rules were refused: ${JSON.stringify(saved.json)}`);
    }
  }

  /** The id of a CRM view ("My Accounts", "All Contacts") the rules may choose. */
  async viewId(module: 'Accounts' | 'Contacts', name: string): Promise<string> {
    const answer = await this.request<{ views: { id: string; name: string }[] }>(
      'GET',
      `/api/crm/views?module=${module}`,
    );
    const view = answer.json.views.find((v) => v.name === name);
    if (!view) throw new Error(`the CRM has no view ${name}`);
    return view.id;
  }
}
