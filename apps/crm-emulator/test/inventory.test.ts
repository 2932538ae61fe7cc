import { describe, expect, it } from 'vitest';
import { setupEmulator } from './support';

type Emulator = Awaited<ReturnType<typeof setupEmulator>>;

const itemsOf = {
  Quotes: 'Quoted_Items',
  Sales_Orders: 'Ordered_Items',
  Invoices: 'Invoiced_Items',
};
type Module = keyof typeof itemsOf;

/** The demo book's ids: Acme (a JPY account) and its two products. */
async function demo() {
  const t = await setupEmulator({ seed: 'demo' });
  const search = async (module: string, word: string) =>
    (await t.call('GET', `/${module}/search?word=${word}`)).json.data[0] as {
      id: string;
      [field: string]: unknown;
    };
  const acme = await search('Accounts', 'Acme');
  const hour = await search('Products', 'Consulting');
  const licence = await search('Products', 'licence');
  return { t, acme, hour, licence };
}

/** A document of Acme with the given lines, as a client writes it. */
const documentOf = (
  module: Module,
  accountId: string,
  lines: unknown[],
  extra: Record<string, unknown> = {},
) => ({
  Subject: `${module}-1`,
  Account_Name: { id: accountId },
  [itemsOf[module]]: lines,
  ...extra,
});

const read = async (t: Emulator, module: string, id: string) =>
  (await t.call('GET', `/${module}/${id}`)).json.data[0] as Record<string, any>;

describe('inventory modules (Quotes, Sales_Orders, Invoices)', () => {
  it.each(Object.keys(itemsOf) as Module[])(
    '%s store their line items and answer each with an id and its product',
    async (module) => {
      const { t, acme, hour } = await demo();
      const line = {
        Product_Name: { id: hour.id },
        Quantity: 3,
        List_Price: 15000,
        Discount: 5000,
        Description: 'On-site workshop',
        Line_Tax: [{ name: 'Consumption Tax', percentage: 10 }],
      };
      const res = await t.call('POST', `/${module}`, {
        data: [documentOf(module, acme.id, [line])],
      });
      expect(res.status).toBe(201);
      const stored = await read(t, module, res.json.data[0].details.id);
      const items = stored[itemsOf[module]];
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        Product_Name: { id: hour.id, name: 'Consulting hour' },
        Quantity: 3,
        List_Price: 15000,
        Discount: 5000,
        Description: 'On-site workshop',
        Total: 45000,
        Total_After_Discount: 40000,
        Tax: 4000,
        Net_Total: 44000,
        Sequence_Number: 1,
        Line_Tax: [{ name: 'Consumption Tax', percentage: 10, value: 4000 }],
      });
      expect(items[0].id).toMatch(/^\d{19}$/);
      expect(stored).toMatchObject({ Sub_Total: 44000, Tax: 0, Grand_Total: 44000 });
    },
  );

  it('refuses a line whose product is not a Products record, naming the field', async () => {
    const { t, acme, hour } = await demo();
    const res = await t.call('POST', '/Invoices', {
      data: [
        documentOf('Invoices', acme.id, [{ Product_Name: { id: hour.id }, Quantity: 1 }]),
        documentOf(
          'Invoices',
          acme.id,
          [{ Product_Name: { id: '5725767000000999999' }, Quantity: 1 }],
          {
            Subject: 'INV-2',
          },
        ),
      ],
    });
    expect(res.status).toBe(207);
    expect(res.json.data[1]).toEqual({
      code: 'INVALID_DATA',
      details: {
        api_name: 'Product_Name',
        json_path: '$.data[1].Invoiced_Items[0].Product_Name',
        parent_api_name: 'Invoiced_Items',
        expected_data_type: 'lookup',
      },
      message: 'invalid data',
      status: 'error',
    });
    const noProduct = await t.call('POST', '/Invoices', {
      data: [documentOf('Invoices', acme.id, [{ Quantity: 1 }], { Subject: 'INV-3' })],
    });
    expect(noProduct.json.data[0]).toMatchObject({
      code: 'MANDATORY_NOT_FOUND',
      details: {
        api_name: 'Product_Name',
        json_path: '$.data[0].Invoiced_Items[0].Product_Name',
        parent_api_name: 'Invoiced_Items',
      },
    });
  });

  it('refuses a document without line items with MANDATORY_NOT_FOUND', async () => {
    const { t, acme, hour } = await demo();
    for (const lines of [undefined, []]) {
      const body = documentOf('Quotes', acme.id, []);
      if (lines === undefined) delete body.Quoted_Items;
      const res = await t.call('POST', '/Quotes', { data: [body] });
      expect(res.status).toBe(400);
      expect(res.json.data[0]).toEqual({
        code: 'MANDATORY_NOT_FOUND',
        details: { api_name: 'Quoted_Items', json_path: '$.data[0].Quoted_Items' },
        message: 'required field not found',
        status: 'error',
      });
    }
    const line = { Product_Name: { id: hour.id }, Quantity: 1 };
    const created = await t.call('POST', '/Quotes', {
      data: [documentOf('Quotes', acme.id, [line])],
    });
    const id = created.json.data[0].details.id;
    const cleared = await t.call('PUT', `/Quotes/${id}`, { data: [{ Quoted_Items: null }] });
    expect(cleared.json.data[0].code).toBe('MANDATORY_NOT_FOUND');
    const stored = await read(t, 'Quotes', id);
    const removed = await t.call('PUT', `/Quotes/${id}`, {
      data: [{ Quoted_Items: [{ id: stored.Quoted_Items[0].id, _delete: null }] }],
    });
    expect(removed.json.data[0]).toMatchObject({
      code: 'MANDATORY_NOT_FOUND',
      details: { api_name: 'Quoted_Items' },
    });
  });

  it('needs Subject and Account_Name on insert, upsert and update, as /settings/fields says', async () => {
    const { t, acme, hour } = await demo();
    const lines = [{ Product_Name: { id: hour.id }, Quantity: 1 }];
    for (const missing of ['Subject', 'Account_Name']) {
      const body: Record<string, unknown> = documentOf('Sales_Orders', acme.id, lines);
      delete body[missing];
      for (const path of ['/Sales_Orders', '/Sales_Orders/upsert']) {
        const res = await t.call('POST', path, { data: [body] });
        expect(res.json.data[0]).toMatchObject({
          code: 'MANDATORY_NOT_FOUND',
          details: { api_name: missing, json_path: `$.data[0].${missing}` },
        });
      }
    }
    const created = await t.call('POST', '/Sales_Orders', {
      data: [documentOf('Sales_Orders', acme.id, lines)],
    });
    const id = created.json.data[0].details.id;
    const cleared = await t.call('PUT', '/Sales_Orders', { data: [{ id, Account_Name: null }] });
    expect(cleared.json.data[0]).toMatchObject({
      code: 'MANDATORY_NOT_FOUND',
      details: { api_name: 'Account_Name' },
    });
    const fields = (await t.call('GET', '/settings/fields?module=Sales_Orders')).json.fields as {
      api_name: string;
      system_mandatory: boolean;
      data_type: string;
      read_only: boolean;
    }[];
    const field = (name: string) => fields.find((f) => f.api_name === name);
    for (const name of ['Subject', 'Account_Name', 'Ordered_Items'])
      expect(field(name)?.system_mandatory).toBe(true);
    expect(field('Ordered_Items')?.data_type).toBe('subform');
    for (const name of ['Sub_Total', 'Tax', 'Grand_Total'])
      expect(field(name)?.read_only).toBe(true);
  });

  it('computes Sub_Total, Tax and Grand_Total itself, rounding tax per line to the currency', async () => {
    const { t, acme, hour, licence } = await demo();
    const taxed = (product: string) => ({
      Product_Name: { id: product },
      Quantity: 1,
      List_Price: 105,
      Line_Tax: [{ name: 'Consumption Tax' }],
    });
    // 10% of 105 yen is 10.5 yen: 11 on each line, 22 in all (10% of the 210 yen sum is 21).
    const res = await t.call('POST', '/Invoices', {
      data: [
        documentOf('Invoices', acme.id, [taxed(hour.id), taxed(licence.id)], {
          Currency: 'JPY',
          Sub_Total: 1,
          Tax: 1,
          Grand_Total: 999999,
        }),
      ],
    });
    expect(res.status).toBe(201);
    const stored = await read(t, 'Invoices', res.json.data[0].details.id);
    expect(stored.Invoiced_Items.map((l: { Tax: number }) => l.Tax)).toEqual([11, 11]);
    expect(stored).toMatchObject({ Sub_Total: 232, Tax: 0, Grand_Total: 232 });

    // Record-level taxes tax the subtotal after the record's discount; cents for dollars.
    const usd = await t.call('POST', '/Invoices', {
      data: [
        documentOf(
          'Invoices',
          acme.id,
          [{ Product_Name: { id: hour.id }, Quantity: 3, List_Price: 0.35 }],
          {
            Subject: 'INV-USD',
            Currency: 'USD',
            Discount: 0.05,
            Adjustment: 1,
            $line_tax: [{ name: 'Reduced Consumption Tax', percentage: 8 }],
          },
        ),
      ],
    });
    const dollars = await read(t, 'Invoices', usd.json.data[0].details.id);
    // 1.05 - 0.05 = 1.00; 8% is 0.08; + 1 adjustment.
    expect(dollars).toMatchObject({
      Sub_Total: 1.05,
      Discount: 0.05,
      Tax: 0.08,
      Adjustment: 1,
      Grand_Total: 2.08,
      $line_tax: [{ name: 'Reduced Consumption Tax', percentage: 8, value: 0.08 }],
    });
  });

  it('keeps unmentioned lines on update, updates a line by id and adds lines without one', async () => {
    const { t, acme, hour, licence } = await demo();
    const created = await t.call('POST', '/Quotes', {
      data: [
        documentOf('Quotes', acme.id, [
          { Product_Name: { id: hour.id }, Quantity: 1, List_Price: 1000 },
          { Product_Name: { id: licence.id }, Quantity: 1, List_Price: 2000 },
        ]),
      ],
    });
    const id = created.json.data[0].details.id;
    const [first] = (await read(t, 'Quotes', id)).Quoted_Items;
    const res = await t.call('PUT', `/Quotes/${id}`, {
      data: [
        {
          Quoted_Items: [
            { id: first.id, Quantity: 2 },
            { Product_Name: { id: hour.id }, Quantity: 1, List_Price: 500 },
          ],
        },
      ],
    });
    expect(res.status).toBe(200);
    const after = await read(t, 'Quotes', id);
    expect(after.Quoted_Items.map((l: { Total: number }) => l.Total)).toEqual([2000, 2000, 500]);
    expect(after.Grand_Total).toBe(4500);
    const unknown = await t.call('PUT', `/Quotes/${id}`, {
      data: [{ Quoted_Items: [{ id: '5725767000000999999', Quantity: 2 }] }],
    });
    expect(unknown.json.data[0]).toMatchObject({
      code: 'INVALID_DATA',
      details: { api_name: 'id', json_path: '$.data[0].Quoted_Items[0].id' },
    });
  });

  it('refuses a tax the org does not have, or at another rate', async () => {
    const { t, acme, hour } = await demo();
    const line = (tax: unknown) => ({
      Product_Name: { id: hour.id },
      Quantity: 1,
      Line_Tax: [tax],
    });
    const unknown = await t.call('POST', '/Invoices', {
      data: [documentOf('Invoices', acme.id, [line({ name: 'VAT', percentage: 10 })])],
    });
    expect(unknown.json.data[0]).toEqual({
      code: 'INVALID_DATA',
      details: {
        api_name: 'Line_Tax',
        json_path: '$.data[0].Invoiced_Items[0].Line_Tax[0]',
        parent_api_name: 'Invoiced_Items',
      },
      message: 'invalid data',
      status: 'error',
    });
    const rate = await t.call('POST', '/Invoices', {
      data: [documentOf('Invoices', acme.id, [line({ name: 'Consumption Tax', percentage: 8 })])],
    });
    expect(rate.json.data[0].code).toBe('INVALID_DATA');
    const record = await t.call('POST', '/Invoices', {
      data: [
        documentOf('Invoices', acme.id, [line({ name: 'Consumption Tax' })], {
          $line_tax: [{ name: 'Sales Tax', percentage: 5 }],
        }),
      ],
    });
    expect(record.json.data[0]).toMatchObject({
      code: 'INVALID_DATA',
      details: { api_name: '$line_tax', json_path: '$.data[0].$line_tax[0]' },
    });
  });

  it('refuses a picklist value the field does not list', async () => {
    const { t, acme, hour } = await demo();
    const lines = [{ Product_Name: { id: hour.id }, Quantity: 1 }];
    const cases: [string, string, Record<string, unknown>][] = [
      ['Quotes', 'Quote_Stage', documentOf('Quotes', acme.id, lines, { Quote_Stage: 'Won' })],
      ['Sales_Orders', 'Status', documentOf('Sales_Orders', acme.id, lines, { Status: 'Shipped' })],
      ['Invoices', 'Status', documentOf('Invoices', acme.id, lines, { Status: 'Sent' })],
      ['Accounts', 'Industry', { Account_Name: 'Umbrella', Industry: 'Pharma' }],
      ['Deals', 'Stage', { Deal_Name: 'Big one', Stage: 'Almost won' }],
    ];
    for (const [module, field, record] of cases) {
      const res = await t.call('POST', `/${module}`, { data: [record] });
      expect(res.json.data[0]).toEqual({
        code: 'INVALID_DATA',
        details: { api_name: field, json_path: `$.data[0].${field}` },
        message: 'invalid data',
        status: 'error',
      });
    }
    const ok = await t.call('POST', '/Quotes', {
      data: [documentOf('Quotes', acme.id, lines, { Quote_Stage: 'Negotiation' })],
    });
    expect(ok.status).toBe(201);
  });

  it('answers the org’s taxes at /org/taxes', async () => {
    const { t } = await demo();
    const res = await t.call('GET', '/org/taxes');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      org_taxes: {
        taxes: [
          {
            id: expect.stringMatching(/^\d+$/),
            name: 'Consumption Tax',
            display_label: 'Consumption Tax - 10.0 %',
            value: 10,
            sequence_number: 1,
          },
          {
            id: expect.stringMatching(/^\d+$/),
            name: 'Reduced Consumption Tax',
            display_label: 'Reduced Consumption Tax - 8.0 %',
            value: 8,
            sequence_number: 2,
          },
        ],
        preference: { auto_populate_tax: false, modify_tax_rates: false },
      },
    });
  });

  it('shows an invoice’s lines, products, taxes and computed totals on its web page', async () => {
    const { t, acme, hour } = await demo();
    const res = await t.call('POST', '/Invoices', {
      data: [
        documentOf(
          'Invoices',
          acme.id,
          [
            {
              Product_Name: { id: hour.id },
              Quantity: 2,
              List_Price: 15000,
              Line_Tax: [{ name: 'Consumption Tax' }],
            },
          ],
          { Subject: 'INV-42' },
        ),
      ],
    });
    const id = res.json.data[0].details.id;
    const page = await (await t.app.request(`/ui/invoices/${id}`)).text();
    expect(page).toMatch(/<h2 id="line-items-h">Line items<\/h2>/);
    for (const shown of ['Consulting hour', 'Consumption Tax (10%)', '30,000', '3,000', '33,000'])
      expect(page).toContain(shown);
    expect(page).toMatch(/<th scope="row">Grand total<\/th>\s*<td class="num">33,000<\/td>/);
  });
});
