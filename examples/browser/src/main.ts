// The page: analyse a dropped file, or train a tiny model here and analyse its number embeddings.
// The training code (TF.js, the models) is a separate chunk, loaded on the first Train click, so a
// visitor who only drops a file never downloads it.
import { analyzeFile } from './analyze-file.js';
import { $, renderAnalysis, setStatus, yieldToBrowser } from './render.js';

async function analyse(file: File): Promise<void> {
  setStatus('status', 'running', `analysing ${file.name} …`);
  await yieldToBrowser(); // paint the status before the (synchronous) analysis blocks the thread
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const t0 = performance.now();
    const { matrix, result } = analyzeFile(file.name, bytes);
    const ms = performance.now() - t0;
    renderAnalysis(file.name, `${file.name}: ${matrix.how}; analysed ${result.numbers.count} numbers × ${result.dims} dims in ${ms.toFixed(0)} ms`, result);
    setStatus('status', 'done', `done: ${file.name}`);
  } catch (e) {
    setStatus('status', 'error', `error: ${(e as Error).message}`);
  }
}

const input = $('file') as HTMLInputElement;
input.addEventListener('change', () => input.files?.[0] && void analyse(input.files[0]));
const drop = $('drop');
drop.addEventListener('dragover', (e) => e.preventDefault());
drop.addEventListener('drop', (e) => {
  e.preventDefault();
  const file = e.dataTransfer?.files[0];
  if (file) void analyse(file);
});

// WebGPU is offered only where the browser exposes it.
const hasWebGPU = 'gpu' in navigator;
($('train-backend-webgpu') as HTMLOptionElement).disabled = !hasWebGPU;
if (!hasWebGPU) $('train-backend-webgpu').textContent = 'webgpu (not in this browser)';
$('train').addEventListener('click', () => {
  setStatus('train-status', 'loading', 'loading the training code …');
  import('./train-panel.js').then(
    (panel) => panel.startTraining(),
    (e: Error) => setStatus('train-status', 'error', `error: ${e.message}`),
  );
});
setStatus('train-status', 'ready', 'ready');
setStatus('status', 'ready', 'ready');
