import type { MutationName } from '@kanjo/core';
import { hashPassword } from '../auth/password';
import { insertOrganizationWithOwner } from '../auth/signup';
import { applyMutationIn } from '../mutations/apply-mutation';
import { commitWrite, type WriteDeps } from '../mutations/committed';

export const DEMO_EMAIL = 'demo@kanjo.local';
export const DEMO_PASSWORD = 'kanjo-demo-2026';

/**
 * A demo organization with customers, items and invoices, written through the
 * same mutation path as every user write. Runs once: an existing demo user
 * means the data directory was seeded before.
 */
export async function seedDemo(
  deps: WriteDeps,
  { now, newId }: { now: Date; newId: () => string },
): Promise<boolean> {
  const existing = await deps.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', DEMO_EMAIL)
    .executeTakeFirst();
  if (existing) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const organizationId = newId();
  const userId = newId();
  const iso = now.toISOString();
  await commitWrite(deps, null, async (tx) => {
    const { trx } = tx;
    await insertOrganizationWithOwner(trx, {
      organization: { id: organizationId, name: 'Kanjo デモ株式会社' },
      owner: { id: userId, email: DEMO_EMAIL, name: 'Demo Owner', locale: 'en', passwordHash },
      baseCurrency: 'JPY',
      locale: 'ja',
      at: iso,
    });

    const run = (name: MutationName, entityId: string, args: unknown) =>
      applyMutationIn(tx, {
        organizationId,
        actor: { userId, role: 'owner' },
        name,
        entityId,
        args,
        now,
        newId,
      });

    const customers = [
      {
        kind: 'business',
        displayName: '株式会社さくら商事',
        companyName: '株式会社さくら商事',
        email: 'keiri@sakura-shoji.example',
        phone: '03-1234-5678',
        billingAddress: {
          postalCode: '100-0005',
          state: '東京都',
          city: '千代田区',
          street: '丸の内1-1-1',
          country: 'JP',
        },
        paymentTermsDays: 30,
        contactPersons: [
          {
            id: newId(),
            lastName: '佐藤',
            firstName: '花子',
            email: 'hanako.sato@sakura-shoji.example',
            primary: true,
          },
        ],
        customFields: {},
      },
      {
        kind: 'business',
        displayName: 'Blue Harbor Trading Ltd.',
        companyName: 'Blue Harbor Trading Ltd.',
        email: 'ap@blueharbor.example',
        currency: 'USD',
        paymentTermsDays: 14,
        billingAddress: {
          street: '200 Pier Ave',
          city: 'Seattle',
          state: 'WA',
          postalCode: '98101',
          country: 'US',
        },
        contactPersons: [
          {
            id: newId(),
            firstName: 'Dana',
            lastName: 'Reyes',
            email: 'dana@blueharbor.example',
            primary: true,
          },
        ],
        customFields: {},
      },
      {
        kind: 'individual',
        displayName: '山田 太郎',
        email: 'taro.yamada@example.jp',
        mobile: '090-1234-5678',
        paymentTermsDays: 7,
        contactPersons: [],
        customFields: {},
      },
    ];
    const customerIds: string[] = [];
    for (const customer of customers) {
      const id = newId();
      customerIds.push(id);
      await run('customer.create', id, customer);
    }

    const items = [
      {
        name: 'コンサルティング（1時間）',
        sku: 'CONS-1H',
        rate: 15000,
        unit: '時間',
        taxRate: '10',
        active: true,
      },
      {
        name: '保守サポート（月額）',
        sku: 'SUP-MON',
        rate: 50000,
        unit: '月',
        taxRate: '10',
        active: true,
      },
      {
        name: 'お弁当（軽減税率）',
        sku: 'FOOD-BENTO',
        rate: 980,
        unit: '個',
        taxRate: '8',
        active: true,
      },
      {
        name: 'Onboarding workshop',
        sku: 'WS-ONB',
        rate: 120000,
        unit: 'day',
        taxRate: '10',
        active: true,
      },
    ];
    for (const item of items) await run('item.create', newId(), item);

    const [sakura, blue, yamada] = customerIds;
    const today = iso.slice(0, 10);
    const invoiceA = newId();
    await run('invoice.create', invoiceA, {
      customerId: sakura,
      issueDate: today,
      lines: [
        {
          id: newId(),
          name: 'コンサルティング（1時間）',
          quantity: '3',
          rate: 15000,
          taxRate: '10',
        },
        { id: newId(), name: 'お弁当（軽減税率）', quantity: '12', rate: 980, taxRate: '8' },
      ],
      notes: 'お振込手数料はご負担ください。',
    });
    await run('invoice.issue', invoiceA, {});
    const invoiceB = newId();
    await run('invoice.create', invoiceB, {
      customerId: blue,
      issueDate: today,
      lines: [
        { id: newId(), name: 'Onboarding workshop', quantity: '1.5', rate: 120000, taxRate: '10' },
      ],
    });
    await run('quote.create', newId(), {
      customerId: yamada,
      issueDate: today,
      lines: [
        { id: newId(), name: '保守サポート（月額）', quantity: '12', rate: 50000, taxRate: '10' },
      ],
      discount: { type: 'percent', value: '5' },
    });
  });
  return true;
}
