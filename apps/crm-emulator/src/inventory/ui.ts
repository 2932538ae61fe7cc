import { html } from 'hono/html';
import type { Choice, FormValues } from '../ui/form';
import type { Html } from '../ui/layout';
import { orgTaxes } from './taxes';

type Line = Record<string, unknown>;

const money = (value: unknown) =>
  typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : '';

const nameOf = (value: unknown) =>
  typeof value === 'object' && value !== null && 'name' in value ? String(value.name) : '';

/** `Consumption Tax (10%)`, one per tax of a line or record. */
function taxNames(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value
    .map((t: unknown) => (typeof t === 'object' && t ? (t as Record<string, unknown>) : {}))
    .map((t) => `${String(t.name)} (${String(t.percentage)}%)`)
    .join(', ');
}

function lineRow(line: Line): Html {
  return html`<tr>
    <td>${nameOf(line.Product_Name)}</td>
    <td class="num">${money(line.Quantity)}</td>
    <td class="num">${money(line.List_Price)}</td>
    <td class="num">${money(line.Total)}</td>
    <td class="num">${money(line.Discount)}</td>
    <td>${taxNames(line.Line_Tax)}</td>
    <td class="num">${money(line.Tax)}</td>
    <td class="num">${money(line.Net_Total)}</td>
  </tr>`;
}

const total = (label: string, value: unknown) =>
  html`<tr>
    <th scope="row">${label}</th>
    <td class="num">${money(value)}</td>
  </tr>`;

/**
 * A quote's, sales order's or invoice's lines (product, quantity, price, discount, tax) and
 * the totals the CRM computed from them, as a person checks what Kanjo wrote.
 */
export function lineItemsSection(items: string, data: Record<string, unknown>): Html {
  const lines = Array.isArray(data[items]) ? (data[items] as Line[]) : [];
  const recordTaxes = taxNames(data.$line_tax);
  return html`<section aria-labelledby="line-items-h" class="card" style="margin-top:12px">
    <h2 id="line-items-h">Line items</h2>
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">Product</th>
            <th scope="col" class="num">Quantity</th>
            <th scope="col" class="num">List price</th>
            <th scope="col" class="num">Amount</th>
            <th scope="col" class="num">Discount</th>
            <th scope="col">Taxes</th>
            <th scope="col" class="num">Tax</th>
            <th scope="col" class="num">Total</th>
          </tr>
        </thead>
        <tbody>
          ${lines.map(lineRow)}
        </tbody>
      </table>
    </div>
    <table aria-label="Totals">
      <tbody>
        ${total('Sub total', data.Sub_Total)} ${total('Discount', data.Discount)}
        ${total(recordTaxes ? `Tax: ${recordTaxes}` : 'Tax', data.Tax)}
        ${total('Adjustment', data.Adjustment)} ${total('Grand total', data.Grand_Total)}
      </tbody>
    </table>
  </section>`;
}

/** The form's "Add a line" fields: a product, its quantity, price (blank: the product's) and tax. */
export function lineEntry(products: readonly Choice[] | undefined, required: boolean): Html {
  const req = required ? 'required' : '';
  const product = products
    ? html`<select id="line-product" name="line_product" ${req}>
        <option value="">— None —</option>
        ${products.map((p) => html`<option value="${p.id}">${p.name}</option>`)}
      </select>`
    : html`<input id="line-product" name="line_product" ${req} />`;
  return html`<fieldset class="wide">
    <legend>${required ? 'Line item *' : 'Add a line'}</legend>
    <div class="fields">
      <div><label for="line-product">Product${products ? '' : ' (id)'}</label>${product}</div>
      <div>
        <label for="line-quantity">Quantity</label>
        <input id="line-quantity" name="line_quantity" inputmode="decimal" value="1" />
      </div>
      <div>
        <label for="line-price">List price (blank: the product’s)</label>
        <input id="line-price" name="line_price" inputmode="decimal" />
      </div>
      <div>
        <label for="line-tax">Tax</label>
        <select id="line-tax" name="line_tax">
          <option value="">— None —</option>
          ${orgTaxes.map((t) => html`<option value="${t.name}">${t.name} (${t.value}%)</option>`)}
        </select>
      </div>
    </div>
  </fieldset>`;
}

const typed = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const numberOf = (text: string) => {
  const n = Number(text.replace(/,/g, ''));
  return Number.isFinite(n) ? n : text;
};

/** The line the form adds, as the REST API takes it; undefined when no product was chosen. */
export function parseNewLine(form: FormValues): Line | undefined {
  const product = typed(form.line_product);
  if (product === '') return undefined;
  const price = typed(form.line_price);
  const tax = typed(form.line_tax);
  return {
    Product_Name: { id: product },
    Quantity: numberOf(typed(form.line_quantity) || '1'),
    ...(price === '' ? {} : { List_Price: numberOf(price) }),
    Line_Tax: tax === '' ? [] : [{ name: tax }],
  };
}
