import {
  createServer,
  type RequestListener,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createEmulator, type EmulatorDeps } from './app';

export interface ServeEmulatorOptions {
  /** The caller owns it: `close()` leaves it open. */
  db: EmulatorDeps['db'];
  /** Default: the wall clock. */
  clock?: () => Date;
  /** 0 picks a free port. */
  port: number;
  /** Default `127.0.0.1`. */
  host?: string;
  options?: EmulatorDeps['options'];
}

export interface ServedEmulator {
  /** Where it listens, e.g. `http://127.0.0.1:8788`; also its `api_domain`. */
  url: string;
  app: ReturnType<typeof createEmulator>;
  server: ServerType;
  /** Drops open connections and stops listening. */
  close(): Promise<void>;
}

/**
 * The emulator on a real port. Resolves once it listens; rejects with the listen
 * error (`code: 'EADDRINUSE'` for a taken port).
 *
 * @example
 * const crm = await serveEmulator({ db: new Database(':memory:'), port: 0 });
 * await fetch(`${crm.url}/__emulator/clients`, { method: 'POST' });
 * await crm.close();
 */
export async function serveEmulator({
  db,
  clock = () => new Date(),
  port,
  host = '127.0.0.1',
  options,
}: ServeEmulatorOptions): Promise<ServedEmulator> {
  // The emulator names its own URL in token responses: known only once the port is bound.
  const holder: { app?: ReturnType<typeof createEmulator> } = {};
  const server = serve({
    fetch: (req) =>
      holder.app ? holder.app.fetch(req) : new Response('starting', { status: 503 }),
    port,
    hostname: host,
    createServer: serverWithZohoHeads,
  });
  await listening(server);
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  let app: ReturnType<typeof createEmulator>;
  try {
    app = createEmulator({ db, clock, baseUrl: url, options });
  } catch (error) {
    await closeServer(server);
    throw error;
  }
  holder.app = app;
  return { url, app, server, close: () => closeServer(server) };
}

/** Node's HTTP server as @hono/node-server calls it (options, listener), with Zoho's 204 heads. */
const serverWithZohoHeads = ((serverOptions: ServerOptions, listener: RequestListener) =>
  createServer(serverOptions, (req, res) => {
    withoutTypeOnNoContent(res);
    listener(req, res);
  })) as typeof createServer;

/**
 * Zoho's 204 carries no `Content-Type`, but @hono/node-server gives every
 * answer one (`text/plain`), which Zoho's own clients take for a file
 * download: it is taken off a 204 as the head is written.
 */
function withoutTypeOnNoContent(res: ServerResponse): void {
  const writeHead = res.writeHead.bind(res) as (
    status: number,
    ...rest: unknown[]
  ) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    if (status === 204) {
      res.removeHeader('content-type');
      for (const part of rest) {
        if (typeof part === 'object' && part !== null && !Array.isArray(part)) {
          delete (part as Record<string, unknown>)['content-type'];
        }
      }
    }
    return writeHead(status, ...rest);
  }) as ServerResponse['writeHead'];
}

function listening(server: ServerType): Promise<void> {
  return new Promise((resolve, reject) => {
    if (server.listening) return resolve();
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections would hold `close` open until they time out.
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}
