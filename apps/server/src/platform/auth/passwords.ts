import { randomInt } from 'node:crypto';

// The native module is loaded at the first password hashed or checked, not at every start.
let argon2: Promise<typeof import('@node-rs/argon2')> | undefined;
const loadArgon2 = () => (argon2 ??= import('@node-rs/argon2'));

// argon2id, OWASP's second recommended profile (19 MiB, 2 passes).
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = async (password: string) =>
  (await loadArgon2()).hash(password, options);

/** A hash of a random value: verifying against it costs the same as a real account. */
let dummyHash: Promise<string> | undefined;

/** Verifies; with no stored hash, spends the same time and returns false. */
export async function verifyPassword(stored: string | null | undefined, password: string) {
  if (!stored) {
    dummyHash ??= hashPassword(`dummy-${randomInt(1e9)}`);
    const { verify } = await loadArgon2();
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  const { verify } = await loadArgon2();
  return verify(stored, password).catch(() => false);
}

/** A one-time initial password for accounts created by staff: 12 characters, no look-alikes. */
export function generateInitialPassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  let out = '';
  for (let i = 0; i < 12; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}
