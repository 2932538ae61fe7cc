import { Hono } from 'hono';
import type { EmulatorContext, EmulatorEnv } from './context';
import { presentUser, usersOfType } from './users';

/** The CRM organization the emulator plays: Zoho reports it at connect time (F1, F8). */
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
    .get('/org', (c) =>
      c.json({
        org: [
          {
            id: org.id,
            company_name: org.companyName,
            currency: org.isoCode,
            iso_code: org.isoCode,
            currency_symbol: org.currencySymbol,
            mc_status: org.multiCurrency,
            time_zone: org.timeZone,
            primary_email: 'admin@kanjo.test',
          },
        ],
      }),
    )
    .get('/org/currencies', (c) =>
      c.json({
        currencies: [
          {
            id: '900000100',
            name: org.isoCode,
            iso_code: org.isoCode,
            symbol: org.currencySymbol,
            exchange_rate: '1.000000000',
            is_base: true,
            is_active: true,
          },
        ],
      }),
    );
}
