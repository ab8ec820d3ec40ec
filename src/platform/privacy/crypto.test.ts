// The field cipher: what it seals it opens again, the empty text included; anything changed or sealed under
// another key is refused rather than read as something else.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fieldCipher } from './crypto.js';

const cipher = fieldCipher('a-test-key-of-enough-length-0123456789');

/** The sealed text with one character of the given part (0 version, 1 iv, 2 tag, 3 body) changed. */
function tamper(sealed: string, part: number): string {
  const parts = sealed.split('.');
  const p = parts[part]!;
  parts[part] = (p[0] === 'A' ? 'B' : 'A') + p.slice(1);
  return parts.join('.');
}

describe('field cipher', () => {
  test('round trip of an empty text and of ordinary text', () => {
    for (const plain of ['', 'Mevrouw De Graaf, Dorpsstraat 12', 'ë € 🙂 "quotes" <b>']) {
      const sealed = cipher.encrypt(plain);
      assert.notEqual(sealed, plain);
      assert.equal(cipher.decrypt(sealed), plain);
    }
  });

  test('the same text seals differently each time', () => {
    const a = cipher.encrypt('');
    assert.notEqual(a, cipher.encrypt(''));
    assert.equal(a.split('.').length, 4);
  });

  test('a changed iv, tag or body, a shortened tag, or another key is refused', () => {
    for (const plain of ['', 'geheim']) {
      const sealed = cipher.encrypt(plain);
      assert.throws(() => cipher.decrypt(tamper(sealed, 1)));
      assert.throws(() => cipher.decrypt(tamper(sealed, 2)));
      const [v, iv, tag, body] = sealed.split('.');
      assert.throws(() => cipher.decrypt([v, iv, tag!.slice(0, 8), body].join('.')), /format/);
      assert.throws(() => fieldCipher('another-key-of-enough-length-987654321').decrypt(sealed));
    }
    // A body added to a sealed empty text does not pass either.
    const empty = cipher.encrypt('');
    assert.throws(() => cipher.decrypt(`${empty}AAAA`));
    assert.throws(() => cipher.decrypt(tamper(cipher.encrypt('geheim'), 3)));
  });

  test('text that is no sealed text is refused with a clear error', () => {
    for (const bad of ['', 'plain text', 'v1.a.b', 'v2.a.b.c', 'v1..b.c', `${cipher.encrypt('x')}.extra`])
      assert.throws(() => cipher.decrypt(bad), /unknown cipher text format/);
  });
});
