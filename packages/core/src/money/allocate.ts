/**
 * Splits `total` into parts proportional to `weights` (largest-remainder
 * method), so the parts always sum to exactly `total`.
 *
 * Each part first gets floor(total × weight / Σweights); the units left over
 * go one each to the parts with the largest remainders, earlier parts winning
 * ties — deterministic, so client and server allocate identically.
 *
 * @example allocate(100n, [1n, 1n, 1n]) // [34n, 33n, 33n]
 */
export function allocate(total: bigint, weights: readonly bigint[]): bigint[] {
  if (weights.some((weight) => weight < 0n)) throw new RangeError('Weights must be >= 0');
  if (total < 0n) return allocate(-total, weights).map((part) => -part);
  const sum = weights.reduce((acc, weight) => acc + weight, 0n);
  if (sum === 0n) return weights.map(() => 0n);
  const parts = weights.map((weight) => (total * weight) / sum);
  const remainders = weights.map((weight, index) => ({ index, rest: (total * weight) % sum }));
  let left = total - parts.reduce((acc, part) => acc + part, 0n);
  remainders.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return parts;
}
