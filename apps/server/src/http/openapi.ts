import { Hono } from 'hono';
import { openAPIRouteHandler } from 'hono-openapi';
import type { AppEnv } from './env';

/**
 * `GET /api/openapi.json`: generated from the same valibot schemas the routes
 * validate with (hono-openapi collects the `describeRoute` of every route), and
 * `GET /api/docs`: a small browsable reference that reads that document.
 */
export function openApiRoutes(app: Hono<AppEnv>): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get(
      '/openapi.json',
      openAPIRouteHandler(app, {
        documentation: {
          openapi: '3.1.0',
          info: {
            title: 'Kanjo API',
            version: '0.1.0',
            description:
              'Local-first invoicing with two-way CRM sync. JSON, camelCase; money in integer minor units of the ISO 4217 currency; quantities and percentages as decimal strings. Errors are `{ error: { code, message, details? } }`.',
          },
          components: {
            securitySchemes: {
              session: { type: 'apiKey', in: 'cookie', name: 'kanjo_session' },
            },
          },
          security: [{ session: [] }],
        },
        exclude: ['/api/docs', '/api/openapi.json'],
      }),
    )
    .get('/docs', (c) => c.html(DOCS_PAGE));
}

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kanjo API reference</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b2733;background:#f6f8fa}
header{background:#1f4e79;color:#fff;padding:1rem 1.5rem}main{max-width:60rem;margin:auto;padding:1rem}
details{background:#fff;border:1px solid #d5dde5;border-radius:8px;margin:.5rem 0}
summary{cursor:pointer;padding:.6rem .9rem;font-family:ui-monospace,monospace}
summary:focus-visible{outline:3px solid #f2a900}
.m{display:inline-block;min-width:4.5rem;font-weight:700}.GET{color:#1a7f37}.POST{color:#0b5cad}.PATCH{color:#9a6700}.DELETE{color:#cf222e}
pre{background:#f1f4f7;padding:.75rem;overflow:auto;margin:0 .9rem .9rem;border-radius:6px;font-size:13px}
p.d{margin:.25rem .9rem}
</style></head><body><header><h1>Kanjo API reference</h1><p>Machine-readable: <a style="color:#fff" href="/api/openapi.json">/api/openapi.json</a></p></header>
<main id="main" aria-live="polite">Loading…</main>
<script>
fetch('/api/openapi.json').then(r=>r.json()).then(doc=>{
  const main=document.getElementById('main');main.textContent='';
  const intro=document.createElement('p');intro.textContent=doc.info.description;main.append(intro);
  for(const [path,ops] of Object.entries(doc.paths)){for(const [method,op] of Object.entries(ops)){
    const d=document.createElement('details');const s=document.createElement('summary');
    const m=document.createElement('span');m.className='m '+method.toUpperCase();m.textContent=method.toUpperCase();
    s.append(m,' '+path+(op.summary?' — '+op.summary:''));d.append(s);
    if(op.description){const p=document.createElement('p');p.className='d';p.textContent=op.description;d.append(p);}
    const pre=document.createElement('pre');pre.textContent=JSON.stringify({requestBody:op.requestBody,responses:op.responses,parameters:op.parameters},null,2);d.append(pre);
    main.append(d);}}
}).catch(e=>{document.getElementById('main').textContent='Could not load the API document: '+e;});
</script></body></html>`;
