// The "Train a tiny model" panel: reads the form, starts the backend (its .wasm files are served
// next to this bundle), runs trainTiny with a progress line and a Stop button, then shows the
// loss curve, the run's numbers and the analysis panels of the trained number embeddings, and
// offers those embeddings as a .npy download.
import { describeBackend, initBackend, type BackendRequest } from '@numfeat/tensor';
import { writeNpy } from '@numfeat/io';
import { lineChart } from '@numfeat/plot';
import type { StepInfo } from '@numfeat/models';
import { $, cell, countCell, fmt, renderAnalysis, setStatus, table, yieldToBrowser } from './render.js';
import { checkTinyOptions, TINY_RUN, trainTiny, type TinyArch, type TinyResult } from './train-tiny.js';

/** Repaint (and take a Stop click) at most this often: each yield costs a few ms of training. */
const PAINT_EVERY_MS = 100;

let stopRequested = false;
let running = false;
$('train-stop').addEventListener('click', () => {
  stopRequested = true;
});

function formValues(): { arch: TinyArch; tokens: number; seed: number; backend: BackendRequest } {
  const value = (id: string) => ($(id) as HTMLInputElement | HTMLSelectElement).value;
  return { arch: value('train-arch') as TinyArch, tokens: Number(value('train-tokens')), seed: Number(value('train-seed')), backend: value('train-backend') as BackendRequest };
}

/** The progress line: step, loss, and the throughput since the first step. */
function progressReporter(): (info: StepInfo) => Promise<void> | void {
  let first: { t: number; tokens: number } | undefined;
  let lastPaint = performance.now();
  return (info) => {
    const now = performance.now();
    first ??= { t: now, tokens: info.tokens };
    if (now - lastPaint < PAINT_EVERY_MS) return;
    lastPaint = now;
    const rate = now > first.t ? ((info.tokens - first.tokens) / (now - first.t)) * 1000 : 0;
    $('train-progress').textContent = `step ${info.step} · loss ${info.loss.toFixed(4)} · ${Math.round(rate)} tok/s`;
    return yieldToBrowser();
  };
}

function renderRun(r: TinyResult, backend: string): void {
  const steps = r.losses.map((l) => l.step + 1);
  $('train-curve').innerHTML = lineChart({
    title: `${r.spec.arch}: training loss`,
    x: { label: 'step' },
    y: { label: 'cross-entropy (nats)' },
    series: [{ name: 'loss', x: steps, y: r.losses.map((l) => l.loss) }],
    width: 640,
    height: 260,
  });
  const first = r.losses[0]?.loss ?? NaN;
  const last = r.losses.at(-1)?.loss ?? NaN;
  $('train-result').innerHTML = table(
    ['status', 'steps', 'tokens', 'first loss', 'final loss', 'tok/s', 'vocabulary', 'corpus tokens'],
    [
      `<tr><td data-key="status">${r.status}</td>${countCell(r.steps, 'steps')}${countCell(r.tokens, 'tokens')}${cell(first, 4, 'first-loss')}` +
        `${cell(last, 4, 'final-loss')}${countCell(r.tokensPerSecond, 'tok-s')}${countCell(r.corpus.vocabSize)}${countCell(r.corpus.tokens)}</tr>`,
    ],
  );
  // float32 weights: f4 holds them exactly.
  const npy = writeNpy(r.embeddings, { dtype: 'f4' });
  const link = $('train-download') as HTMLAnchorElement;
  if (link.href.startsWith('blob:')) URL.revokeObjectURL(link.href);
  // writeNpy allocates a plain ArrayBuffer (never a shared one).
  link.href = URL.createObjectURL(new Blob([npy as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
  link.download = `tiny-${r.spec.arch}-number-embeddings.npy`;
  link.hidden = false;
  const [n, d] = r.embeddings.shape;
  renderAnalysis(
    `tiny ${r.spec.arch}`,
    `a tiny ${r.spec.arch} trained here for ${r.steps} steps (${r.tokens} tokens, ${r.status}) on ${backend}; ` +
      `number embeddings of 0..${n - 1}: ${n} × ${d}; final loss ${fmt(last)}`,
    r.analysis,
  );
}

/** Runs one training from the form (a second click while running is ignored). */
export async function startTraining(): Promise<void> {
  if (running) return;
  running = true;
  stopRequested = false;
  const button = $('train') as HTMLButtonElement;
  const stop = $('train-stop') as HTMLButtonElement;
  button.disabled = true;
  stop.disabled = false;
  try {
    const o = formValues();
    checkTinyOptions(o); // a bad seed fails here, before the backend starts
    setStatus('train-status', 'running', `starting the ${o.backend} backend …`);
    // The .wasm files sit next to this bundle (build.mjs copies them): nothing comes from elsewhere.
    const report = await initBackend(o.backend, { wasmPaths: new URL('./', import.meta.url).href });
    $('train-backend-report').textContent = describeBackend(report);
    setStatus('train-status', 'running', `generating a ${Math.max(TINY_RUN.minCorpusTokens, o.tokens)}-token synthetic corpus (seed ${o.seed}) and training …`);
    $('train-progress').textContent = '';
    await yieldToBrowser();
    const result = await trainTiny({ ...o, onStep: progressReporter(), shouldStop: () => stopRequested });
    renderRun(result, `${report.name}${report.simd ? ' (SIMD)' : ''}`);
    $('train-progress').textContent = `step ${result.steps} of ${result.totalSteps} · final loss ${(result.losses.at(-1)?.loss ?? NaN).toFixed(4)} · ${Math.round(result.tokensPerSecond)} tok/s`;
    setStatus('train-status', result.status === 'stopped' ? 'stopped' : 'done', `${result.status}: ${result.steps} steps, analysis below`);
  } catch (e) {
    setStatus('train-status', 'error', `error: ${(e as Error).message}`);
  } finally {
    running = false;
    button.disabled = false;
    stop.disabled = true;
  }
}
