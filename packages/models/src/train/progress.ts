// A tiny progress reporter: one redrawn bar on a TTY, plain log lines otherwise (CI logs, files).

export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressUpdate {
  step: number;
  tokens: number;
  loss: number;
}

export interface Progress {
  update(u: ProgressUpdate): void;
  /** A line that must not be overwritten by the bar (eval results, warnings). */
  log(line: string): void;
  done(): void;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function formatRate(perSecond: number): string {
  return perSecond >= 1e3 ? `${(perSecond / 1e3).toFixed(1)}k` : perSecond.toFixed(0);
}

export interface ProgressOptions {
  /** Tokens already trained (on resume): excluded from the rate. */
  startTokens?: number;
  /** Non-TTY sinks get one line every this many steps (default 10). */
  everySteps?: number;
  /** Shown after the rate, e.g. "2 threads", so a log says what the speed was measured on. */
  rateNote?: string;
  now?: () => number;
}

/** `totalTokens` sets the bar's 100 %. */
export function createProgress(sink: ProgressSink, totalTokens: number, { startTokens = 0, everySteps = 10, rateNote, now = () => performance.now() }: ProgressOptions = {}): Progress {
  const t0 = now();
  const note = rateNote ? ` (${rateNote})` : '';
  let last = '';
  const describe = (u: ProgressUpdate) => {
    const elapsed = (now() - t0) / 1000;
    const rate = elapsed > 0 ? (u.tokens - startTokens) / elapsed : 0;
    const eta = rate > 0 ? (totalTokens - u.tokens) / rate : Infinity;
    const frac = Math.min(1, u.tokens / totalTokens);
    return { frac, text: `step ${u.step} ${(100 * frac).toFixed(1)}% ${formatRate(rate)} tok/s${note} loss ${u.loss.toFixed(4)} ETA ${formatDuration(eta)}` };
  };
  return {
    update(u) {
      const { frac, text } = describe(u);
      if (sink.isTTY) {
        const width = 24;
        const filled = Math.round(frac * width);
        last = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}`;
        sink.write(`\r${last.slice(0, (sink.columns ?? 120) - 1)}\x1b[K`);
      } else if (u.step % everySteps === 0 || u.tokens >= totalTokens) {
        sink.write(`${text}\n`);
      }
    },
    log(line) {
      sink.write(sink.isTTY ? `\r\x1b[K${line}\n${last ? last.slice(0, (sink.columns ?? 120) - 1) : ''}` : `${line}\n`);
    },
    done() {
      if (sink.isTTY && last) sink.write('\n');
    },
  };
}

/** A sink that drops everything. */
export const SILENT: ProgressSink = { write: () => undefined, isTTY: false };
