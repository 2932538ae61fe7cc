import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with OWASP's minimum: 19 MiB of memory, 2 iterations, 1 lane.
 * The numeric algorithm id avoids importing the package's `const enum`.
 */
export const passwordHashOptions = {
  algorithm: 2, // Argon2id
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, passwordHashOptions);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}
