/**
 * `npm run bench -- crm-sync`: the CRM reconciler against the emulator over
 * real HTTP. For each N in `CRM_BENCH_SIZES` (default 2000,20000): an initial
 * sync of N Accounts and N/5 Products, an incremental sync after one change on
 * each side and one issued invoice, a push of 5,000 new customers, and a push of
 * 500 issued invoices. CRM API calls are counted by the emulator and printed
 * next to the least the work needs.
 */
import { performance } from 'node:perf_hooks';
import { applyMutation, uuidv7 } from '@kanjo/server';
import { crmBench, type CallCount, type CrmBench, type Measured } from './crm-context';
import { report } from './report';

const DEFAULT_SIZES = [2_000, 20_000];
const NEW_CUSTOMERS = 5_000;
const NEW_INVOICES = 500;
/**
 * What documents add to a run: the write (≤ 100 a call) and the read of what
 * Zoho computed from the lines (Grand_Total, line ids), per batch; the
 * module's fields (mandatory ones, picklists) and the org's taxes, once per
 * run; the shared line product, once ever.
 */
const DOCUMENT_RUN_CALLS = 2;
/** Zoho's page and batch sizes: what the lower bounds are made of. */
const READ_PAGE = 200;
const WRITE_BATCH = 100;
/** "Within 10%" of the lower bound: lowerBound / calls. */
const CALLS_GOAL = 0.91;
/**
 * The first import of 20,000 Accounts (with their 30,000 Contacts and 4,000
 * Products) in 30 s; another N, in proportion.
 */
const INITIAL_GOAL = { accounts: 20_000, seconds: 30 };
/** Incremental runs stay flat in N: the largest N's run within this factor of the smallest's. */
const INCREMENTAL_FLAT_GOAL = 2;

function sizes(): number[] {
  const raw = process.env.CRM_BENCH_SIZES;
  if (!raw) return DEFAULT_SIZES;
  const parsed = raw.split(',').map((s) => Number(s.trim()));
  if (parsed.some((n) => !Number.isInteger(n) || n < 10)) {
    throw new Error(`CRM_BENCH_SIZES must be integers ≥ 10, e.g. 2000,20000 (got "${raw}")`);
  }
  return parsed;
}

/** Contacts count only when `accountsAndContacts` syncs them today (it is being built). */
async function contactsSynced(): Promise<boolean> {
  let bench: CrmBench | undefined;
  try {
    bench = await crmBench({ accounts: 20, module: 'accountsAndContacts' });
    const { calls } = await bench.sync();
    const { items } = (await bench.api('GET', '/api/customers?limit=50')) as {
      items: { contactPersons?: unknown[] }[];
    };
    const read = Object.keys(calls.byRoute).some((r) => r.startsWith('GET /crm/v8/Contacts'));
    return read && items.some((c) => (c.contactPersons?.length ?? 0) > 0);
  } catch {
    return false;
  } finally {
    await bench?.close();
  }
}

function printTime(name: string, m: Measured): void {
  report({ name, value: m.seconds, unit: 's', lowerIsBetter: true });
  console.log(`    of which in the emulator: ${m.emulatorSeconds.toFixed(2)} s`);
}

/** Calls next to the least the work needs; `goal` (initial sync only) marks a ratio below it. */
function printCalls(name: string, calls: CallCount, lowerBound: number, goal?: number): void {
  const total = calls.reads + calls.writes;
  const ratio = lowerBound / total;
  const verdict =
    goal === undefined ? '' : ` (goal ≥ ${goal})${ratio >= goal ? '' : '  ← below goal'}`;
  console.log(
    `${name.padEnd(56)} ${String(total).padStart(12)} calls     lower bound ${lowerBound}  ratio ${ratio.toFixed(2)}${verdict}`,
  );
  const routes = Object.entries(calls.byRoute).map(([route, n]) => `${route} ${n}`);
  console.log(`    by route: ${routes.join(', ')}`);
}

function printCounts(counts: Measured['counts']): void {
  const parts = Object.entries(counts).flatMap(([entity, actions]) => {
    const done = Object.entries(actions).filter(([, n]) => n > 0);
    return done.length === 0 ? [] : [`${entity} ${done.map(([a, n]) => `${a} ${n}`).join(' ')}`];
  });
  console.log(`    run items: ${parts.join('; ') || 'none'}`);
}

const pages = (records: number) => Math.ceil(records / READ_PAGE);

/**
 * What the emulator holds for N Accounts: seedAccounts gives Account i one
 * contact (two when i is odd), and a deal to every third.
 */
function seeded(n: number, products: number, contacts: boolean) {
  const contactCount = contacts ? n + Math.ceil(n / 2) : 0;
  const dealCount = Math.floor(n / 3);
  return { contactCount, dealCount, records: n + products + contactCount + dealCount };
}

/** The run must have brought in every seeded record: a bench that imports less measures nothing. */
function checkImported(counts: Measured['counts'], expected: Record<string, number>): void {
  for (const [entity, count] of Object.entries(expected)) {
    const added = counts[entity]?.added ?? 0;
    if (added !== count)
      throw new Error(`initial sync added ${added} ${entity} records, not ${count}`);
  }
}

async function initialSync(bench: CrmBench, n: number, contacts: boolean): Promise<void> {
  const { products } = bench;
  const { contactCount, dealCount, records } = seeded(n, products, contacts);
  const measured = await bench.sync();
  const { seconds, calls, counts } = measured;
  checkImported(counts, {
    customer: n,
    item: products,
    contactPerson: contactCount,
    deal: dealCount,
  });
  const label = `initial N=${n}`;
  // The goal's rate: the records of the goal's N in its seconds.
  const goalRate =
    seeded(INITIAL_GOAL.accounts, (2 * INITIAL_GOAL.accounts) / 10, contacts).records /
    INITIAL_GOAL.seconds;
  report({
    name: `${label}: ${n} Accounts, ${products} Products${contacts ? `, ${contactCount} Contacts` : ''}, ${dealCount} Deals`,
    value: seconds,
    unit: 's',
    goal: (INITIAL_GOAL.seconds * n) / INITIAL_GOAL.accounts,
    lowerIsBetter: true,
  });
  console.log(
    `    goal: ${INITIAL_GOAL.seconds} s at N=${INITIAL_GOAL.accounts}, in proportion to N; of which in the emulator: ${measured.emulatorSeconds.toFixed(2)} s`,
  );
  report({
    name: `${label}: records/s`,
    value: records / seconds,
    unit: 'rec/s',
    goal: Math.round(goalRate),
    lowerIsBetter: false,
  });
  const lowerBound = pages(n) + pages(products) + pages(contactCount) + pages(dealCount);
  printCalls(`${label}: CRM API calls (reads only needed)`, calls, lowerBound, CALLS_GOAL);
  printCounts(counts);
}

/** An issued invoice of a synced customer, with a free line (the shared line product's). */
async function issueInvoice(bench: CrmBench, customerId: string, i: number): Promise<void> {
  const created = await bench.api('POST', '/api/invoices', {
    customerId,
    issueDate: '2026-11-20',
    lines: [{ name: `Bench work ${i}`, quantity: '2', rate: 1500 + i, taxRate: '10' }],
  });
  await bench.api('POST', `/api/invoices/${String(created.id)}/issue`);
}

/** One Account edited in the CRM, one customer in Kanjo and one invoice issued, then a sync. */
async function incrementalSync(bench: CrmBench, n: number, modules: number): Promise<Measured> {
  const crm = await bench.crm();
  const first = await crm.listAll('Accounts', { fields: ['Account_Name'], perPage: 1 }).next();
  if (first.done) throw new Error('no Account to change');
  const account = first.value;
  await crm.update('Accounts', [{ id: account.id, Phone: '+81-3-0000-0001' }]);
  const { items } = (await bench.api('GET', '/api/customers?limit=2')) as {
    items: { id: string; displayName: string }[];
  };
  // A different record on each side: two changes, not one conflict.
  const customer = items.find((c) => c.displayName !== account.Account_Name);
  if (!customer) throw new Error('no customer to change');
  await bench.api('PATCH', `/api/customers/${customer.id}`, { notes: 'changed by the bench' });
  await issueInvoice(bench, customer.id, 0);
  const measured = await bench.sync();
  printTime(`incremental N=${n}: wall time`, measured);
  // Per module (and Deals) one read of what changed and one of what was deleted since the cursor;
  // one write; the invoice: its write and read-back, the run's fields and taxes, the line product once.
  const invoiceBound = 2 + DOCUMENT_RUN_CALLS + 1;
  printCalls(
    `incremental N=${n}: CRM API calls`,
    measured.calls,
    2 * (modules + 1) + 1 + invoiceBound,
  );
  printCounts(measured.counts);
  return measured;
}

async function pushNewCustomers(bench: CrmBench, n: number): Promise<void> {
  const now = new Date();
  const start = performance.now();
  for (let i = 0; i < NEW_CUSTOMERS; i += 1) {
    await applyMutation(bench.deps, {
      organizationId: bench.organizationId,
      actor: { userId: bench.userId, role: 'owner' },
      name: 'customer.create',
      entityId: uuidv7(),
      args: {
        kind: 'business',
        displayName: `Bench new customer ${i + 1}`,
        billingAddress: { city: 'Tokyo', country: 'JP' },
        contactPersons: [],
        customFields: {},
      },
      now,
      newId: () => uuidv7(),
    });
  }
  const created = (performance.now() - start) / 1000;
  console.log(
    `    (setup: ${NEW_CUSTOMERS} customers made with applyMutation in ${created.toFixed(1)} s)`,
  );
  const measured = await bench.sync();
  const { seconds, calls, counts } = measured;
  const label = `push N=${n}: ${NEW_CUSTOMERS} new customers`;
  printTime(`${label}, wall time`, measured);
  report({
    name: `${label}, records/s`,
    value: NEW_CUSTOMERS / seconds,
    unit: 'rec/s',
    lowerIsBetter: false,
  });
  const writeBound = Math.ceil(NEW_CUSTOMERS / WRITE_BATCH);
  printCalls(`${label}, CRM API calls`, calls, writeBound);
  console.log(
    `    writes ${calls.writes} next to ⌈${NEW_CUSTOMERS}/${WRITE_BATCH}⌉ = ${writeBound} (ratio ${(writeBound / calls.writes).toFixed(2)}); the ${calls.reads} reads are the run's usual look for CRM changes`,
  );
  printCounts(counts);
}

/** 500 invoices issued at once: two calls per 100 invoices, and the run's two reads. */
async function pushInvoices(bench: CrmBench, n: number): Promise<void> {
  const { items } = (await bench.api('GET', '/api/customers?limit=1')) as {
    items: { id: string }[];
  };
  const customerId = items[0]?.id;
  if (!customerId) throw new Error('no customer to invoice');
  // The last push's own records come back in the next run's look for changes: read them first.
  await bench.sync();
  for (let i = 1; i <= NEW_INVOICES; i += 1) await issueInvoice(bench, customerId, i);
  const measured = await bench.sync();
  const label = `push N=${n}: ${NEW_INVOICES} issued invoices`;
  printTime(`${label}, wall time`, measured);
  const documentCalls = Object.entries(measured.calls.byRoute)
    .filter(([route]) => /\/(Invoices|settings\/fields|org\/)/.test(route))
    .reduce((sum, [, count]) => sum + count, 0);
  const bound = 2 * Math.ceil(NEW_INVOICES / WRITE_BATCH) + DOCUMENT_RUN_CALLS;
  printCalls(`${label}, CRM API calls`, measured.calls, bound);
  console.log(
    `    the documents' calls ${documentCalls} next to 2 × ⌈${NEW_INVOICES}/${WRITE_BATCH}⌉ + ${DOCUMENT_RUN_CALLS} = ${bound} (ratio ${(bound / documentCalls).toFixed(2)}): ${(documentCalls / NEW_INVOICES).toFixed(3)} calls a document; the other ${measured.calls.reads + measured.calls.writes - documentCalls} are the run's usual look for CRM changes`,
  );
  printCounts(measured.counts);
}

export async function benchCrmSync(): Promise<void> {
  const contacts = await contactsSynced();
  if (!contacts) console.log('contacts: not yet synced (measuring Accounts and Products)');
  const modules = contacts ? 3 : 2;
  const incremental: { n: number; measured: Measured }[] = [];
  for (const [index, n] of sizes().entries()) {
    const bench = await crmBench({
      accounts: n,
      module: contacts ? 'accountsAndContacts' : 'accounts',
    });
    try {
      await initialSync(bench, n, contacts);
      incremental.push({ n, measured: await incrementalSync(bench, n, modules) });
      // Once, at the first N: its calls do not depend on N, and its time is the emulator's
      // duplicate check (a scan of the module per upserted record), which grows with N.
      if (index === 0) await pushNewCustomers(bench, n);
      if (index === 0) await pushInvoices(bench, n);
    } finally {
      await bench.close();
    }
  }
  console.log('incremental sync, side by side (must not grow with N):');
  for (const { n, measured } of incremental) {
    const { reads, writes } = measured.calls;
    console.log(
      `    N=${String(n).padEnd(7)} ${String(reads + writes).padStart(4)} calls (${reads} reads, ${writes} writes)  ${measured.seconds.toFixed(2)} s (emulator ${measured.emulatorSeconds.toFixed(2)} s)`,
    );
  }
  printFlatness(incremental);
}

/** The largest N's incremental run next to the smallest's: time and calls. */
function printFlatness(incremental: { n: number; measured: Measured }[]): void {
  const small = incremental[0];
  const large = incremental.at(-1);
  if (!small || !large || small === large) return;
  const label = `incremental N=${large.n} / N=${small.n}`;
  report({
    name: `${label}: wall time`,
    value: large.measured.seconds / small.measured.seconds,
    unit: '×',
    goal: INCREMENTAL_FLAT_GOAL,
    lowerIsBetter: true,
  });
  const total = (m: Measured) => m.calls.reads + m.calls.writes;
  report({
    name: `${label}: CRM API calls`,
    value: total(large.measured) / total(small.measured),
    unit: '×',
    goal: 1,
    lowerIsBetter: true,
  });
}
