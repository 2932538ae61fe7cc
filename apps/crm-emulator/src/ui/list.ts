import { html } from 'hono/html';
import type { StoredRecord } from '../store';
import { layout, type Html } from './layout';
import { PER_PAGE } from './query';
import { uiModules, type UiModule } from './ui-modules';

/** A table of records; the first column links to each record's page. */
export function recordTable(module: UiModule, records: readonly StoredRecord[]): Html {
  if (records.length === 0) return html`<p class="muted">No ${module.plural.toLowerCase()}.</p>`;
  const cell = (r: StoredRecord, i: number) => {
    const column = module.columns[i];
    if (!column) return '';
    const value = column.value(r);
    const klass = column.numeric ? 'num' : '';
    if (i > 0) return html`<td class="${klass}">${value}</td>`;
    return html`<td><a href="/ui/${module.slug}/${r.id}">${value || r.id}</a></td>`;
  };
  return html`<div class="scroll">
    <table>
      <thead>
        <tr>
          ${module.columns.map((c) => html`<th scope="col" class="${c.numeric ? 'num' : ''}">${c.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${records.map(
          (r) =>
            html`<tr>
              ${module.columns.map((_, i) => cell(r, i))}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/**
 * A module's list page: search box, "New", one page of records, previous/next links.
 *
 * @example
 * listPage({ module, records, total: 120, q: '', page: 1 });
 */
export function listPage(args: {
  module: UiModule;
  records: readonly StoredRecord[];
  total: number;
  q: string;
  page: number;
  notice?: string;
}): Html {
  const { module, q, page, total } = args;
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  const href = (p: number) => `/ui/${module.slug}?${new URLSearchParams({ q, page: String(p) })}`;
  const first = total === 0 ? 0 : (page - 1) * PER_PAGE + 1;
  const last = Math.min(total, page * PER_PAGE);
  const body = html`<div class="bar">
      <h1>${module.plural}</h1>
      <a class="btn primary" href="/ui/${module.slug}/new">New ${module.singular.toLowerCase()}</a>
    </div>
    ${args.notice ? html`<p class="notice" role="status">${args.notice}</p>` : ''}
    <form class="search" method="get" action="/ui/${module.slug}" role="search">
      <label for="q" class="sr-only">Search ${module.plural.toLowerCase()} by name</label>
      <input id="q" name="q" type="search" value="${q}" placeholder="Name contains…" />
      <button type="submit">Search</button>
    </form>
    <p class="muted">
      ${total === 0 ? 'No matches' : `${first}–${last} of ${total}`}${q ? html` for “${q}” · <a href="/ui/${module.slug}">clear</a>` : ''}
      · newest change first
    </p>
    ${recordTable(module, args.records)}
    <nav class="pager" aria-label="Pages">
      ${page > 1 ? html`<a class="btn" href="${href(page - 1)}" rel="prev">← Previous</a>` : ''}
      <span class="muted">Page ${page} of ${pages}</span>
      ${page < pages ? html`<a class="btn" href="${href(page + 1)}" rel="next">Next →</a>` : ''}
    </nav>`;
  return layout({ title: module.plural, active: module.slug, body });
}

/** `/`: the org, record counts per module and where the API lives. */
export function dashboardPage(args: {
  orgName: string;
  baseUrl: string;
  counts: ReadonlyMap<string, number>;
}): Html {
  const cards = uiModules.map(
    (m) =>
      html`<a class="card" href="/ui/${m.slug}">
        <div class="count">${args.counts.get(m.apiName) ?? 0}</div>
        <div>${m.plural}</div></a
      >`,
  );
  const body = html`<h1>${args.orgName}</h1>
    <section aria-labelledby="records-h">
      <h2 id="records-h">Records</h2>
      <div class="cards">${cards}</div>
    </section>
    <section class="card" aria-labelledby="about-h" style="margin-top:16px">
      <h2 id="about-h" style="margin-top:0">About</h2>
      <p>
        This is Kanjo's Zoho CRM emulator: a Zoho CRM v8 wire-compatible server. Changes made here
        go through the same code as the REST API, so Kanjo sees them as it would see a real Zoho
        CRM.
      </p>
      <dl class="meta">
        <dt>API base URL</dt>
        <dd><code>${args.baseUrl}/crm/v8</code></dd>
        <dt>OAuth token URL</dt>
        <dd><code>${args.baseUrl}/oauth/v2/token</code></dd>
      </dl>
    </section>`;
  return layout({ title: 'Home', active: 'home', body });
}
