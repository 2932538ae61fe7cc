import { mutate, newId } from '$lib/sync';
import type { FormController } from './form.svelte';

/** The records whose forms create, patch and delete them the same way. */
export type RecordEntity = 'customer' | 'item';

/**
 * Writes a record form's values: for an existing record a patch of what
 * changed since the form opened (nothing when nothing did), else a create
 * with a new id.
 */
export async function saveRecord<V>(
  entity: RecordEntity,
  existingId: string | undefined,
  values: { before: () => V; after: V },
  patchOf: (change: { before: V; after: V }) => Record<string, unknown>,
): Promise<void> {
  if (existingId === undefined) {
    await mutate(`${entity}.create`, newId(), values.after);
    return;
  }
  const patch = patchOf({ before: values.before(), after: values.after });
  if (Object.keys(patch).length > 0) await mutate(`${entity}.patch`, existingId, patch);
}

/**
 * A record form's delete: the confirmation dialog's state, and the delete
 * that leaves for `then` (the list) or shows its refusal in the form.
 */
export class RecordDeletion {
  confirming = $state(false);
  deleting = $state(false);

  async run(
    entity: RecordEntity,
    id: string,
    form: FormController,
    then: () => Promise<void>,
  ): Promise<void> {
    this.deleting = true;
    try {
      await mutate(`${entity}.delete`, id, {});
      this.confirming = false;
      await then();
    } catch (error) {
      this.confirming = false;
      form.fail(error);
    } finally {
      this.deleting = false;
    }
  }
}
