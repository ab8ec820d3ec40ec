// Personal data helpers of casework: the BSN (eleven test, sealed at rest, a keyed lookup hash to find it again)
// and the name key that the duplicate check compares.
import crypto from 'node:crypto';
import { fieldCipher, type FieldCipher } from '../../platform/privacy/crypto.js';

export interface Sealer {
  cipher: FieldCipher;
  /** HMAC of a normalised BSN under a key derived from the installation key: equal BSNs, equal hashes. */
  bsnLookup(bsn: string): string;
}

export function sealer(secretKey: string): Sealer {
  const lookupKey = crypto.createHash('sha256').update(`wijkkracht-bsn-lookup-v1:${secretKey}`).digest();
  return {
    cipher: fieldCipher(secretKey),
    bsnLookup: (bsn) => crypto.createHmac('sha256', lookupKey).update(bsn).digest('base64url'),
  };
}

/** "1112.22.333" or "111 222 333" → "111222333"; undefined when it is no valid BSN (9 digits, eleven test). */
export function normaliseBsn(input: string): string | undefined {
  const digits = input.replace(/[\s.-]/g, '');
  if (!/^\d{8,9}$/.test(digits)) return undefined;
  const bsn = digits.padStart(9, '0');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(bsn[i]) * (9 - i);
  sum -= Number(bsn[8]);
  return sum % 11 === 0 && sum !== 0 ? bsn : undefined;
}

/** Lower case, no accents, punctuation as spaces: "Jansen-de Vries" and "jansen de vries" compare equal. */
export function normaliseName(input: string): string {
  return input
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function nameKey(givenName: string, familyName: string): string {
  return `${normaliseName(givenName)}|${normaliseName(familyName)}`;
}

/** "1931ab", "1931 AB" → "1931 AB"; undefined when it is no full Dutch postcode. */
export function normalisePostcode(input: string): string | undefined {
  const m = /^\s*([1-9][0-9]{3})\s*([a-zA-Z]{2})\s*$/.exec(input);
  return m ? `${m[1]} ${m[2]!.toUpperCase()}` : undefined;
}
