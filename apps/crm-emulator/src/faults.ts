import type { Context, MiddlewareHandler } from 'hono';
import * as v from 'valibot';
import { errorBody } from './errors';

const rate = v.pipe(v.number(), v.minValue(0), v.maxValue(1));

const faultRuleSchema = v.strictObject({
  /** A route key as the stats name it (`GET /crm/v8/Accounts`); `{…}` or `*` matches any segment. */
  route: v.optional(v.pipe(v.string(), v.minLength(1))),
  error500: v.optional(rate),
  error429: v.optional(rate),
  slowMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60_000))),
  /** How often `slowMs` applies; 1 when `slowMs` is given alone. */
  slowRate: v.optional(rate),
  dropAfterWrite: v.optional(rate),
});

export const faultRequestSchema = v.strictObject({
  rules: v.array(faultRuleSchema),
  seed: v.optional(v.pipe(v.number(), v.integer())),
  /** `Retry-After` on injected 429s; 0 sends no header. */
  retryAfterSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3600))),
});

export type FaultRule = v.InferOutput<typeof faultRuleSchema>;
export type FaultRequest = v.InferOutput<typeof faultRequestSchema>;

/** The body of a fault control request, or a message naming what is wrong with it. */
export function parseFaultRequest(
  body: unknown,
): { ok: true; value: FaultRequest } | { ok: false; message: string } {
  const parsed = v.safeParse(faultRequestSchema, body);
  if (parsed.success) return { ok: true, value: parsed.output };
  const message = parsed.issues
    .map((issue) => `${v.getDotPath(issue) ?? 'body'}: ${issue.message}`)
    .join('; ');
  return { ok: false, message };
}

/** mulberry32: a tiny seeded PRNG, so a seed replays the same faults in the same order. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Whether a rule's route names this route key; a missing route names every route. */
export function routeMatches(pattern: string | undefined, key: string): boolean {
  if (pattern === undefined) return true;
  const want = pattern.trim().split(/[\s/]+/);
  const have = key.split(/[\s/]+/);
  return (
    want.length === have.length &&
    want.every(
      (part, i) => /^(\{.*\}|\*)$/.test(part) || part.toLowerCase() === have[i]?.toLowerCase(),
    )
  );
}

export interface FaultDecision {
  error?: 500 | 429;
  slowMs: number;
  drop: boolean;
}

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const reads = new Set(['POST /crm/v8/coql']);

/** The fault rules in force, their random stream and what they have injected so far. */
export class Faults {
  private request: FaultRequest = { rules: [] };
  private random = mulberry32(0);
  counts = { '500': 0, '429': 0, slow: 0, dropped: 0 };

  get config(): FaultRequest {
    return this.request;
  }

  /** Replaces the rules and restarts the random stream from the seed. */
  set(request: FaultRequest): void {
    this.request = request;
    this.random = mulberry32(request.seed ?? 0);
  }

  clear(): void {
    this.set({ rules: [] });
  }

  resetCounts(): void {
    this.counts = { '500': 0, '429': 0, slow: 0, dropped: 0 };
  }

  private roll(p: number | undefined): boolean {
    return p !== undefined && p > 0 && this.random() < p;
  }

  /** What happens to one call; every matching rule rolls, in order. */
  decide(key: string, method: string): FaultDecision {
    const decision: FaultDecision = { slowMs: 0, drop: false };
    const isWrite = writeMethods.has(method) && !reads.has(key);
    for (const rule of this.request.rules.filter((r) => routeMatches(r.route, key))) {
      if (!decision.error && this.roll(rule.error500)) decision.error = 500;
      if (!decision.error && this.roll(rule.error429)) decision.error = 429;
      if (rule.slowMs && this.roll(rule.slowRate ?? 1)) {
        decision.slowMs = Math.max(decision.slowMs, rule.slowMs);
      }
      if (isWrite && this.roll(rule.dropAfterWrite)) decision.drop = true;
    }
    if (decision.error) this.counts[decision.error]++;
    if (decision.slowMs > 0) this.counts.slow++;
    return decision;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const internalError = () =>
  new Response(JSON.stringify(errorBody('INTERNAL_ERROR', 'Internal Server Error')), {
    status: 500,
    headers: { 'content-type': 'application/json' },
  });

/**
 * Applies the fault rules to each call: wait, refuse with 500 or 429 without doing the work, or
 * do the work and lose its answer (a 500 after the write committed).
 *
 * @example
 * app.use('/crm/*', injectFaults(faults, (c) => routeKey(c.req.method, c.req.path)));
 */
export function injectFaults(faults: Faults, keyOf: (c: Context) => string): MiddlewareHandler {
  return async (c, next) => {
    const decision = faults.decide(keyOf(c), c.req.method);
    if (decision.slowMs > 0) await sleep(decision.slowMs);
    if (decision.error === 500) return internalError();
    if (decision.error === 429) {
      const retryAfter = faults.config.retryAfterSeconds ?? 0;
      if (retryAfter > 0) c.header('Retry-After', String(retryAfter));
      return c.json(errorBody('TOO_MANY_REQUESTS', 'too many requests'), 429);
    }
    await next();
    // Only a write that went through can lose its answer: the record stays committed.
    if (decision.drop && c.res.status < 400) {
      faults.counts.dropped++;
      // Unset first: Hono would carry the lost answer's headers over to the new one.
      c.res = undefined;
      c.res = internalError();
    }
  };
}
