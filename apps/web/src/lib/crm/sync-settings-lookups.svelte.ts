import type { CrmModule, KanjoEntity } from './sync-settings';
import {
  getCrmFields,
  getCrmViews,
  getKanjoFields,
  type CrmField,
  type CrmView,
  type KanjoField,
} from './sync-settings-api';

type Loaded<T> =
  { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: unknown };

/**
 * What the selects offer: CRM fields and views per module, Kanjo fields per
 * entity. Each is asked for once, when the form first needs it; a failed
 * lookup can be retried and never blocks editing what is already chosen.
 *
 * @example
 * const lookups = new SyncLookups();
 * lookups.need({ modules: ['Accounts'], entities: ['customer'] });
 */
export class SyncLookups {
  crmFields = $state<Partial<Record<CrmModule, Loaded<CrmField[]>>>>({});
  views = $state<Partial<Record<CrmModule, Loaded<CrmView[]>>>>({});
  kanjoFields = $state<Partial<Record<KanjoEntity, Loaded<KanjoField[]>>>>({});

  /** Starts the lookups not yet asked for (or failed, when `retry`). */
  need({
    modules,
    entities,
    retry = false,
  }: {
    modules: readonly CrmModule[];
    entities: readonly KanjoEntity[];
    retry?: boolean;
  }): void {
    for (const module of modules) {
      if (shouldAsk(this.crmFields[module], retry)) {
        void track(getCrmFields(module), (next) => (this.crmFields[module] = next));
      }
      if (shouldAsk(this.views[module], retry)) {
        void track(getCrmViews(module), (next) => (this.views[module] = next));
      }
    }
    for (const entity of entities) {
      if (shouldAsk(this.kanjoFields[entity], retry)) {
        void track(getKanjoFields(entity), (next) => (this.kanjoFields[entity] = next));
      }
    }
  }

  /** Asks again for a Kanjo entity's fields, e.g. after a custom field was added. */
  refreshKanjo(entity: KanjoEntity): void {
    void track(getKanjoFields(entity), (next) => (this.kanjoFields[entity] = next));
  }

  fieldsOf(module: CrmModule): CrmField[] | undefined {
    const loaded = this.crmFields[module];
    return loaded?.state === 'ready' ? loaded.value : undefined;
  }

  viewsOf(module: CrmModule): CrmView[] | undefined {
    const loaded = this.views[module];
    return loaded?.state === 'ready' ? loaded.value : undefined;
  }

  kanjoOf(entity: KanjoEntity): KanjoField[] | undefined {
    const loaded = this.kanjoFields[entity];
    return loaded?.state === 'ready' ? loaded.value : undefined;
  }

  /** Whether a CRM lookup for this module failed (the page offers "Try again"). */
  failed(module: CrmModule): boolean {
    return this.crmFields[module]?.state === 'failed' || this.views[module]?.state === 'failed';
  }
}

function shouldAsk(current: Loaded<unknown> | undefined, retry: boolean): boolean {
  return current === undefined || (retry && current.state === 'failed');
}

async function track<T>(call: Promise<T>, set: (next: Loaded<T>) => void): Promise<void> {
  set({ state: 'loading' });
  try {
    set({ state: 'ready', value: await call });
  } catch (error) {
    set({ state: 'failed', error });
  }
}
