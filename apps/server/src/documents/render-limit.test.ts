import { describe, expect, it } from 'vitest';
import { PerKeyLimit } from './render-limit';

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('PerKeyLimit', () => {
  it('runs two at once per key, queues the next in order and refuses beyond the queue', async () => {
    const limit = new PerKeyLimit(2, 2);
    const order: string[] = [];
    const take = (name: string, key = 'org-a') =>
      limit.acquire(key).then((release) => {
        order.push(name);
        return release;
      });
    const first = await take('first');
    await take('second');
    const third = take('third');
    const fourth = take('fourth');
    await expect(limit.acquire('org-a')).rejects.toMatchObject({
      status: 429,
      code: 'PDF_BUSY',
      details: { retryAfterSeconds: 5 },
    });
    // Another key has its own slots.
    await take('other', 'org-b');
    await settle();
    expect(order).toEqual(['first', 'second', 'other']);

    first();
    first(); // a second release of the same slot frees nothing more
    await third;
    await settle();
    expect(order).toEqual(['first', 'second', 'other', 'third']);
    (await third)();
    await fourth;
    expect(order).toEqual(['first', 'second', 'other', 'third', 'fourth']);
  });

  it('frees the key once every slot is released', async () => {
    const limit = new PerKeyLimit(1, 0);
    const release = await limit.acquire('org-a');
    await expect(limit.acquire('org-a')).rejects.toMatchObject({ status: 429 });
    release();
    const again = await limit.acquire('org-a');
    again();
  });
});
