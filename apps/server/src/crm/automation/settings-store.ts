import {
  crmAutomationSettingsSchema,
  defaultAutomationSettings,
  type AutomationSettingsAnswer,
  type CrmAutomationSettings,
} from '@kanjo/core';
import * as v from 'valibot';
import type { Db } from '../../db/database';

/** The organization's automation rules; the defaults (off) until saved. */
export async function loadAutomationSettings(
  db: Db,
  organizationId: string,
): Promise<AutomationSettingsAnswer> {
  const row = await db
    .selectFrom('crm_automation_settings')
    .select(['settings', 'enabled_at'])
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  if (!row) return { settings: defaultAutomationSettings(), enabledAt: null };
  const parsed = v.safeParse(crmAutomationSettingsSchema, JSON.parse(row.settings));
  return {
    settings: parsed.success ? parsed.output : defaultAutomationSettings(),
    enabledAt: row.enabled_at,
  };
}

/**
 * Saves the rules. Turning them on stamps `enabled_at`: deal events before it
 * are history, so enabling automation never acts on every deal already won.
 */
export async function saveAutomationSettings(
  db: Db,
  input: { organizationId: string; settings: CrmAutomationSettings; userId: string; now: string },
): Promise<AutomationSettingsAnswer> {
  const current = await loadAutomationSettings(db, input.organizationId);
  const turnedOn = input.settings.enabled && !current.settings.enabled;
  const enabledAt = turnedOn ? input.now : current.enabledAt;
  const values = {
    settings: JSON.stringify(input.settings),
    enabled_at: enabledAt,
    updated_at: input.now,
    updated_by: input.userId,
  };
  await db
    .insertInto('crm_automation_settings')
    .values({ organization_id: input.organizationId, ...values })
    .onConflict((oc) => oc.column('organization_id').doUpdateSet(values))
    .execute();
  return { settings: input.settings, enabledAt };
}
