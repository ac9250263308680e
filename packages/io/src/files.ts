import { readNpy, type NpyArray } from './npy.js';
import {
  parseSafetensorsHeader,
  planTensorRead,
  safetensorsHeaderLength,
  selectTensor,
  type ReadSafetensorsOptions,
  type SafetensorsHeader,
  type SafetensorsTensor,
} from './safetensors.js';
import { decodeElements, product } from './dtypes.js';
import { GloveLineParser } from './glove.js';
import { Word2vecParser } from './word2vec.js';
import type { WordReadOptions, WordVectors } from './word-vectors.js';
import { fsPromises, ioError, readFileBytes, statRegularFile } from './node-fs.js';
import { READ_LIMITS } from './limits.js';
import { corrupt } from './dtypes.js';

/** Reads a .npy file from disk (Node). */
export async function readNpyFile(path: string): Promise<NpyArray> {
  return readNpy(await readFileBytes(path), { source: path });
}

type FileHandle = Awaited<ReturnType<Awaited<ReturnType<typeof fsPromises>>['open']>>;

async function withFile<T>(path: string, body: (file: FileHandle, size: number) => Promise<T>): Promise<T> {
  const fs = await fsPromises();
  let file: FileHandle;
  let size: number;
  try {
    size = (await statRegularFile(path)).size;
    file = await fs.open(path, 'r');
  } catch (e) {
    throw ioError(e, path, 'read');
  }
  try {
    return await body(file, size);
  } finally {
    await file.close();
  }
}

async function readAt(file: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.read(out, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? out : out.subarray(0, done);
}

async function readHeader(file: FileHandle, size: number, path: string): Promise<SafetensorsHeader> {
  const prefix = await readAt(file, 0, Math.min(8, size));
  const n = safetensorsHeaderLength(prefix, size, path);
  return parseSafetensorsHeader(await readAt(file, 8, n), size, path);
}

/** Lists the tensors of a .safetensors file, reading only its header. */
export async function listSafetensorsFile(path: string): Promise<SafetensorsHeader> {
  return withFile(path, (file, size) => readHeader(file, size, path));
}

/**
 * Reads one tensor of a .safetensors file. With `rows`, only those rows are read from disk, so a
 * few hundred number rows of a multi-gigabyte embedding matrix cost a few hundred small reads.
 */
export async function readSafetensorsFile(path: string, options: ReadSafetensorsOptions = {}): Promise<SafetensorsTensor> {
  return withFile(path, async (file, size) => {
    const header = await readHeader(file, size, path);
    const entry = selectTensor(header, options.tensor, path);
    const plan = planTensorRead(entry, options.rows, path);
    const base = header.dataStart + entry.dataOffsets[0];
    const data = new Float64Array(product(plan.outShape));
    if (!options.rows) {
      const bytes = await readAt(file, base, entry.dataOffsets[1] - entry.dataOffsets[0]);
      decodeElements(bytes, 0, data.length, plan.type, true, data);
    } else {
      for (let i = 0; i < options.rows.length; i++) {
        const bytes = await readAt(file, base + options.rows[i] * plan.rowBytes, plan.rowBytes);
        decodeElements(bytes, 0, plan.rowElems, plan.type, true, data, i * plan.rowElems);
      }
    }
    return { name: entry.name, dtype: entry.dtype, fullShape: entry.shape, shape: plan.outShape, data };
  });
}

/** Streams a GloVe text file line by line (each at most READ_LIMITS.maxLineBytes), validating every row. */
export async function readGloveFile(path: string, options: Omit<WordReadOptions, 'source'> = {}): Promise<WordVectors> {
  const parser = new GloveLineParser(options.words, path);
  await withFile(path, async (file) => {
    const decoder = new TextDecoder();
    let parts: Uint8Array[] = []; // the current line's bytes so far, never more than the line limit
    let partBytes = 0;
    let lineNo = 0;
    const take = (bytes: Uint8Array) => {
      if (partBytes + bytes.length > READ_LIMITS.maxLineBytes) {
        throw corrupt(path, `line ${lineNo + 1} is longer than ${READ_LIMITS.maxLineBytes} bytes`, 'pass a GloVe text file (one "word v1 … vd" row per line)');
      }
      parts.push(bytes.slice());
      partBytes += bytes.length;
    };
    const endLine = () => {
      lineNo++;
      const line = parts.length === 1 ? parts[0] : concatAll(parts, partBytes);
      parser.push(decoder.decode(line));
      parts = [];
      partBytes = 0;
    };
    for (let position = 0; ; ) {
      const chunk = await readAt(file, position, 1 << 20);
      if (chunk.length === 0) break;
      position += chunk.length;
      let start = 0;
      for (let eol = chunk.indexOf(0x0a); eol >= 0; eol = chunk.indexOf(0x0a, start)) {
        take(chunk.subarray(start, eol));
        endLine();
        start = eol + 1;
      }
      take(chunk.subarray(start));
    }
    if (partBytes > 0) endLine();
  });
  return parser.result();
}

function concatAll(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Streams a word2vec binary file to its end, validating the header against the data. */
export async function readWord2vecFile(path: string, options: Omit<WordReadOptions, 'source'> = {}): Promise<WordVectors> {
  return withFile(path, async (file, size) => {
    const parser = new Word2vecParser(options.words, path, size);
    for (let position = 0; ; ) {
      const chunk = await readAt(file, position, 1 << 20);
      if (chunk.length === 0) break;
      position += chunk.length;
      parser.push(chunk);
    }
    return parser.finish();
  });
}
