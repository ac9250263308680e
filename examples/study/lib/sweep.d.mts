export interface SweepSummary { done: string[]; failed: string[]; skipped: string[]; stopped: string[] }
export interface RunContext { dir: string; log: (line: string) => void; shouldStop: () => boolean }
export function runSweep(options: {
  runs: readonly ({ id: string } & Record<string, any>)[];
  root: string;
  workers?: number;
  backend?: string;
  execute?: (run: any, ctx: RunContext) => Promise<unknown>;
  onEvent?: (e: Record<string, unknown>) => void;
  signal?: AbortSignal;
}): Promise<SweepSummary>;
