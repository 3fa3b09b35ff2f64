/** Identifiers and secrets for the simulator: random ones, and deterministic ones per seed. */
import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function encode(bytes: Buffer, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i % bytes.length] % ALPHABET.length];
  return out;
}

/** Random lowercase alphanumeric string (BigCommerce tokens look like this, ~31 characters). */
export function randomId(length: number): string {
  return encode(randomBytes(length), length);
}

/** Deterministic lowercase alphanumeric string derived from a label and the seed. */
export function seededId(label: string, seed: number, length: number): string {
  return encode(createHash('sha256').update(`bigcommerce-sql simulator:${label}:${seed}`).digest(), length);
}

/** A deterministic UUID (version-4 layout) derived from a label and the seed. */
export function seededUuid(label: string, seed: number): string {
  const h = createHash('sha256').update(`bigcommerce-sql simulator:${label}:${seed}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
