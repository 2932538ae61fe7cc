import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { widgetSigningText } from '../src/widgets/contract';
import { setupEmulator, T0 } from './support';

/** The Kanjo panel widget: Settings → Widgets and the signed iframe on record pages. */

const ORIGIN = 'http://localhost';
const SECRET = 'a'.repeat(64);
const PANEL = 'https://kanjo.example/crm-panel';

async function setup() {
  const t = await setupEmulator({ seed: 'demo' });
  const get = async (path: string, cookie = '') => {
    const res = await t.app.request(path, { headers: cookie ? { cookie } : {} });
    return { status: res.status, text: await res.text(), cookie: res.headers.get('set-cookie') };
  };
  const post = (path: string, form: Record<string, string>, origin = ORIGIN) =>
    t.app.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', Origin: origin },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
  const firstId = async (slug: string) => {
    const match = new RegExp(`/ui/${slug}/(\\d+)`).exec((await get(`/ui/${slug}`)).text);
    if (!match?.[1]) throw new Error(`no ${slug}`);
    return match[1];
  };
  const users = (await t.call('GET', '/users')).json.users as {
    id: string;
    full_name: string;
    profile: { id: string; name: string };
  }[];
  return { ...t, get, post, firstId, users };
}

/** The iframe's URL on a page, unescaped. */
function iframeSrc(page: string): URL | undefined {
  const src = /<iframe[^>]*src="([^"]+)"/.exec(page)?.[1];
  return src === undefined ? undefined : new URL(src.replaceAll('&amp;', '&'));
}

describe('the widget contract', () => {
  it('signs the same canonical text as Kanjo', () => {
    const claims = {
      org: 'o1',
      module: 'Accounts',
      id: '42',
      user: '7',
      profile: '9',
      exp: 1767225600,
    } as const;
    expect(widgetSigningText(claims)).toBe(
      'org=o1&module=Accounts&id=42&user=7&profile=9&exp=1767225600',
    );
    expect(widgetSigningText({ ...claims, org: 'a b&c' })).toMatch(/^org=a%20b%26c&/);
  });
});

describe('Settings → Widgets', () => {
  it('keeps the panel URL and secret, never shows the secret, and refuses bad input', async () => {
    const t = await setup();
    const empty = await t.get('/ui/settings/widgets');
    expect(empty.status).toBe(200);
    expect(empty.text).toContain('href="/ui/settings/widgets"');
    expect(empty.text).toContain('Panel URL');

    const refused: Record<string, string>[] = [
      { panelUrl: 'not a url', secret: SECRET },
      { panelUrl: PANEL, secret: SECRET },
      { panelUrl: `${PANEL}?org=o1`, secret: 'short' },
      { panelUrl: 'javascript:alert(1)', secret: SECRET, org: 'o1' },
    ];
    for (const form of refused)
      expect((await t.post('/ui/settings/widgets', form)).status).toBe(400);
    expect(
      (
        await t.post(
          '/ui/settings/widgets',
          { panelUrl: `${PANEL}?org=o1`, secret: SECRET },
          'https://evil.example',
        )
      ).status,
    ).toBe(403);

    const saved = await t.post('/ui/settings/widgets', {
      panelUrl: `${PANEL}?org=o1`,
      secret: SECRET,
    });
    expect(saved.status).toBe(303);
    const page = await t.get('/ui/settings/widgets?notice=widget');
    expect(page.text).toContain('Widget saved.');
    expect(page.text).toContain('Signing for organization o1');
    expect(page.text).not.toContain(SECRET);
    // An empty secret keeps the saved one; the org field wins over the URL.
    expect(
      (await t.post('/ui/settings/widgets', { panelUrl: PANEL, org: 'o2', secret: '' })).status,
    ).toBe(303);
    expect((await t.get('/ui/settings/widgets')).text).toContain('Signing for organization o2');
  });

  it('can be set through the control API too', async () => {
    const t = await setup();
    const res = await t.control('PUT', '/widget', { panelUrl: `${PANEL}?org=o9`, secret: SECRET });
    expect(res.status).toBe(200);
    expect((await t.get('/ui/settings/widgets')).text).toContain('Signing for organization o9');
    expect((await t.control('PUT', '/widget', { panelUrl: PANEL })).status).toBe(400);
  });
});

describe('the panel on record pages', () => {
  it('frames a URL freshly signed for the record and the acting user (the admin by default)', async () => {
    const t = await setup();
    await t.post('/ui/settings/widgets', { panelUrl: `${PANEL}?org=o1`, secret: SECRET });
    const admin = t.users.find((u) => u.profile.name === 'Administrator');
    for (const [slug, module] of [
      ['accounts', 'Accounts'],
      ['contacts', 'Contacts'],
      ['deals', 'Deals'],
    ] as const) {
      const id = await t.firstId(slug);
      const url = iframeSrc((await t.get(`/ui/${slug}/${id}`)).text);
      expect(url?.origin + (url?.pathname ?? '')).toBe(PANEL);
      const claims = {
        org: 'o1',
        module,
        id,
        user: String(admin?.id),
        profile: '900000020',
        exp: Math.floor(T0.getTime() / 1000) + 300,
      };
      const text = widgetSigningText(claims);
      const sig = createHmac('sha256', SECRET).update(text).digest('hex');
      expect(url?.search).toBe(`?${text}&sig=${sig}`);
    }
    const product = await t.firstId('products');
    expect(iframeSrc((await t.get(`/ui/products/${product}`)).text)).toBeUndefined();
  });

  it('acts as the Sales Rep (profile Sales) once switched, remembered by a cookie', async () => {
    const t = await setup();
    await t.post('/ui/settings/widgets', { panelUrl: `${PANEL}?org=o1`, secret: SECRET });
    const rep = t.users.find((u) => u.full_name === 'Sales Rep');
    expect(rep?.profile).toEqual({ id: '900000022', name: 'Sales' });
    const id = await t.firstId('accounts');
    const switched = await t.get(`/ui/accounts/${id}?as=${rep?.id}`);
    expect(switched.text).toMatch(/<option value="\d+" selected>\s*Sales Rep \(Sales\)/);
    expect(iframeSrc(switched.text)?.searchParams.get('user')).toBe(rep?.id);
    expect(iframeSrc(switched.text)?.searchParams.get('profile')).toBe('900000022');
    const cookie = (switched.cookie ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^crm_as=/);
    const later = await t.get(`/ui/accounts/${id}`, cookie);
    expect(iframeSrc(later.text)?.searchParams.get('user')).toBe(rep?.id);
    // An unknown user id falls back to the admin.
    const unknown = await t.get(`/ui/accounts/${id}?as=nobody`);
    expect(iframeSrc(unknown.text)?.searchParams.get('profile')).toBe('900000020');
  });

  it('points to the setting while there is none', async () => {
    const t = await setup();
    const id = await t.firstId('accounts');
    const page = await t.get(`/ui/accounts/${id}`);
    expect(page.text).not.toContain('<iframe');
    expect(page.text).toContain('Settings → Widgets');
  });
});
