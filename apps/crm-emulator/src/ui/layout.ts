import { html, raw } from 'hono/html';
import { uiModules } from './ui-modules';

/** What the `html` tag yields; every `${value}` inside it is escaped unless it is itself `Html`. */
export type Html = ReturnType<typeof html>;

// Small and dependency-free: the emulator must start offline, so no web fonts or CDN.
const styles = raw(`
:root{--bar:#1f2d4e;--ink:#1d2433;--muted:#5b6477;--line:#d9dee8;--bg:#f4f6fa;--accent:#0a62c9;
--won:#137a3f;--lost:#b42318;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
*{box-sizing:border-box}body{margin:0}
a{color:var(--accent)}
:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:6px 10px;z-index:9}
header{background:var(--bar);color:#fff;display:flex;flex-wrap:wrap;align-items:center;gap:4px 18px;padding:8px 16px}
header .brand{font-weight:700;color:#fff;text-decoration:none;white-space:nowrap}
header .brand span{font-weight:400;opacity:.75}
nav ul{display:flex;flex-wrap:wrap;gap:2px;list-style:none;margin:0;padding:0}
nav a{color:#dbe4f7;text-decoration:none;padding:6px 10px;border-radius:4px;display:block}
nav a:hover{background:#ffffff1f}nav a[aria-current=page]{background:#fff;color:var(--bar);font-weight:600}
main{max-width:1100px;margin:0 auto;padding:16px}
h1{font-size:1.35rem;margin:4px 0 12px}h2{font-size:1.05rem;margin:20px 0 8px}
.bar{display:flex;flex-wrap:wrap;gap:8px;align-items:center;justify-content:space-between;margin-bottom:12px}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:12px}
.cards a{text-decoration:none;color:inherit}.count{font-size:1.8rem;font-weight:700;color:var(--accent)}
.scroll{overflow-x:auto;background:#fff;border:1px solid var(--line);border-radius:8px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:8px 10px;border-bottom:1px solid var(--line);white-space:nowrap}
th{background:#eef1f7;font-size:.85rem;color:var(--muted)}tbody tr:hover{background:#f7f9fd}
td.num,th.num{text-align:right}
.btn,button{min-height:34px;font:inherit;border:1px solid var(--line);background:#fff;color:var(--ink);padding:6px 12px;border-radius:6px;cursor:pointer;text-decoration:none;display:inline-block}
button:disabled{opacity:.55;cursor:default}
.primary{background:var(--accent);border-color:var(--accent);color:#fff}
.won{background:var(--won);border-color:var(--won);color:#fff}.lost{background:var(--lost);border-color:var(--lost);color:#fff}
form.search{display:flex;gap:6px}
input,select,textarea{font:inherit;padding:6px 8px;border:1px solid #b9c1d0;border-radius:6px;width:100%;background:#fff;color:var(--ink)}
input[type=checkbox]{width:auto}textarea{min-height:70px}
.fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:10px 16px}
.fields label{display:block;font-size:.85rem;color:var(--muted);margin-bottom:2px}
.fields .wide{grid-column:1/-1}
[aria-invalid=true]{border-color:var(--lost);background:#fff6f5}
.error{border:1px solid var(--lost);background:#fff6f5;color:var(--lost);padding:8px 12px;border-radius:6px}
.notice{border:1px solid var(--won);background:#f1faf4;color:var(--won);padding:8px 12px;border-radius:6px}
.stage{display:flex;flex-wrap:wrap;gap:8px;align-items:center}.stage strong{font-size:1.2rem}
.stage form{display:flex;flex-wrap:wrap;gap:6px;align-items:center}.stage select{width:auto}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:.85rem;color:var(--muted);margin:0}dl.meta dd{margin:0}
details.danger summary{cursor:pointer;color:var(--lost)}
.muted{color:var(--muted)}code{background:#eef1f7;padding:1px 5px;border-radius:4px;word-break:break-all}
.pager{display:flex;gap:10px;align-items:center;margin-top:10px}
@media (max-width:600px){main{padding:10px}header{padding:8px 10px}th,td{padding:6px 8px}
nav a{padding:4px 6px;font-size:.9rem}th,td{white-space:normal}dl.meta{grid-template-columns:1fr}dl.meta dd{margin-bottom:6px}}
`);

/**
 * The page shell every UI page shares: header bar with nav, skip link, stylesheet.
 *
 * @example
 * c.html(layout({ title: 'Accounts', active: 'accounts', body: html`<p>…</p>` }));
 */
export function layout(args: { title: string; active?: string; body: Html }): Html {
  const link = (href: string, label: string, key: string) =>
    html`<li>
      <a href="${href}" ${args.active === key ? raw('aria-current="page"') : ''}>${label}</a>
    </li>`;
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${args.title} · Zoho CRM emulator</title>
        <style>
          ${styles}
        </style>
      </head>
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header>
          <a class="brand" href="/">Zoho CRM <span>emulator</span></a>
          <nav aria-label="Modules">
            <ul>
              ${link('/', 'Home', 'home')}
              ${uiModules.map((m) => link(`/ui/${m.slug}`, m.plural, m.slug))}
              ${link('/ui/settings/widgets', 'Widgets', 'widgets')}
            </ul>
          </nav>
        </header>
        <main id="main" tabindex="-1">${args.body}</main>
      </body>
    </html>`;
}

/** A whole page saying what went wrong (404, 403, 400 without a form). */
export function messagePage(title: string, message: string): Html {
  return layout({
    title,
    body: html`<h1>${title}</h1>
      <p>${message}</p>
      <p><a href="/">Back to the dashboard</a></p>`,
  });
}
