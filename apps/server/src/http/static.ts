import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { pageContentSecurityPolicy } from './content-security';
import { errorBody } from './errors';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Serves the built PWA. Paths without a file get index.html (the SPA routes
 * them). Hashed assets under `_app/immutable` are cached for a year; everything
 * else is revalidated so a new deploy shows at once.
 */
export function serveSpa(root: string): MiddlewareHandler {
  const base = normalize(root + sep);
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const path = decodedPath(new URL(c.req.url).pathname);
    if (path === undefined) {
      return c.json(errorBody('BAD_PATH', 'The address is not valid percent-encoded UTF-8.'), 400);
    }
    if (path.startsWith('/api/')) return next();
    const file = normalize(join(base, path));
    if (!file.startsWith(base)) return next();
    const target = (await isFile(file)) ? file : join(base, 'index.html');
    let body: Buffer;
    try {
      body = await readFile(target);
    } catch {
      return next();
    }
    const immutable = path.startsWith('/_app/immutable/');
    const type = extname(target);
    return c.body(new Uint8Array(body), 200, {
      'content-type': TYPES[type] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(type === '.html'
        ? { 'content-security-policy': pageContentSecurityPolicy(body.toString('utf8')) }
        : {}),
    });
  };
}

/** The path with its %XX escapes decoded, or undefined when they are not valid UTF-8 (`/%FF`, `/%`). */
function decodedPath(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
