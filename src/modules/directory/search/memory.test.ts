// The pieces of the index in memory that read PostgreSQL's output and look words up.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseTsvector, prefixRange, WEIGHT } from './memory.js';

describe('search index in memory', () => {
  const read = (text: string) => {
    const out: [string, number][] = [];
    parseTsvector(text, (lexeme, weights) => out.push([lexeme, weights]));
    return out;
  };

  test('a tsvector in text form gives each word with the weights it has', () => {
    assert.deepEqual(read(`'koffi':1A,7 'drink':3C 'inloop':2B,5B`), [
      ['koffi', WEIGHT.A | WEIGHT.D],
      ['drink', WEIGHT.C],
      ['inloop', WEIGHT.B],
    ]);
  });

  test('quotes and backslashes inside a word, and a word without positions', () => {
    assert.deepEqual(read(`'d''r':4 'a\\\\b':1D 'los'`), [
      ["d'r", WEIGHT.D],
      ['a\\b', WEIGHT.D],
      ['los', WEIGHT.A | WEIGHT.B | WEIGHT.C | WEIGHT.D],
    ]);
    assert.deepEqual(read(''), []);
  });

  test('a prefix finds the run of sorted words that start with it', () => {
    const words = ['koffi', 'koffiedrink', 'kop', 'peuter', 'peutergym', 'peuterspeelzal'];
    assert.deepEqual(prefixRange(words, 'peuter'), [3, 6]);
    assert.deepEqual(prefixRange(words, 'koff'), [0, 2]);
    assert.deepEqual(prefixRange(words, 'zzz'), [6, 6]);
    assert.deepEqual(prefixRange(words, 'a'), [0, 0]);
  });
});
