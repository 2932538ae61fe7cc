import { Hono } from 'hono';
import type { EmulatorContext, EmulatorEnv } from './context';
import { presentCurrency } from './currencies';
import { presentUser, usersOfType } from './users';

/** The CRM organization the emulator plays: Zoho reports it at connect time. */
export interface EmulatorOrg {
  id: string;
  companyName: string;
  /** ISO 4217 code of the CRM's base currency. */
  isoCode: string;
  currencySymbol: string;
  /** Zoho's `mc_status`: multi-currency on or off. */
  multiCurrency: boolean;
  timeZone: string;
}

export const defaultOrg: EmulatorOrg = {
  id: '900000001',
  companyName: 'Kanjo Demo CRM',
  isoCode: 'JPY',
  currencySymbol: '¥',
  multiCurrency: false,
  timeZone: 'Asia/Tokyo',
};

/** `GET /users`, `GET /org`, `GET /org/currencies` in Zoho's shapes. */
export function orgRoutes(ctx: EmulatorContext, org: EmulatorOrg): Hono<EmulatorEnv> {
  return new Hono<EmulatorEnv>()
    .get('/users', (c) => {
      const type = c.req.query('type');
      const users = usersOfType({ store: ctx.store, type, current: c.get('user') });
      if (users.length === 0) return c.body(null, 204);
      return c.json({
        users: users.map(presentUser),
        info: { per_page: 200, count: users.length, page: 1, more_records: false },
      });
    })
    .get('/org', (c) => c.json({ org: [presentOrg(org)] }))
    .get('/org/currencies', (c) =>
      c.json({ currencies: [presentCurrency(org, ctx.store.admin())] }),
    );
}

/**
 * `GET /org`'s one organization with every field of Zoho's v8 sample answer
 * (getOrganization), filled with the emulator's own values.
 */
function presentOrg(org: EmulatorOrg): Record<string, unknown> {
  return {
    id: org.id,
    company_name: org.companyName,
    alias: null,
    primary_email: 'admin@kanjo.test',
    primary_zuid: `${org.id}1`,
    zgid: `${org.id}2`,
    ezgid: `${org.id}3`,
    zia_zgid: null,
    zia_portal_id: null,
    domain_name: `org${org.id}`,
    type: 'production',
    created_time: '2025-01-01T09:00:00+09:00',
    description: null,
    photo_id: null,
    phone: null,
    mobile: null,
    fax: null,
    website: null,
    employee_count: null,
    street: null,
    city: null,
    state: null,
    zip: null,
    country: 'Japan',
    country_code: 'JP',
    time_zone: org.timeZone,
    currency: org.isoCode,
    iso_code: org.isoCode,
    currency_symbol: org.currencySymbol,
    currency_locale: 'ja_JP',
    mc_status: org.multiCurrency,
    gapps_enabled: false,
    translation_enabled: false,
    privacy_settings: false,
    hipaa_compliance_enabled: false,
    lite_users_enabled: false,
    deletable_org_account: false,
    oauth_presence: true,
    call_icon: 'show',
    max_per_page: 200,
    license_details: {
      paid: true,
      paid_type: 'enterprise',
      paid_expiry: null,
      trial_type: null,
      trial_action: null,
      trial_expiry: null,
      users_license_purchased: 10,
      portal_users_license_purchased: 0,
    },
    hierarchy_preferences: { type: 'Role_Hierarchy', strictly_reporting: false },
    checkin_preferences: { restricted_event_types: null },
  };
}
