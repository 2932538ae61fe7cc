import { ServiceError } from '../errors';

interface KeyState {
  running: number;
  waiting: Array<() => void>;
}

/** What a busy answer tells the client to wait before asking again. */
export const RETRY_AFTER_SECONDS = 5;

export const tooManyRenders = (max: number) =>
  new ServiceError(
    'tooMany',
    'PDF_BUSY',
    `This organization already has ${max} PDFs rendering or waiting. Try again in a few seconds.`,
    { retryAfterSeconds: RETRY_AFTER_SECONDS },
  );

/**
 * At most `running` jobs at once per key (an organization), and at most
 * `waiting` more queued behind them in order; one more is refused at once
 * with 429 PDF_BUSY rather than queued without bound. So one organization
 * asking for many PDFs cannot fill the render pool for everyone else.
 *
 * @example
 * const release = await limit.acquire(organizationId); // throws 429 when full
 * try { await render(); } finally { release(); }
 */
export class PerKeyLimit {
  private readonly states = new Map<string, KeyState>();

  constructor(
    readonly running: number,
    readonly waiting: number,
  ) {}

  acquire(key: string): Promise<() => void> {
    const state = this.states.get(key) ?? { running: 0, waiting: [] };
    this.states.set(key, state);
    const release = once(() => this.release(key, state));
    if (state.running < this.running) {
      state.running += 1;
      return Promise.resolve(release);
    }
    if (state.waiting.length >= this.waiting) {
      return Promise.reject(tooManyRenders(this.running + this.waiting));
    }
    return new Promise((resolve) => state.waiting.push(() => resolve(release)));
  }

  private release(key: string, state: KeyState): void {
    // The slot passes straight to the next in line: `running` stays as it is.
    const next = state.waiting.shift();
    if (next) return next();
    state.running -= 1;
    if (state.running === 0) this.states.delete(key);
  }
}

function once(run: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    run();
  };
}
