import type { MessageKey } from '../i18n/en';

export interface DataCentre {
  accountsUrl: string;
  /** The API domain Zoho issues tokens for in this data centre. */
  apiDomain: string;
  label: MessageKey;
}

/** Zoho's data centres: where an account signs in, and the API domain its tokens are for. */
export const ZOHO_DATA_CENTRES = [
  {
    accountsUrl: 'https://accounts.zoho.com',
    apiDomain: 'https://www.zohoapis.com',
    label: 'crm.dc.us',
  },
  {
    accountsUrl: 'https://accounts.zoho.eu',
    apiDomain: 'https://www.zohoapis.eu',
    label: 'crm.dc.eu',
  },
  {
    accountsUrl: 'https://accounts.zoho.in',
    apiDomain: 'https://www.zohoapis.in',
    label: 'crm.dc.in',
  },
  {
    accountsUrl: 'https://accounts.zoho.com.au',
    apiDomain: 'https://www.zohoapis.com.au',
    label: 'crm.dc.au',
  },
  {
    accountsUrl: 'https://accounts.zoho.jp',
    apiDomain: 'https://www.zohoapis.jp',
    label: 'crm.dc.jp',
  },
  {
    accountsUrl: 'https://accounts.zohocloud.ca',
    apiDomain: 'https://www.zohoapis.ca',
    label: 'crm.dc.ca',
  },
  {
    accountsUrl: 'https://accounts.zoho.sa',
    apiDomain: 'https://www.zohoapis.sa',
    label: 'crm.dc.sa',
  },
  {
    accountsUrl: 'https://accounts.zoho.com.cn',
    apiDomain: 'https://www.zohoapis.com.cn',
    label: 'crm.dc.cn',
  },
] as const satisfies readonly DataCentre[];

/** The data centre of an accounts URL (a trailing slash is forgiven), if it is one of Zoho's. */
export function dataCentreOf(accountsUrl: string): DataCentre | undefined {
  const wanted = accountsUrl.trim().replace(/\/+$/, '');
  return ZOHO_DATA_CENTRES.find((dc) => dc.accountsUrl === wanted);
}
