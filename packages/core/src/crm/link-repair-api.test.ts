import { describe, expect, it } from 'vitest';
import { crmRecordUrl } from './link-repair-api';

describe('crmRecordUrl', () => {
  it.each([
    ['https://www.zohoapis.com', 'Accounts', '42', 'https://crm.zoho.com/crm/tab/Accounts/42'],
    ['https://www.zohoapis.jp/', 'Products', '7', 'https://crm.zoho.jp/crm/tab/Products/7'],
    ['https://www.zohoapis.com.au', 'Contacts', '1', 'https://crm.zoho.com.au/crm/tab/Contacts/1'],
    ['http://127.0.0.1:8788', 'Accounts', '42', 'http://127.0.0.1:8788/ui/accounts/42'],
    ['http://localhost:9000', 'Contacts', '5', 'http://localhost:9000/ui/contacts/5'],
    // a host Kanjo does not know: no address rather than a wrong one
    ['https://crm.example.com', 'Accounts', '42', null],
    ['http://www.zohoapis.com', 'Accounts', '42', null],
    ['not a url', 'Accounts', '42', null],
  ])('%s %s %s → %s', (apiDomain, module, id, expected) => {
    expect(crmRecordUrl(apiDomain, module, id)).toBe(expected);
  });
});
