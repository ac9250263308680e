import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { NumfeatError } from '@numfeat/core';
import type { Tokenizer } from '@numfeat/tokenizers';
import { writeFileAtomicSync } from '@numfeat/io';
import { assertLittleEndianHost, dtypeForVocab, sha256, shardProblem, bytesPer, type ShardDtype, type ShardRef } from './shards.js';
import { BUNDLED_SOURCES, readBundledDocuments, sourcePackageInfo, type BundledSourceName } from './sources.js';

const BUILDER_VERSION = 1;

export interface BuildCorpusOptions {
  /** Directory for the cache; each tokenizer/options combination gets its own subdirectory. */
  cacheDir: string;
  tokenizer: Tokenizer;
  sources?: readonly BundledSourceName[];
  maxDocumentsPerSource?: number;
  /** Tokens per shard (default 2^20). */
  shardTokens?: number;
  /** Token appended after each document: default the tokenizer's '<eos>' if it has one, else none. */
  separatorId?: number | null;
  /** A shard whose hash mismatches its manifest: throw CORRUPT_FILE (true) or warn and rebuild (false, default). */
  strict?: boolean;
  onWarning?: (message: string) => void;
}

export interface SourceStats {
  name: BundledSourceName;
  package: string;
  version: string;
  license: string;
  documents: number;
  chars: number;
  tokens: number;
  numberTokens: number;
}

export interface CorpusManifest {
  format: 'numfeat.corpus';
  builderVersion: number;
  key: string;
  tokenizer: { name: string; vocabSize: number };
  dtype: ShardDtype;
  endianness: 'little';
  separatorId: number | null;
  sources: SourceStats[];
  documents: number;
  chars: number;
  tokens: number;
  numberTokens: number;
  /** Tokenization throughput of the build that wrote the shards. */
  tokenizeSeconds: number;
  tokensPerSecond: number;
  shards: { file: string; tokens: number; bytes: number; sha256: string }[];
}

export interface BundledCorpus {
  dir: string;
  manifest: CorpusManifest;
  shards: ShardRef[];
  /** True when the shards came from the cache. */
  reused: boolean;
}

function cacheKey(opts: BuildCorpusOptions, sources: readonly BundledSourceName[], shardTokens: number, separatorId: number | null): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ BUILDER_VERSION, sources, max: opts.maxDocumentsPerSource ?? null, shardTokens, separatorId }));
  h.update(JSON.stringify(opts.tokenizer.toJSON()));
  return h.digest('hex').slice(0, 16);
}

function refs(dir: string, m: CorpusManifest): ShardRef[] {
  return m.shards.map((s) => ({ path: join(dir, s.file), dtype: m.dtype, tokens: s.tokens }));
}

/**
 * The bundled real corpus (SOTU + Brown + SpamAssassin ham, cleaned, fixed order) tokenized once
 * into binary shards with a JSON manifest (counts, SHA-256 per shard). A second call with the same
 * tokenizer and options reuses the shards after checking their hashes; a mismatch is CORRUPT_FILE
 * when `strict`, else a warning and a rebuild — never silently used.
 */
export async function buildBundledCorpus(opts: BuildCorpusOptions): Promise<BundledCorpus> {
  const { tokenizer } = opts;
  if (!tokenizer || typeof tokenizer.encode !== 'function' || typeof tokenizer.numberValue !== 'function') {
    throw new NumfeatError('BAD_ARGUMENT', 'tokenizer must implement the Tokenizer interface', {
      fix: 'pass e.g. WordTokenizer.train(...) or llama3Tokenizer() from @numfeat/tokenizers',
    });
  }
  if (typeof opts.cacheDir !== 'string' || opts.cacheDir.length === 0) {
    throw new NumfeatError('BAD_ARGUMENT', 'cacheDir must be a directory path', { fix: "pass e.g. { cacheDir: '.cache/corpus' }" });
  }
  const sources = opts.sources ?? BUNDLED_SOURCES;
  const shardTokens = opts.shardTokens ?? 1 << 20;
  if (!Number.isInteger(shardTokens) || shardTokens < 1) {
    throw new NumfeatError('BAD_RANGE', `shardTokens must be a positive integer, got ${shardTokens}`, { fix: 'use e.g. 1048576' });
  }
  const separatorId = opts.separatorId !== undefined ? opts.separatorId : (tokenizer.tokenToId('<eos>') ?? null);
  const warn = opts.onWarning ?? ((m: string) => console.warn(`[numfeat] ${m}`));
  const key = cacheKey(opts, sources, shardTokens, separatorId);
  const dir = join(opts.cacheDir, `${tokenizer.name.replace(/[^\w.-]+/g, '_')}-${key}`);
  const manifestPath = join(dir, 'manifest.json');

  if (existsSync(manifestPath)) {
    let manifest: CorpusManifest | undefined;
    let problem: string | null = null;
    try {
      manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as CorpusManifest;
      if (manifest.format !== 'numfeat.corpus' || manifest.key !== key) problem = `manifest ${manifestPath} does not describe this corpus`;
    } catch {
      problem = `manifest ${manifestPath} is not valid JSON`;
    }
    if (manifest && !problem) {
      for (const s of manifest.shards) {
        problem = shardProblem(join(dir, s.file), s);
        if (problem) break;
      }
    }
    if (!problem) return { dir, manifest: manifest!, shards: refs(dir, manifest!), reused: true };
    if (opts.strict) {
      throw new NumfeatError('CORRUPT_FILE', problem, { fix: `delete ${dir} to rebuild, or call without strict to rebuild automatically` });
    }
    warn(`${problem}; rebuilding ${dir}`);
    rmSync(dir, { recursive: true, force: true });
  }

  assertLittleEndianHost();
  mkdirSync(dir, { recursive: true });
  const dtype = dtypeForVocab(tokenizer.vocabSize);
  const Buf = dtype === 'uint16' ? Uint16Array : Uint32Array;
  const buffer = new Buf(shardTokens);
  let fill = 0;
  const shards: CorpusManifest['shards'] = [];
  const flush = () => {
    if (fill === 0) return;
    const bytes = new Uint8Array(buffer.buffer, 0, fill * bytesPer(dtype));
    const file = `shard-${String(shards.length).padStart(5, '0')}.bin`;
    writeFileAtomicSync(join(dir, file), bytes);
    shards.push({ file, tokens: fill, bytes: bytes.length, sha256: sha256(bytes) });
    fill = 0;
  };
  const isNumber = new Int8Array(tokenizer.vocabSize).fill(-1);
  const stats = new Map<BundledSourceName, SourceStats>();
  for (const name of sources) {
    const info = sourcePackageInfo(name);
    stats.set(name, { name, package: info.name, version: info.version, license: info.license, documents: 0, chars: 0, tokens: 0, numberTokens: 0 });
  }
  let tokenizeMs = 0;
  for (const doc of readBundledDocuments({ sources, maxDocumentsPerSource: opts.maxDocumentsPerSource })) {
    const t0 = performance.now();
    const ids = tokenizer.encode(doc.text);
    tokenizeMs += performance.now() - t0;
    if (separatorId !== null) ids.push(separatorId);
    const s = stats.get(doc.source)!;
    s.documents++;
    s.chars += doc.text.length;
    s.tokens += ids.length;
    for (const id of ids) {
      if (isNumber[id] < 0) isNumber[id] = tokenizer.numberValue(id) !== undefined ? 1 : 0;
      s.numberTokens += isNumber[id];
      buffer[fill++] = id;
      if (fill === shardTokens) flush();
    }
  }
  flush();
  const all = [...stats.values()];
  const sum = (f: (s: SourceStats) => number) => all.reduce((a, s) => a + f(s), 0);
  const tokens = sum((s) => s.tokens);
  if (tokens === 0) {
    throw new NumfeatError('EMPTY_INPUT', 'the selected sources produced no tokens', { fix: 'select at least one source with documents' });
  }
  const manifest: CorpusManifest = {
    format: 'numfeat.corpus',
    builderVersion: BUILDER_VERSION,
    key,
    tokenizer: { name: tokenizer.name, vocabSize: tokenizer.vocabSize },
    dtype,
    endianness: 'little',
    separatorId,
    sources: all,
    documents: sum((s) => s.documents),
    chars: sum((s) => s.chars),
    tokens,
    numberTokens: sum((s) => s.numberTokens),
    tokenizeSeconds: tokenizeMs / 1000,
    tokensPerSecond: tokenizeMs > 0 ? tokens / (tokenizeMs / 1000) : 0,
    shards,
  };
  writeFileAtomicSync(manifestPath, JSON.stringify(manifest, null, 1) + '\n');
  return { dir, manifest, shards: refs(dir, manifest), reused: false };
}
