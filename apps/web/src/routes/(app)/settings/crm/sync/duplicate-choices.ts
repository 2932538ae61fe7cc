import { t } from '$lib/i18n/locale.svelte';
import type { DuplicateRule } from '@kanjo/core';

/**
 * What to do when a record already exists on the other side; the customer and
 * item steps offer the same three answers. Call it inside `$derived` so the
 * labels follow a change of language.
 */
export function duplicateChoices(): { value: DuplicateRule; label: string; body: string }[] {
  return [
    {
      value: 'overwrite',
      label: t('crmSync.duplicates.overwrite'),
      body: t('crmSync.duplicates.overwriteBody'),
    },
    { value: 'skip', label: t('crmSync.duplicates.skip'), body: t('crmSync.duplicates.skipBody') },
    {
      value: 'clone',
      label: t('crmSync.duplicates.clone'),
      body: t('crmSync.duplicates.cloneBody'),
    },
  ];
}
