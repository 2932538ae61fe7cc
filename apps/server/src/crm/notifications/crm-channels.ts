import { maintainChannels, type ChannelChanges, type ChannelDeps } from './maintain';

/**
 * One maintainer per app: passes for one organization never overlap (two
 * would both subscribe a missing module), and each organization's first pass
 * in this process renews every channel, so a changed `PUBLIC_URL` reaches the
 * CRM at once instead of at the next renewal.
 *
 * @example
 * const channels = new CrmChannels();
 * await channels.maintain(deps, organizationId); // after connect, resume or a settings save
 */
export class CrmChannels {
  private readonly slots = new Map<
    string,
    { tail: Promise<unknown>; waiting?: Promise<ChannelChanges> }
  >();
  private readonly visited = new Set<string>();

  /** Runs a pass after the one going, if any; calls made meanwhile share that next pass. */
  maintain(deps: ChannelDeps, organizationId: string): Promise<ChannelChanges> {
    const slot = this.slots.get(organizationId) ?? { tail: Promise.resolve() };
    if (slot.waiting) return slot.waiting;
    const next = slot.tail
      .catch(() => undefined)
      .then(async () => {
        slot.waiting = undefined;
        const renewAll = !this.visited.has(organizationId);
        const changes = await maintainChannels(deps, organizationId, { renewAll });
        this.visited.add(organizationId);
        return changes;
      });
    slot.waiting = next;
    slot.tail = next;
    this.slots.set(organizationId, slot);
    return next;
  }
}
