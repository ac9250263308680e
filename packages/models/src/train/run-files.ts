// Where a run keeps its files: the checkpoint, the dynamics log and the status of outDir. The
// training loop reaches storage only through a RunFiles, so the same loop runs where there is no
// file system (browsers); the Node implementation is node-run-files.ts.
import type { CheckpointData } from './checkpoint.js';

/** One text file the run appends to (dynamics.jsonl). */
export interface LogFile {
  /** Its content ('' when it does not exist). */
  read(): Promise<string>;
  /** Replaces its content (atomically). */
  write(text: string): Promise<void>;
  append(text: string): Promise<void>;
}

export interface RunFiles {
  /** The checkpoint's path, for messages. */
  readonly checkpointPath: string;
  /** The saved checkpoint, or undefined when there is none yet. */
  readCheckpoint(): Promise<CheckpointData | undefined>;
  /** Replaces the checkpoint (atomically). */
  writeCheckpoint(ck: CheckpointData): Promise<void>;
  /** Replaces status.json (atomically). */
  writeStatus(status: Record<string, unknown>): Promise<void>;
  /** dynamics.jsonl */
  readonly log: LogFile;
}
