/**
 * Password hashing: argon2id with 19 MiB of memory, 2 passes, 1 lane (the
 * OWASP minimum for argon2id). No I/O; the hash string carries its parameters.
 */
import { hash, hashSync, verify, type Algorithm } from "@node-rs/argon2";

// Algorithm.Argon2id is a const enum (2), which isolated modules cannot read.
const ARGON2 = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

/** For the seed, which runs before any request. */
export function hashPasswordSync(password: string): string {
  return hashSync(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
