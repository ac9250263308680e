// RunFiles in Node: outDir/checkpoint.bin, dynamics.jsonl and status.json, each replaced atomically.
import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '@numfeat/io';
import { readCheckpoint, writeCheckpoint } from './checkpoint.js';
import type { RunFiles } from './run-files.js';

const CHECKPOINT = 'checkpoint.bin';
const DYNAMICS = 'dynamics.jsonl';
const STATUS = 'status.json';

export function openRunFiles(dir: string): RunFiles {
  const checkpointPath = join(dir, CHECKPOINT);
  const logPath = join(dir, DYNAMICS);
  return {
    checkpointPath,
    readCheckpoint: () => readCheckpoint(checkpointPath),
    writeCheckpoint: (ck) => writeCheckpoint(checkpointPath, ck),
    writeStatus: (status) => writeJsonAtomic(join(dir, STATUS), status),
    log: {
      read: () => readFile(logPath, 'utf8').catch(() => ''),
      write: (text) => writeFileAtomic(logPath, text),
      append: (text) => appendFile(logPath, text),
    },
  };
}
