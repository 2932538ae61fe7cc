import { afterEach } from 'vitest';

/** A listening server as node:http and @hono/node-server make them. */
interface Closable {
  close(callback: () => void): unknown;
  closeAllConnections?: () => void;
}

/**
 * Every server a test file hands to the returned function is closed after
 * each test, open connections too, so no listener outlives its test.
 *
 * @example const closeLater = useServersClosedAfterEach(); … closeLater(createServer(...))
 */
export function useServersClosedAfterEach(): <S extends Closable>(server: S) => S {
  const servers: Closable[] = [];
  afterEach(async () => {
    await Promise.all(
      servers.splice(0).map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections?.();
          }),
      ),
    );
  });
  return (server) => {
    servers.push(server);
    return server;
  };
}
