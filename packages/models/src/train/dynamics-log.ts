// The run's dynamics log (outDir/dynamics.jsonl): one JSON record per training step and per
// evaluation, kept consistent with the checkpoint on resume, and the whole run's history in memory
// (the only copy when the run has no files).
import type { EvalRecord } from './eval.js';
import type { LogFile } from './run-files.js';

export interface TrainRecord {
  type: 'train';
  step: number;
  tokens: number;
  loss: number;
  lr: number;
  gradNorm: number;
}

export type DynamicsRecord = TrainRecord | EvalRecord;

export class DynamicsLog {
  /** Every record of the run so far, across resumes. */
  readonly records: DynamicsRecord[];
  private pending: string[] = [];

  private constructor(
    private readonly file: LogFile | undefined,
    records: DynamicsRecord[],
  ) {
    this.records = records;
  }

  /**
   * Opens the log: a fresh run starts it empty; a run resumed at checkpoint step `resumeStep` keeps
   * only the records up to that checkpoint (the interrupted tail will be redone).
   */
  static async open(file: LogFile | undefined, resumeStep: number | undefined): Promise<DynamicsLog> {
    if (!file) return new DynamicsLog(undefined, []);
    if (resumeStep === undefined) {
      await file.write('');
      return new DynamicsLog(file, []);
    }
    const kept: string[] = [];
    const records: DynamicsRecord[] = [];
    for (const line of (await file.read()).split('\n')) {
      if (line.trim() === '') continue;
      let r: DynamicsRecord;
      try {
        r = JSON.parse(line) as DynamicsRecord;
      } catch {
        continue; // a line torn by the interruption
      }
      // A train record's step is the 0-based step it ran (step k is the one after checkpoint k).
      if (typeof r.step === 'number' && (r.type === 'train' ? r.step < resumeStep : r.step <= resumeStep)) {
        kept.push(line);
        records.push(r);
      }
    }
    await file.write(kept.map((l) => l + '\n').join(''));
    return new DynamicsLog(file, records);
  }

  record(r: DynamicsRecord): void {
    this.records.push(r);
    if (this.file) this.pending.push(JSON.stringify(r) + '\n');
  }

  /** Appends the records not yet on disk (before each checkpoint, so the log never runs ahead of it). */
  async flush(): Promise<void> {
    if (this.file && this.pending.length > 0) await this.file.append(this.pending.join(''));
    this.pending = [];
  }

  /** The whole run's losses and evaluations, across resumes. */
  history(): { losses: { step: number; loss: number }[]; evals: EvalRecord[] } {
    return {
      losses: this.records.filter((r): r is TrainRecord => r.type === 'train').map(({ step, loss }) => ({ step, loss })),
      evals: this.records.filter((r): r is EvalRecord => r.type === 'eval'),
    };
  }
}
