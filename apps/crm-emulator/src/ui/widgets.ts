import { html } from 'hono/html';
import { profiles } from '../metadata';
import type { StoredRecord, User } from '../store';
import {
  signedPanelUrl,
  widgetOrg,
  WIDGET_MODULES,
  type WidgetModule,
  type WidgetSetting,
} from '../widgets/contract';
import { layout, type Html } from './layout';
import type { UiModule } from './ui-modules';

/** The profile id of a user's profile name, as `/settings/profiles` lists it. */
export const profileIdOf = (user: User): string =>
  profiles.find((p) => p.name === user.profile)?.id ?? '';

/** "Acting as": who the UI shows the CRM to, e.g. the Sales Rep to see the panel as Sales. */
export function actingAsSwitch(args: {
  acting: User;
  users: readonly User[];
  action: string;
}): Html {
  return html`<form method="get" action="${args.action}" class="stage" aria-label="Acting user">
    <label for="acting-as">Acting as</label>
    <select id="acting-as" name="as" style="width:auto">
      ${args.users.map(
        (u) =>
          html`<option value="${u.id}" ${u.id === args.acting.id ? 'selected' : ''}>
            ${u.name} (${u.profile})
          </option>`,
      )}
    </select>
    <button type="submit">Switch</button>
  </form>`;
}

const isWidgetModule = (name: string): name is WidgetModule =>
  (WIDGET_MODULES as readonly string[]).includes(name);

/**
 * The Kanjo panel on an account, contact or deal page: an iframe of a URL
 * signed now for this record and the acting user (or a pointer to set it up).
 */
export function panelSection(args: {
  module: UiModule;
  record: StoredRecord;
  setting: WidgetSetting | undefined;
  acting: User;
  users: readonly User[];
  nowSeconds: number;
}): Html | undefined {
  const { module, record, setting, acting } = args;
  if (!isWidgetModule(module.apiName)) return undefined;
  const body = setting
    ? html`<iframe
        class="widget"
        title="Kanjo"
        src="${signedPanelUrl({
          setting,
          module: module.apiName,
          id: record.id,
          user: acting.id,
          profile: profileIdOf(acting),
          nowSeconds: args.nowSeconds,
        })}"
        referrerpolicy="no-referrer"
        style="width:100%;height:560px;border:1px solid var(--line);border-radius:8px;background:#fff"
      ></iframe>`
    : html`<p class="muted">
        No widget yet: paste Kanjo's panel URL and secret in
        <a href="/ui/settings/widgets">Settings → Widgets</a>.
      </p>`;
  return html`<section aria-labelledby="widget-h" style="margin-top:12px">
    <div class="bar">
      <h2 id="widget-h" style="margin:0">Kanjo</h2>
      ${actingAsSwitch({ acting, users: args.users, action: `/ui/${module.slug}/${record.id}` })}
    </div>
    ${body}
  </section>`;
}

/** Settings → Widgets: the Kanjo panel's URL, organization and secret. */
export function widgetSettingsPage(args: {
  setting: WidgetSetting | undefined;
  values?: { panelUrl: string; org: string };
  notice?: string;
  error?: string;
  acting: User;
  users: readonly User[];
}): Html {
  const { setting } = args;
  const values = args.values ?? { panelUrl: setting?.panelUrl ?? '', org: setting?.org ?? '' };
  const body = html`<div class="bar">
      <h1>Widgets</h1>
      ${actingAsSwitch({ acting: args.acting, users: args.users, action: '/ui/settings/widgets' })}
    </div>
    ${args.notice ? html`<p class="notice" role="status">${args.notice}</p>` : ''}
    ${args.error ? html`<p class="error" role="alert">Not saved: ${args.error}</p>` : ''}
    <form method="post" action="/ui/settings/widgets" class="card" aria-label="Kanjo panel widget">
      <p>
        Kanjo's panel shows on account, contact and deal pages, opened with a URL signed for the
        record and the acting user (HMAC-SHA256, valid 5 minutes). Copy the URL and the secret from
        Kanjo's CRM settings.
      </p>
      <div class="fields">
        <div class="wide">
          <label for="panelUrl">Panel URL</label>
          <input id="panelUrl" name="panelUrl" type="url" required value="${values.panelUrl}" />
        </div>
        <div>
          <label for="org">Kanjo organization id (if the URL has no <code>?org=</code>)</label>
          <input id="org" name="org" value="${values.org}" />
        </div>
        <div>
          <label for="secret">Secret${setting ? ' (leave empty to keep the saved one)' : ''}</label>
          <input id="secret" name="secret" type="password" autocomplete="off" />
        </div>
      </div>
      <p>
        <button type="submit" class="primary">Save</button>
        ${setting ? html`<span class="muted">Signing for organization ${widgetOrg(setting)}</span>` : ''}
      </p>
    </form>`;
  return layout({ title: 'Widgets', active: 'widgets', body });
}

/** The form's setting, or what is wrong with it; an empty secret keeps the saved one. */
export function parseWidgetForm(
  form: Record<string, unknown>,
  saved: WidgetSetting | undefined,
): { ok: true; setting: WidgetSetting } | { ok: false; message: string } {
  const text = (key: string) => (typeof form[key] === 'string' ? form[key].trim() : '');
  const panelUrl = text('panelUrl');
  const secret = text('secret') || saved?.secret || '';
  const org = text('org');
  let url: URL;
  try {
    url = new URL(panelUrl);
  } catch {
    return { ok: false, message: 'the panel URL is not a URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: 'the panel URL must be http(s)' };
  }
  if (!/^[A-Za-z0-9_.:-]{0,64}$/.test(org))
    return { ok: false, message: 'the organization id is not valid' };
  if (secret.length < 16 || secret.length > 200) {
    return { ok: false, message: 'the secret must be 16 to 200 characters' };
  }
  const setting = { panelUrl, secret, org };
  if (!widgetOrg(setting))
    return { ok: false, message: 'name the Kanjo organization (URL ?org= or the field)' };
  return { ok: true, setting };
}
