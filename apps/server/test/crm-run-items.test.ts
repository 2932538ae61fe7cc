import { describe, expect, test } from 'vitest';
import { RunRecorder, insertRun } from '../src/crm/sync/run-store';
import { makeTestApp, signUp } from './helpers';

describe('a run’s history items', () => {
  test('a run that records more items than one SQL statement may bind keeps every one, in order', async () => {
    const t = await makeTestApp();
    const { me } = await signUp(t.app);
    const organizationId = String((me as { organization: { id: string } }).organization.id);
    await insertRun(t.db, {
      id: 'run-1',
      organizationId,
      trigger: 'manual',
      dryRun: false,
      now: new Date().toISOString(),
    });
    const recorder = new RunRecorder(t.db, 'run-1', organizationId);
    // 13 bound values a row: 6,666 rows (a first read of that many deals) is far past 32,766.
    const total = 6_666;
    for (let i = 0; i < total; i += 1) {
      recorder.add({
        entity: 'deal',
        localId: `deal-${i}`,
        crmModule: 'Deals',
        crmId: String(9_000_000 + i),
        action: 'added',
        direction: 'inbound',
      });
    }
    await recorder.flush();
    const rows = await t.sql.all<{ seq: number; localId: string }>(
      'SELECT seq, local_id AS "localId" FROM crm_run_items WHERE run_id = ? ORDER BY seq',
      'run-1',
    );
    expect(rows).toHaveLength(total);
    expect(rows[0]).toEqual({ seq: 1, localId: 'deal-0' });
    expect(rows.at(-1)).toEqual({ seq: total, localId: `deal-${total - 1}` });
    expect(recorder.counts.deal.added).toBe(total);
  });
});
