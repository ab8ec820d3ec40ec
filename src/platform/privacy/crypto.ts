import crypto from 'node:crypto';

/**
 * Field encryption at rest (AES-256-GCM) for secrets that a database copy must not reveal:
 * TOTP secrets now, BSN later. The key comes from WIJKKRACHT_SECRET_KEY.
 */
export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

export function fieldCipher(secretKey: string): FieldCipher {
  const key = crypto.createHash('sha256').update(`wijkkracht-field-v1:${secretKey}`).digest();
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [
        'v1',
        iv.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        body.toString('base64url'),
      ].join('.');
    },
    decrypt(sealed) {
      const parts = sealed.split('.');
      const [version, iv, tag, body] = parts;
      // An empty text seals to an empty body: present but "", so test for the part, not its truthiness.
      if (parts.length !== 4 || version !== 'v1' || !iv || !tag || body === undefined)
        throw new Error('unknown cipher text format');
      const authTag = Buffer.from(tag, 'base64url');
      // GCM would accept a shortened tag, which makes forging easier: only the full 16 bytes are ours.
      if (authTag.length !== 16) throw new Error('unknown cipher text format');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(authTag);
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
  };
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}
