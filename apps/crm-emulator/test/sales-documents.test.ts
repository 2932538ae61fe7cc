import { describe, expect, it } from 'vitest';
import { setupEmulator } from './support';

type Field = {
  api_name: string;
  data_type: string;
  pick_list_values: { actual_value: string }[];
  lookup: { module?: { api_name: string } };
  system_mandatory: boolean;
};

async function fieldsOf(t: Awaited<ReturnType<typeof setupEmulator>>, module: string) {
  const res = await t.call('GET', `/settings/fields?module=${module}`);
  return new Map<string, Field>(res.json.fields.map((f: Field) => [f.api_name, f]));
}

const picklist = (f: Field | undefined) => f?.pick_list_values.map((p) => p.actual_value);

describe('Quotes, Sales_Orders and Invoices', () => {
  it.each(['Quotes', 'Sales_Orders', 'Invoices'])(
    '%s describe the fields Kanjo writes',
    async (module) => {
      const t = await setupEmulator();
      const fields = await fieldsOf(t, module);
      expect(fields.get('Subject')).toMatchObject({ data_type: 'text', system_mandatory: true });
      for (const [name, target] of [
        ['Account_Name', 'Accounts'],
        ['Deal_Name', 'Deals'],
        ['Contact_Name', 'Contacts'],
      ]) {
        expect(fields.get(name ?? '')).toMatchObject({
          data_type: 'lookup',
          lookup: { module: { api_name: target } },
        });
      }
      for (const name of ['Sub_Total', 'Tax', 'Discount', 'Grand_Total'])
        expect(fields.get(name)?.data_type).toBe('currency');
      for (const name of ['Currency', 'Description', 'Owner']) expect(fields.has(name)).toBe(true);
    },
  );

  it('have Zoho’s stages and statuses, and their own dates', async () => {
    const t = await setupEmulator();
    const quotes = await fieldsOf(t, 'Quotes');
    expect(picklist(quotes.get('Quote_Stage'))).toEqual([
      'Draft',
      'Negotiation',
      'Delivered',
      'On Hold',
      'Confirmed',
      'Closed Won',
      'Closed Lost',
    ]);
    expect(quotes.get('Valid_Till')?.data_type).toBe('date');
    const orders = await fieldsOf(t, 'Sales_Orders');
    expect(picklist(orders.get('Status'))).toEqual([
      'Created',
      'Approved',
      'Delivered',
      'Cancelled',
    ]);
    expect(orders.get('Due_Date')?.data_type).toBe('date');
    const invoices = await fieldsOf(t, 'Invoices');
    expect(picklist(invoices.get('Status'))).toEqual([
      'Created',
      'Approved',
      'Delivered',
      'Paid',
      'Cancelled',
    ]);
    expect(invoices.get('Invoice_Date')?.data_type).toBe('date');
    expect(invoices.get('Due_Date')?.data_type).toBe('date');
  });

  it('take the amounts a client writes as numbers only, and compute the totals', async () => {
    const t = await setupEmulator({ seed: 'demo' });
    const account = (await t.call('GET', '/Accounts/search?word=Acme')).json.data[0];
    const product = (await t.call('GET', '/Products/search?word=Consulting')).json.data[0];
    const document = (subject: string, extra: Record<string, unknown>) => ({
      Subject: subject,
      Account_Name: { id: account.id },
      Invoiced_Items: [{ Product_Name: { id: product.id }, Quantity: 1, List_Price: 1000 }],
      Status: 'Created',
      ...extra,
    });
    const res = await t.call('POST', '/Invoices', {
      data: [
        document('INV-1', { Grand_Total: 1100, Sub_Total: 1000, Tax: 100, Discount: 100 }),
        document('INV-2', { Discount: '100' }),
      ],
    });
    expect(res.status).toBe(207);
    expect(res.json.data[1]).toMatchObject({
      code: 'INVALID_DATA',
      details: { api_name: 'Discount', expected_data_type: 'double' },
    });
    const stored = (await t.call('GET', `/Invoices/${res.json.data[0].details.id}`)).json.data[0];
    expect(stored).toMatchObject({ Sub_Total: 1000, Discount: 100, Tax: 0, Grand_Total: 900 });
  });

  it('are related lists of their deal and account', async () => {
    const t = await setupEmulator({ seed: 'demo' });
    const deal = (await t.call('GET', '/Deals/search?word=rollout')).json.data[0];
    const account = deal.Account_Name;
    const links = { Deal_Name: { id: deal.id }, Account_Name: { id: account.id } };
    const product = (await t.call('GET', '/Products/search?word=licence')).json.data[0];
    const lines = [{ Product_Name: { id: product.id }, Quantity: 1 }];
    await t.call('POST', '/Quotes', {
      data: [{ Subject: 'QUO-1', Quote_Stage: 'Draft', Quoted_Items: lines, ...links }],
    });
    await t.call('POST', '/Sales_Orders', {
      data: [{ Subject: 'SO-1', Status: 'Created', Ordered_Items: lines, ...links }],
    });
    await t.call('POST', '/Invoices', {
      data: [{ Subject: 'INV-1', Status: 'Created', Invoiced_Items: lines, ...links }],
    });
    for (const [module, subject] of [
      ['Quotes', 'QUO-1'],
      ['Sales_Orders', 'SO-1'],
      ['Invoices', 'INV-1'],
    ]) {
      for (const parent of [`Deals/${deal.id}`, `Accounts/${account.id}`]) {
        const res = await t.call('GET', `/${parent}/${module}?fields=Subject`);
        expect(res.json.data.map((r: { Subject: string }) => r.Subject)).toEqual([subject]);
      }
    }
    const other = (await t.call('GET', '/Deals/search?word=renewal')).json.data[0];
    expect((await t.call('GET', `/Deals/${other.id}/Invoices?fields=Subject`)).status).toBe(204);
  });
});
