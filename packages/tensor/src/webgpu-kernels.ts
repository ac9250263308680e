// numfeat's fused kernels on TF.js's webgpu backend, under the same kernel names as on wasm, so
// the models' ops (cross-entropy, RMSNorm, AdamW) take them with no model change. The point is
// fewer, larger dispatches per training step: on an H200, TF.js's per-op overhead and unfused
// kernels, not arithmetic, set the speed. Dispatches per call, fused vs composite (forward +
// backward where there is one):
//   cross-entropy over [R, V]   3 (row logsumexp, picked nll; gradient)    vs ~15 generic ops
//   RMSNorm                      4 (row rstd, scale; dx per row, dgain)    vs ~20
//   AdamW, per parameter         3 (p', m', v': one output buffer each)    vs ~12
// A TF.js program writes one buffer (runWebGPUProgram binds a single output), hence several
// dispatches where wasm's kernels write several outputs in one call.
//
// Installed by initBackend('webgpu'); NUMFEAT_WEBGPU_KERNELS=off keeps TF.js's composites (for A/B
// runs and bisecting). All programs use only core WGSL (storage buffers, workgroup memory,
// barriers), so they also run in Dawn's compatibility mode (the OpenGL ES path tested in CI).
import { NLL_GRAD_KERNEL, NLL_KERNEL } from './cross-entropy.js';
import { ADAMW_KERNEL, type FusedAdamWHyper } from './optimizer-kernels.js';
import { RMS_NORM_GRAD_KERNEL, RMS_NORM_KERNEL } from './rms-norm.js';
import { tf } from './tf.js';
import {
  ADAMW_INPUTS,
  ADAMW_UNIFORMS,
  AdamWProgram,
  NllGradProgram,
  PickedNllProgram,
  RmsNormDgainProgram,
  RmsNormDxProgram,
  RmsScaleProgram,
  RowLogSumExpProgram,
  RowRstdProgram,
  type NumfeatWebGPUProgram,
} from './webgpu-programs.js';

type TensorInfo = { dataId: object; shape: number[]; dtype: string };
type Uniform = { type: 'float32' | 'int32'; data: number[] };
/** The part of TF.js's WebGPUBackend these kernels use. */
interface WebGPUBackendLike {
  device: { limits: { maxComputeInvocationsPerWorkgroup: number; maxComputeWorkgroupSizeX: number } };
  runWebGPUProgram(program: NumfeatWebGPUProgram, inputs: TensorInfo[], dtype: string, uniforms?: Uniform[]): TensorInfo;
  disposeData(dataId: object): boolean;
}
type KernelArgs = { inputs: Record<string, TensorInfo>; backend: WebGPUBackendLike; attrs: Record<string, unknown> };

/** The kernels numfeat serves on webgpu once installWebGPUKernels has run. */
export const WEBGPU_KERNEL_NAMES: readonly string[] = [NLL_KERNEL, NLL_GRAD_KERNEL, RMS_NORM_KERNEL, RMS_NORM_GRAD_KERNEL, ADAMW_KERNEL];

const KERNELS: Record<string, (args: KernelArgs) => TensorInfo | TensorInfo[]> = {
  [NLL_KERNEL]: nll,
  [NLL_GRAD_KERNEL]: nllGrad,
  [RMS_NORM_KERNEL]: rmsNorm,
  [RMS_NORM_GRAD_KERNEL]: rmsNormGrad,
  [ADAMW_KERNEL]: adamw,
};

/**
 * Registers numfeat's WGSL kernels for the webgpu backend and returns their names; with
 * `enabled` false, removes them again (TF.js's composites then run) and returns [].
 */
export function installWebGPUKernels(enabled = true): string[] {
  for (const name of WEBGPU_KERNEL_NAMES) {
    const present = tf.getKernel(name, 'webgpu') !== undefined;
    if (enabled && !present) tf.registerKernel({ kernelName: name, backendName: 'webgpu', kernelFunc: KERNELS[name] as unknown as tf.KernelFunc });
    if (!enabled && present) tf.unregisterKernel(name, 'webgpu');
  }
  return enabled ? WEBGPU_KERNEL_NAMES.slice() : [];
}

/** Threads per row-reduction workgroup: 128 (compatibility mode's guaranteed maximum), less if the device says so. */
function reductionThreads(backend: WebGPUBackendLike): number {
  const limit = Math.min(128, backend.device.limits.maxComputeInvocationsPerWorkgroup, backend.device.limits.maxComputeWorkgroupSizeX);
  return 2 ** Math.floor(Math.log2(limit));
}

const flat = (t: TensorInfo): TensorInfo => ({ ...t, shape: [t.shape.reduce((a, b) => a * b, 1)] });
const reshaped = (t: TensorInfo, shape: number[]): TensorInfo => ({ ...t, shape });

function nll({ inputs, backend }: KernelArgs): TensorInfo[] {
  const { logits, targets } = inputs as { logits: TensorInfo; targets: TensorInfo };
  const rows = logits.shape[0]!;
  const lse = backend.runWebGPUProgram(new RowLogSumExpProgram(rows, reductionThreads(backend)), [logits], 'float32');
  const nllOut = backend.runWebGPUProgram(new PickedNllProgram(rows), [logits, targets, lse], 'float32');
  return [nllOut, lse];
}

function nllGrad({ inputs, backend }: KernelArgs): TensorInfo {
  const { logits, targets, lse, dy } = inputs as Record<'logits' | 'targets' | 'lse' | 'dy', TensorInfo>;
  const out = backend.runWebGPUProgram(new NllGradProgram(logits.shape[0]! * logits.shape[1]!), [logits, targets, lse, dy], 'float32');
  return reshaped(out, logits.shape);
}

function rmsNorm({ inputs, backend, attrs }: KernelArgs): TensorInfo[] {
  const { x, gain } = inputs as { x: TensorInfo; gain: TensorInfo };
  const [r, d] = x.shape as [number, number];
  const rstd = backend.runWebGPUProgram(new RowRstdProgram(r, reductionThreads(backend)), [x], 'float32', [{ type: 'float32', data: [attrs.eps as number] }]);
  const y = backend.runWebGPUProgram(new RmsScaleProgram(r * d), [x, gain, rstd], 'float32');
  return [reshaped(y, [r, d]), rstd];
}

function rmsNormGrad({ inputs, backend }: KernelArgs): TensorInfo[] {
  const { dy, x, gain, rstd } = inputs as Record<'dy' | 'x' | 'gain' | 'rstd', TensorInfo>;
  const [r, d] = x.shape as [number, number];
  const threads = reductionThreads(backend);
  const dx = backend.runWebGPUProgram(new RmsNormDxProgram(r, d, threads), [dy, x, gain, rstd], 'float32');
  const dgain = backend.runWebGPUProgram(new RmsNormDgainProgram(d, threads), [dy, x, rstd], 'float32');
  return [reshaped(dx, [r, d]), dgain];
}

function adamw({ inputs, backend, attrs }: KernelArgs): TensorInfo[] {
  const { p, g, m, v } = inputs as Record<'p' | 'g' | 'm' | 'v', TensorInfo>;
  const h = attrs as unknown as FusedAdamWHyper;
  const uniforms: Uniform[] = ADAMW_UNIFORMS.map((name) => ({ type: 'float32', data: [h[name]] }));
  const operands = { p: flat(p), g: flat(g), m: flat(m), v: flat(v) };
  const n = operands.p.shape[0]!;
  return (['p', 'm', 'v'] as const).map((which) => {
    const program = new AdamWProgram(n, which);
    const out = backend.runWebGPUProgram(program, ADAMW_INPUTS[which].map((name) => operands[name]), 'float32', uniforms);
    return reshaped(out, p.shape);
  });
}
