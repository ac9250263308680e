#!/usr/bin/env node
// Writes the bad-input corpus: malformed embedding files, configs and checkpoints, plus cases.json,
// the CLI invocations that must each fail with one typed line (exit 2) and write nothing.
// Usage: node scripts/make-bad-fixtures.mjs [DIR]   (default fixtures/bad; deterministic output)
// scripts/bad-inputs.test.ts runs every case and checks the committed corpus is this script's output.
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(root, 'fixtures/bad'));
const enc = (s) => new TextEncoder().encode(s);

/** Deterministic values (an LCG), so regenerating gives identical bytes. */
function values(n, seed = 1) {
  let x = seed;
  return Float64Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31 - 0.5;
  });
}

function npy(header, data) {
  let h = header;
  h += ' '.repeat((64 - ((10 + h.length + 1) % 64)) % 64) + '\n';
  const bytes = new Uint8Array(10 + h.length + data.length);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(bytes.buffer).setUint16(8, h.length, true);
  bytes.set(enc(h), 10);
  bytes.set(data, 10 + h.length);
  return bytes;
}
const f8 = (arr) => new Uint8Array(Float64Array.from(arr).buffer);
const npyMatrix = (rows, cols, data = values(rows * cols)) => npy(`{'descr': '<f8', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`, f8(data));

function safetensors(header, buffer, declared) {
  const json = enc(JSON.stringify(header));
  const bytes = new Uint8Array(8 + json.length + buffer.length);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(declared ?? json.length), true);
  bytes.set(json, 8);
  bytes.set(buffer, 8 + json.length);
  return bytes;
}

function word2vec(header, entries) {
  const parts = [enc(header + '\n')];
  for (const [w, v] of entries) parts.push(enc(w + ' '), new Uint8Array(Float32Array.from(v).buffer), enc('\n'));
  return Buffer.concat(parts);
}

const glove = (words, dims = 3) => words.map((w, i) => `${w} ${Array.from(values(dims, i + 2), (x) => x.toFixed(5)).join(' ')}`).join('\n') + '\n';
const numbers = (n) => Array.from({ length: n }, (_, i) => String(i));

/** A numfeat checkpoint (format v2: hash over header and payload), optionally edited after hashing. */
function checkpoint({ magic = 'NFCKPT02', editStep } = {}) {
  const payload = new Uint8Array(new Float32Array([1, 2, 3, 4]).buffer);
  const header = {
    format: 'numfeat-checkpoint', version: 2, config: {}, step: 1, tokens: 64, data: { consumed: 1, position: null },
    optimizer: { name: 'adamw', step: 1 }, tensors: [{ key: 'param/wte', shape: [2, 2], offset: 0, length: 4 }], payloadBytes: 16,
  };
  const build = (h) => {
    const json = enc(JSON.stringify(h));
    const body = Buffer.concat([enc(magic), new Uint8Array(new Uint32Array([json.length]).buffer), json, payload]);
    return { body, digest: createHash('sha256').update(body).digest() };
  };
  const { body, digest } = build(header);
  if (editStep === undefined) return Buffer.concat([body, digest]);
  return Buffer.concat([build({ ...header, step: editStep }).body, digest]); // edited, old hash kept
}

const files = {
  // --- .npy
  'good.npy': npyMatrix(1000, 4),
  'npy-bad-magic.npy': enc('NOTNUMPY and some more bytes to pass the length check'),
  'npy-truncated.npy': npy(`{'descr': '<f8', 'fortran_order': False, 'shape': (1000, 16), }`, f8(values(10))),
  'npy-huge-shape.npy': npy(`{'descr': '<f4', 'fortran_order': False, 'shape': (1000000000000000, 1000000000000000), }`, f8(values(64))),
  'npy-header-past-end.npy': Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 0xff, 0xff, 0x7b]),
  'npy-structured.npy': npy(`{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (4,), }`, new Uint8Array(16)),
  'npy-complex.npy': npy(`{'descr': '<c16', 'fortran_order': False, 'shape': (4, 1), }`, new Uint8Array(64)),
  'npy-version-9.npy': Uint8Array.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 9, 0, 0, 0, 0, 0]),
  'npy-negative-shape.npy': npy(`{'descr': '<f8', 'fortran_order': False, 'shape': (-3, 4), }`, new Uint8Array(96)),
  'npy-3d.npy': npy(`{'descr': '<f8', 'fortran_order': False, 'shape': (10, 2, 2), }`, f8(values(40))),
  'npy-nan.npy': npyMatrix(100, 2, Float64Array.from(values(200), (x, i) => (i === 17 ? NaN : x))),
  'npy-empty.npy': new Uint8Array(0),
  // --- .safetensors
  'st-huge-shape.safetensors': safetensors({ wte: { dtype: 'F32', shape: [1e15, 1e15], data_offsets: [0, 65000] } }, new Uint8Array(65000)),
  'st-overlap.safetensors': safetensors({ a: { dtype: 'F32', shape: [10, 2], data_offsets: [0, 80] }, b: { dtype: 'F32', shape: [10, 2], data_offsets: [40, 120] } }, new Uint8Array(120)),
  'st-hole.safetensors': safetensors({ a: { dtype: 'F32', shape: [10, 2], data_offsets: [0, 80] } }, new Uint8Array(120)),
  'st-header-past-end.safetensors': safetensors({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, new Uint8Array(4), 1e9),
  'st-header-not-json.safetensors': (() => { const b = safetensors({ a: 1 }, new Uint8Array(0)); b[8] = 0x5b; return b; })(),
  'st-bool.safetensors': safetensors({ a: { dtype: 'BOOL', shape: [20, 2], data_offsets: [0, 40] } }, new Uint8Array(40)),
  'st-short.safetensors': Uint8Array.from([1, 2, 3, 4]),
  'st-two-tensors.safetensors': safetensors({ a: { dtype: 'F32', shape: [20, 2], data_offsets: [0, 160] }, b: { dtype: 'F32', shape: [1], data_offsets: [160, 164] } }, new Uint8Array(164)),
  'st-bad-offsets.safetensors': safetensors({ a: { dtype: 'F32', shape: [20, 2], data_offsets: [0, -160] } }, new Uint8Array(160)),
  // --- GloVe text
  'glove-good.txt': glove(numbers(100)),
  'glove-hex.txt': glove(numbers(30)).replace(/^7 [^ ]+/m, '7 0x10'),
  'glove-dup.txt': glove([...numbers(30), '7']),
  'glove-ragged.txt': glove(numbers(30)).replace(/^(5 [^ ]+ [^ ]+) [^\n]+$/m, '$1'),
  'glove-long-line.txt': 'w ' + '0.1 '.repeat(300_000),
  'glove-header-mismatch.txt': '50 3\n' + glove(numbers(30)),
  'glove-few-numbers.txt': glove(numbers(10)),
  'glove-nan.txt': glove(numbers(30)).replace(/^3 [^ ]+/m, '3 nan'),
  'glove-empty.txt': '',
  'glove-binary-junk.txt': Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256),
  // --- word2vec binary
  'w2v-overstated.bin': word2vec('40 3', numbers(30).map((w, i) => [w + '-padded-word-to-pass-the-size-bound', values(3, i)])),
  'w2v-understated.bin': word2vec('10 3', numbers(30).map((w, i) => [w, values(3, i)])),
  'w2v-bad-header.bin': Buffer.concat([enc('ten three\n'), new Uint8Array(40)]),
  'w2v-no-space.bin': Buffer.concat([enc('3 2\n'), new Uint8Array(9000).fill(0x61)]),
  'w2v-dup.bin': word2vec('3 2', [['1', [1, 2]], ['2', [3, 4]], ['1', [5, 6]]]),
  'w2v-huge-dims.bin': Buffer.concat([enc('10 1000000\n'), new Uint8Array(100)]),
  // --- .json matrix, ids, configs
  'json-invalid.json': '[[1, 2], [3,',
  'json-ragged.json': JSON.stringify([[1, 2], [3]]),
  'json-strings.json': JSON.stringify({ data: ['a', 'b'], shape: [1, 2] }),
  'ids-not-a-list.json': JSON.stringify({ ids: 'all' }),
  'ids-negative.json': JSON.stringify([0, 1, -5]),
  'embeddings-without-extension': f8(values(8)),
  'config-context-100000.json': JSON.stringify({ model: { dModel: 16, nLayers: 1, nHeads: 2 }, train: { context: 100000, batchSize: 4 } }),
  'config-context-5000.json': JSON.stringify({ model: { dModel: 16, nLayers: 1, nHeads: 2 }, train: { context: 5000, batchSize: 4 } }),
  'config-batch-0.json': JSON.stringify({ train: { batchSize: 0 } }),
  'config-numbers-1e9.json': JSON.stringify({ corpus: { numbers: 1e9 } }),
  'config-not-json.json': '{ "train": { "context": 32 ',
  'ckpt-edited/checkpoint.bin': checkpoint({ editStep: 999 }),
  'ckpt-v1/checkpoint.bin': checkpoint({ magic: 'NFCKPT01' }),
  'tiny.json': JSON.stringify({ model: { dModel: 16, nLayers: 1, nHeads: 2 }, train: { batchSize: 4, context: 16 }, corpus: { numbers: 100 } }),
};
const dirs = ['emb.txt', 'emb.npy'];

// {f:NAME} = this folder's file; cwd is an empty scratch folder (cases' outputs would land there).
const A = (file, ...rest) => ['analyze', `{f:${file}}`, '--quiet', ...rest];
const T = (...rest) => ['train', '--quiet', '--backend', 'cpu', ...rest];
const cases = [
  // .npy
  ['npy bad magic', A('npy-bad-magic.npy'), 'CORRUPT_FILE'],
  ['npy truncated data', A('npy-truncated.npy'), 'CORRUPT_FILE'],
  ['npy shape 1e15×1e15', A('npy-huge-shape.npy'), 'CORRUPT_FILE'],
  ['npy header length past the end', A('npy-header-past-end.npy'), 'CORRUPT_FILE'],
  ['npy structured dtype', A('npy-structured.npy'), 'UNSUPPORTED_FORMAT'],
  ['npy complex dtype', A('npy-complex.npy'), 'UNSUPPORTED_FORMAT'],
  ['npy version 9', A('npy-version-9.npy'), 'UNSUPPORTED_FORMAT'],
  ['npy negative shape', A('npy-negative-shape.npy'), 'CORRUPT_FILE'],
  ['npy 3-D array', A('npy-3d.npy'), 'SHAPE_MISMATCH'],
  ['npy with NaN', A('npy-nan.npy', '--moduli', '2..5', '--T', '2,5'), 'NON_FINITE'],
  ['npy empty file', A('npy-empty.npy'), 'CORRUPT_FILE'],
  ['--numbers 0..1e9 on 1000 rows', A('good.npy', '--numbers', '0..1000000000'), 'MISSING_NUMBERS'],
  ['--numbers with 20 digits', A('good.npy', '--numbers', '0..99999999999999999999'), 'BAD_ARGUMENT'],
  ['--numbers reversed', A('good.npy', '--numbers', '9..2'), 'BAD_ARGUMENT'],
  ['--T 2..1e8', A('good.npy', '--T', '2..100000000'), 'BAD_RANGE'],
  ['--T 2..40000 (too many periods)', A('good.npy', '--T', '2..40000'), 'BAD_RANGE'],
  ['--T 600 on 1000 rows', A('good.npy', '--T', '600'), 'BAD_RANGE'],
  ['--moduli 1', A('good.npy', '--moduli', '1'), 'BAD_ARGUMENT'],
  ['--seeds 1e9', A('good.npy', '--seeds', '999999999'), 'BAD_RANGE'],
  ['--seeds 0', A('good.npy', '--seeds', '0'), 'BAD_ARGUMENT'],
  ['--probe svm', A('good.npy', '--probe', 'svm'), 'BAD_ARGUMENT'],
  ['--first-row huge', A('good.npy', '--first-row', '99999999999999999999'), 'BAD_ARGUMENT'],
  ['--format xyz', A('good.npy', '--format', 'xyz'), 'UNSUPPORTED_FORMAT'],
  ['unknown option', A('good.npy', '--frobnicate'), 'BAD_ARGUMENT'],
  ['--out under /proc', A('good.npy', '--out', '/proc/x'), 'IO_ERROR'],
  ['--out is an existing file', A('good.npy', '--out', '{f:glove-good.txt}'), 'IO_ERROR'],
  ['--out below a file', A('good.npy', '--out', '{f:glove-good.txt}/sub'), 'IO_ERROR'],
  ['--ids missing', A('good.npy', '--ids', 'no-such-ids.json'), 'IO_ERROR'],
  ['--ids not a list', A('good.npy', '--ids', '{f:ids-not-a-list.json}'), 'BAD_ARGUMENT'],
  ['--ids negative', A('good.npy', '--ids', '{f:ids-negative.json}'), 'BAD_ARGUMENT'],
  ['input is a directory (emb.txt)', A('emb.txt'), 'IO_ERROR'],
  ['input is a directory (emb.npy)', A('emb.npy'), 'IO_ERROR'],
  ['input is a character device', ['analyze', '/dev/zero', '--format', 'glove', '--quiet'], 'IO_ERROR'],
  ['input missing', A('no-such-file.npy'), 'IO_ERROR'],
  ['no extension', A('embeddings-without-extension'), 'UNSUPPORTED_FORMAT'],
  ['two inputs', ['analyze', '{f:good.npy}', '{f:good.npy}'], 'BAD_ARGUMENT'],
  // .safetensors
  ['safetensors shape 1e15×1e15, small offsets', A('st-huge-shape.safetensors'), 'CORRUPT_FILE'],
  ['safetensors overlapping offsets', A('st-overlap.safetensors', '--tensor', 'a'), 'CORRUPT_FILE'],
  ['safetensors hole after the tensors', A('st-hole.safetensors'), 'CORRUPT_FILE'],
  ['safetensors header length past the end', A('st-header-past-end.safetensors'), 'CORRUPT_FILE'],
  ['safetensors header not JSON', A('st-header-not-json.safetensors'), 'CORRUPT_FILE'],
  ['safetensors BOOL dtype', A('st-bool.safetensors'), 'UNSUPPORTED_FORMAT'],
  ['safetensors 4-byte file', A('st-short.safetensors'), 'CORRUPT_FILE'],
  ['safetensors no --tensor with two', A('st-two-tensors.safetensors'), 'BAD_ARGUMENT'],
  ['safetensors unknown --tensor', A('st-two-tensors.safetensors', '--tensor', 'nope'), 'BAD_ARGUMENT'],
  ['safetensors negative offsets', A('st-bad-offsets.safetensors'), 'CORRUPT_FILE'],
  // GloVe
  ['GloVe value 0x10', A('glove-hex.txt', '--numbers', '0..29'), 'CORRUPT_FILE'],
  ['GloVe duplicate word', A('glove-dup.txt', '--numbers', '0..29'), 'CORRUPT_FILE'],
  ['GloVe ragged row', A('glove-ragged.txt', '--numbers', '0..29'), 'CORRUPT_FILE'],
  ['GloVe 1.2 MB line', A('glove-long-line.txt'), 'CORRUPT_FILE'],
  ['GloVe header promises 50 rows', A('glove-header-mismatch.txt', '--numbers', '0..29'), 'CORRUPT_FILE'],
  ['GloVe --numbers 0..3e7', A('glove-good.txt', '--numbers', '0..30000000'), 'BAD_RANGE'],
  ['GloVe lacks numbers', A('glove-few-numbers.txt', '--numbers', '0..29'), 'MISSING_NUMBERS'],
  ['GloVe nan value', A('glove-nan.txt', '--numbers', '0..29'), 'NON_FINITE'],
  ['GloVe empty file', A('glove-empty.txt'), 'MISSING_NUMBERS'],
  ['GloVe binary junk', A('glove-binary-junk.txt'), 'CORRUPT_FILE'],
  // word2vec
  ['word2vec header overstates the vocabulary', A('w2v-overstated.bin', '--numbers', '0..29'), 'CORRUPT_FILE'],
  ['word2vec header understates the vocabulary', A('w2v-understated.bin', '--numbers', '0..9'), 'CORRUPT_FILE'],
  ['word2vec header not "V d"', A('w2v-bad-header.bin'), 'CORRUPT_FILE'],
  ['word2vec word without a space', A('w2v-no-space.bin'), 'CORRUPT_FILE'],
  ['word2vec duplicate word', A('w2v-dup.bin', '--numbers', '1..2'), 'CORRUPT_FILE'],
  ['word2vec 1e6 dimensions', A('w2v-huge-dims.bin'), 'CORRUPT_FILE'],
  // .json
  ['json invalid', A('json-invalid.json'), 'CORRUPT_FILE'],
  ['json ragged', A('json-ragged.json'), 'CORRUPT_FILE'],
  ['json strings', A('json-strings.json'), 'CORRUPT_FILE'],
  // train
  ['train --tokens 1e30', T('--tokens', '1e30', '--out', 'run'), 'BAD_RANGE'],
  ['train --tokens 1e30 --max-tokens 1e6', T('--tokens', '1e30', '--max-tokens', '1e6', '--out', 'run'), 'BAD_RANGE'],
  // Out of the run-config schema's ranges (BAD_CONFIG), and inside them but over the CLI's limits (BAD_ARGUMENT).
  ['train context 100000', T('--config', '{f:config-context-100000.json}', '--tokens', '1000', '--out', 'run'), 'BAD_CONFIG'],
  ['train context 5000', T('--config', '{f:config-context-5000.json}', '--tokens', '1000', '--out', 'run'), 'BAD_ARGUMENT'],
  ['train batchSize 0', T('--config', '{f:config-batch-0.json}', '--tokens', '1000', '--out', 'run'), 'BAD_CONFIG'],
  ['train corpus.numbers 1e9', T('--config', '{f:config-numbers-1e9.json}', '--tokens', '1000', '--out', 'run'), 'BAD_CONFIG'],
  ['train --perturb ctx-100000', T('--perturb', 'ctx-100000', '--tokens', '1000', '--out', 'run'), 'BAD_ARGUMENT'],
  ['train config not JSON', T('--config', '{f:config-not-json.json}', '--out', 'run'), 'BAD_ARGUMENT'],
  ['train config is a directory', T('--config', '{f:emb.txt}', '--out', 'run'), 'IO_ERROR'],
  ['train --out under /proc', T('--tokens', '1000', '--out', '/proc/x'), 'IO_ERROR'],
  ['train --out is a file', T('--tokens', '1000', '--out', '{f:tiny.json}'), 'IO_ERROR'],
  ['train --backend tpu', T('--backend', 'tpu', '--tokens', '1000', '--out', 'run'), 'BAD_ARGUMENT'],
  ['train NUMFEAT_BACKEND=tpu', ['train', '--quiet', '--tokens', '1000', '--out', 'run'], 'BAD_ARGUMENT', { NUMFEAT_BACKEND: 'tpu' }],
  ['train --perturb shuffle', T('--perturb', 'shuffle', '--out', 'run'), 'BAD_ARGUMENT'],
  ['train --eval-every 0', T('--eval-every', '0', '--out', 'run'), 'BAD_ARGUMENT'],
  ['train --seed -1', T('--seed', '-1', '--out', 'run'), 'BAD_ARGUMENT'],
  ['train without --out', T('--tokens', '1000'), 'BAD_ARGUMENT'],
  ['train checkpoint header edited', T('--config', '{f:tiny.json}', '--tokens', '256', '--resume', '--out', '{copy:ckpt-edited}'), 'CORRUPT_FILE'],
  ['train checkpoint v1', T('--config', '{f:tiny.json}', '--tokens', '256', '--resume', '--out', '{copy:ckpt-v1}'), 'UNSUPPORTED_FORMAT'],
  // other commands
  ['corpus without an action', ['corpus'], 'BAD_ARGUMENT'],
  ['corpus synthetic 1e15 tokens', ['corpus', 'stats', '--corpus', 'synthetic', '--tokens', '999999999999999', '--quiet'], 'BAD_RANGE'],
  ['report without --results', ['report'], 'BAD_ARGUMENT'],
  ['report of a folder without study.json', ['report', '--results', '{f:emb.txt}'], 'IO_ERROR'],
  ['unknown command', ['frobnicate'], 'BAD_ARGUMENT'],
].map(([name, args, code, env]) => ({ name, args, code, ...(env ? { env } : {}) }));

rmSync(out, { recursive: true, force: true });
for (const [name, data] of Object.entries(files)) {
  mkdirSync(dirname(join(out, name)), { recursive: true });
  writeFileSync(join(out, name), data);
}
for (const d of dirs) mkdirSync(join(out, d), { recursive: true });
writeFileSync(join(out, 'emb.txt', '.keep'), '');
writeFileSync(join(out, 'emb.npy', '.keep'), '');
writeFileSync(join(out, 'cases.json'), JSON.stringify(cases, null, 1) + '\n');
console.log(`wrote ${Object.keys(files).length} files, ${dirs.length} folders and ${cases.length} cases to ${out}`);
