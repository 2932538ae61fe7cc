import type { MutationArgs } from './args';
import {
  applyPatch,
  assertAbsent,
  mustRead,
  newRowId,
  newRowStamps,
  put,
  softDelete,
  toRow,
} from './rows';
import type { MutationInput, Write } from './types';

export async function createItem({
  entityId,
  args,
  ctx,
}: MutationInput<MutationArgs<'item.create'>>): Promise<Write[]> {
  const id = newRowId(entityId, args.id);
  await assertAbsent(ctx, 'item', id);
  const row = toRow('item', { ...args, id, active: args.active ?? true, ...newRowStamps(ctx) });
  return [put('item', row)];
}

export async function patchItem({
  entityId,
  args,
  ctx,
}: MutationInput<MutationArgs<'item.patch'>>): Promise<Write[]> {
  const existing = await mustRead(ctx, 'item', entityId);
  const row = toRow('item', { ...applyPatch(existing, args), updatedAt: ctx.now });
  return [put('item', row)];
}

export async function deleteItem({ entityId, ctx }: MutationInput<unknown>): Promise<Write[]> {
  const existing = await mustRead(ctx, 'item', entityId);
  return [softDelete('item', existing, ctx)];
}
