import type { MiddlewareHandler } from 'hono';
import { errorBody } from './errors';

/** Credits are counted over a rolling 24 hours. */
export const CREDIT_WINDOW_SECONDS = 24 * 3600;
/** The base allowance of every paid edition, before per-user credits. */
export const DEFAULT_CREDITS_PER_DAY = 50_000;

/**
 * What a COQL call costs, by its LIMIT: 1–200 rows 1 credit, 201–1,000 2, 1,001–2,000 3
 * (Zoho's Query API overview).
 */
export function coqlCost(limit: number): number {
  if (limit <= 200) return 1;
  return limit <= 1000 ? 2 : 3;
}

/** API credits spent in the rolling window; time is passed in, so tests move it with their clock. */
export class CreditMeter {
  private spent: { at: number; cost: number }[] = [];
  private total = 0;

  constructor(readonly limit: number) {}

  private prune(now: number): void {
    const from = now - CREDIT_WINDOW_SECONDS;
    let drop = 0;
    while (drop < this.spent.length && (this.spent[drop]?.at ?? now) <= from) {
      this.total -= this.spent[drop]?.cost ?? 0;
      drop++;
    }
    if (drop > 0) this.spent = this.spent.slice(drop);
  }

  used(now: number): number {
    this.prune(now);
    return this.total;
  }

  /** Spends `cost` credits when the window still has them; false (and nothing spent) when not. */
  charge(now: number, cost = 1): boolean {
    if (this.used(now) + cost > this.limit) return false;
    const last = this.spent.at(-1);
    if (last?.at === now) last.cost += cost;
    else this.spent.push({ at: now, cost });
    this.total += cost;
    return true;
  }

  reset(): void {
    this.spent = [];
    this.total = 0;
  }
}

/**
 * Charges one credit a call and refuses calls once the window's credits are spent.
 * Zoho's exact answer for spent credits is not documented where we looked; the emulator answers
 * 400 `LIMIT_EXCEEDED`, the code Zoho uses for its other limits.
 *
 * @example
 * app.use('/crm/*', chargeCredits(new CreditMeter(50_000), () => nowSeconds(ctx)));
 */
export function chargeCredits(meter: CreditMeter, now: () => number): MiddlewareHandler {
  return async (c, next) => {
    if (!meter.charge(now())) {
      return c.json(
        errorBody('LIMIT_EXCEEDED', 'API limit exceeded', {
          limit: meter.limit,
          window_seconds: CREDIT_WINDOW_SECONDS,
        }),
        400,
      );
    }
    await next();
  };
}
