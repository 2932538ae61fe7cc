import { createHash } from 'node:crypto';

/** The inline `<script>` bodies of a page (not those with `src`), as the browser hashes them. */
function inlineScripts(html: string): string[] {
  const found: string[] = [];
  const pattern = /<script(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi;
  for (const match of html.matchAll(pattern)) found.push(match[1] ?? '');
  return found;
}

/**
 * The Content-Security-Policy of a page of the PWA: its own scripts (the
 * built bundle, and the inline boot script SvelteKit writes into index.html,
 * allowed by its SHA-256 so no other inline script runs), its own API and
 * styles, images from itself or data:/blob: URLs (the organization's logo,
 * PDFs the page made), no plugins, no framing (the CRM panel page widens
 * `frame-ancestors` for the connected CRM on its own).
 *
 * Styles allow `'unsafe-inline'`: Svelte writes `style` attributes for
 * transitions and layout, and CSS cannot run script.
 *
 * @example c.header('Content-Security-Policy', pageContentSecurityPolicy(html));
 */
export function pageContentSecurityPolicy(html: string): string {
  const hashes = inlineScripts(html).map(
    (body) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`,
  );
  return [
    "default-src 'self'",
    `script-src 'self' ${hashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-src 'none'",
    // Only the PDFs the page itself fetched (blob:), which Chromium shows through its viewer plugin.
    'object-src blob:',
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** For the API's JSON answers: nothing in them may run, load or be framed. */
export const NON_PAGE_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
