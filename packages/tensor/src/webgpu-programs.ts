// WGSL programs behind numfeat's fused kernels on TF.js's webgpu backend (registered by
// webgpu-kernels.ts). Each class is a TF.js WebGPUProgram: TF.js prepends the bindings (`result`,
// one read-only array per variable name), the `uniforms` struct (every input's shape, the output's,
// `size`, and the fields in `uniforms` here) and `_start`, which calls `main(index)` with the
// global invocation index. Shapes reach the shader as uniforms, so one compiled pipeline serves
// every size. A program writes exactly one output buffer (that is what runWebGPUProgram binds).
//
// Row reductions run one workgroup per row with a shared-memory tree reduction, as TF.js's own
// Softmax does; the workgroup size must be a power of two. When TF.js folds a dispatch of more than
// 65535 workgroups into two dimensions, surplus workgroups get rows ≥ R: they read clamped memory
// (WGSL bounds accesses) and write nothing.

/** The fields of TF.js's WebGPUProgram interface that numfeat's programs set. */
export interface NumfeatWebGPUProgram {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  size?: boolean;
  uniforms?: string;
  getUserCode(): string;
}

/** Threads per workgroup for elementwise programs. */
const ELEMENTWISE_WORKGROUP = 128;

abstract class Program implements NumfeatWebGPUProgram {
  dispatchLayout = { x: [0] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  size?: boolean;
  uniforms?: string;
  abstract variableNames: string[];
  abstract shaderKey: string;
  /** `workgroups` workgroups of `threads` threads in x; outputShape is flat (rank 1). */
  constructor(public outputShape: number[], workgroups: number, threads: number) {
    this.workgroupSize = [threads, 1, 1];
    this.dispatch = [workgroups, 1, 1];
  }
  abstract getUserCode(): string;
}

/** One workgroup of `threads` per line (row or column) of `lines`; see rowReduction. */
abstract class LineReductionProgram extends Program {
  shaderKey: string;
  constructor(outputShape: number[], lines: number, protected threads: number, name: string) {
    super(outputShape, lines, threads);
    this.shaderKey = `numfeat_${name}_${threads}`;
  }
}

/** One thread per output element; `body` sets `out` from `index` (guarded by `index < size`). */
abstract class ElementwiseProgram extends Program {
  constructor(n: number) {
    super([n], Math.ceil(n / ELEMENTWISE_WORKGROUP), ELEMENTWISE_WORKGROUP);
    this.size = true;
  }
  protected abstract body(): string;
  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index < uniforms.size) {
          var out = 0.0;
          ${this.body()}
          result[index] = out;
        }
      }`;
  }
}

/**
 * WGSL for one workgroup per row (or column) `line`, whose `len` elements (`lineLength`, a WGSL
 * expression) the threads stride over: `accumulate` folds element `j` into `acc`, `combine` merges
 * two partials (a sum, or max for a running maximum), and the tree reduction leaves `total`. An
 * optional `second` pass (which may use `total`) leaves `total2`; `finish` then writes the line.
 */
function rowReduction(threads: number, lineLength: string, first: ReductionPass, second?: ReductionPass, finish = ''): string {
  const pass = (p: ReductionPass, name: string) => `
        var acc = ${p.init};
        for (var j = tid; j < len; j += ${threads}) { ${p.accumulate} }
        partial[tid] = acc;
        workgroupBarrier();
        for (var s = ${threads / 2}; s > 0; s = s >> 1u) {
          if (tid < s) { partial[tid] = ${p.combine('partial[tid]', 'partial[tid + s]')}; }
          workgroupBarrier();
        }
        let ${name} = partial[0];
        workgroupBarrier();`;
  return `
      var<workgroup> partial : array<f32, ${threads}>;
      fn main(index : i32) {
        let line = index / ${threads};
        let tid = i32(localId.x);
        let len = ${lineLength};
        ${pass(first, 'total')}
        ${second ? `{${pass(second, 'total2')}\n${finish}}` : finish}
      }`;
}
interface ReductionPass {
  init: string;
  accumulate: string;
  combine: (a: string, b: string) => string;
}
const sum = (a: string, b: string) => `${a} + ${b}`;

// ---- cross-entropy ---------------------------------------------------------------------------

/** lse [R] of logits [R, V]: max, then Σ exp(x − max), one workgroup per row. */
export class RowLogSumExpProgram extends LineReductionProgram {
  variableNames = ['logits'];
  constructor(rows: number, threads: number) {
    super([rows], rows, threads, 'row_lse');
  }
  getUserCode(): string {
    const x = 'logits[line * uniforms.logitsShape.y + j]';
    return rowReduction(
      this.threads,
      'uniforms.logitsShape.y',
      { init: '-3.402823e+38', accumulate: `acc = max(acc, ${x});`, combine: (a, b) => `max(${a}, ${b})` },
      { init: '0.0', accumulate: `acc += exp(${x} - total);`, combine: sum },
      `if (tid == 0 && line < uniforms.logitsShape.x) { result[line] = total + log(total2); }`,
    );
  }
}

/** nll_i = lse_i − x_{i, t_i} (0 where t_i is out of range, as on wasm). */
export class PickedNllProgram extends ElementwiseProgram {
  variableNames = ['logits', 'targets', 'lse'];
  shaderKey = 'numfeat_picked_nll';
  protected body(): string {
    return `
          let v = uniforms.logitsShape.y;
          let t = targets[index];
          if (t >= 0 && t < v) { out = lse[index] - logits[index * v + t]; }`;
  }
}

/** dlogits_ij = dy_i · (exp(x_ij − lse_i) − [j = t_i]). */
export class NllGradProgram extends ElementwiseProgram {
  variableNames = ['logits', 'targets', 'lse', 'dy'];
  shaderKey = 'numfeat_nll_grad';
  protected body(): string {
    return `
          let row = index / uniforms.logitsShape.y;
          let col = index - row * uniforms.logitsShape.y;
          var p = exp(logits[index] - lse[row]);
          if (targets[row] == col) { p = p - 1.0; }
          out = dy[row] * p;`;
  }
}

// ---- RMSNorm ---------------------------------------------------------------------------------

/** rstd_i = 1/√(mean_j x_ij² + eps), one workgroup per row. */
export class RowRstdProgram extends LineReductionProgram {
  variableNames = ['x'];
  override uniforms = 'eps : f32,';
  constructor(rows: number, threads: number) {
    super([rows], rows, threads, 'row_rstd');
  }
  getUserCode(): string {
    return rowReduction(
      this.threads,
      'uniforms.xShape.y',
      { init: '0.0', accumulate: 'let v = x[line * uniforms.xShape.y + j]; acc += v * v;', combine: sum },
      undefined,
      `if (tid == 0 && line < uniforms.xShape.x) { result[line] = 1.0 / sqrt(total / f32(len) + uniforms.eps); }`,
    );
  }
}

/** y_ij = x_ij · rstd_i · gain_j. */
export class RmsScaleProgram extends ElementwiseProgram {
  variableNames = ['x', 'gain', 'rstd'];
  shaderKey = 'numfeat_rms_scale';
  protected body(): string {
    return `
          let row = index / uniforms.xShape.y;
          out = x[index] * rstd[row] * gain[index - row * uniforms.xShape.y];`;
  }
}

/** dx_ij = r_i g_j dy_ij − x_ij r_i³ (Σ_k x_ik g_k dy_ik) / d, one workgroup per row. */
export class RmsNormDxProgram extends LineReductionProgram {
  variableNames = ['dy', 'x', 'gain', 'rstd'];
  constructor(rows: number, d: number, threads: number) {
    super([rows * d], rows, threads, 'rms_dx');
  }
  getUserCode(): string {
    const at = 'line * uniforms.xShape.y + j';
    return rowReduction(
      this.threads,
      'uniforms.xShape.y',
      { init: '0.0', accumulate: `acc += x[${at}] * gain[j] * dy[${at}];`, combine: sum },
      undefined,
      `
        if (line < uniforms.xShape.x) {
          let r = rstd[line];
          let c = r * r * r * total / f32(len);
          for (var j = tid; j < len; j += ${this.threads}) { result[${at}] = r * gain[j] * dy[${at}] - x[${at}] * c; }
        }`,
    );
  }
}

/** dgain_j = Σ_i dy_ij x_ij rstd_i: a column reduction, one workgroup per column. */
export class RmsNormDgainProgram extends LineReductionProgram {
  variableNames = ['dy', 'x', 'rstd'];
  constructor(d: number, threads: number) {
    super([d], d, threads, 'rms_dgain');
  }
  getUserCode(): string {
    const at = 'j * uniforms.xShape.y + line';
    return rowReduction(
      this.threads,
      'uniforms.xShape.x',
      { init: '0.0', accumulate: `acc += dy[${at}] * x[${at}] * rstd[j];`, combine: sum },
      undefined,
      `if (tid == 0 && line < uniforms.xShape.y) { result[line] = total; }`,
    );
  }
}

// ---- AdamW -----------------------------------------------------------------------------------

export type AdamWOutput = 'p' | 'm' | 'v';
/** The uniforms of AdamWProgram, in order. */
export const ADAMW_UNIFORMS = ['lr', 'beta1', 'beta2', 'bc1', 'bc2', 'eps', 'keep'] as const;

/**
 * The inputs each output reads, in binding order. A program must use every input it binds: TF.js
 * builds the bind group layout from the shader ('auto'), which drops unused bindings.
 */
export const ADAMW_INPUTS: Record<AdamWOutput, readonly ('p' | 'g' | 'm' | 'v')[]> = { p: ['p', 'g', 'm', 'v'], m: ['g', 'm'], v: ['g', 'v'] };

/**
 * One of p', m', v' of an AdamW step, elementwise over flat p, g, m, v. A program writes one buffer,
 * so the step is three dispatches; p' recomputes m' and v' (a few flops; memory-bound anyway).
 * Same expression order as the wasm kernel.
 */
export class AdamWProgram extends ElementwiseProgram {
  variableNames: string[];
  shaderKey: string;
  override uniforms = ADAMW_UNIFORMS.map((u) => `${u} : f32,`).join(' ');
  constructor(n: number, private output: AdamWOutput) {
    super(n);
    this.variableNames = ADAMW_INPUTS[output].slice();
    this.shaderKey = `numfeat_adamw_${output}`;
  }
  protected body(): string {
    const u = 'uniforms';
    const m = `m[index] * ${u}.beta1 + g[index] * (1.0 - ${u}.beta1)`;
    const v = `v[index] * ${u}.beta2 + g[index] * g[index] * (1.0 - ${u}.beta2)`;
    if (this.output === 'm') return `out = ${m};`;
    if (this.output === 'v') return `out = ${v};`;
    return `
          let mi = ${m};
          let vi = ${v};
          let upd = (mi / ${u}.bc1) / (sqrt(vi / ${u}.bc2) + ${u}.eps);
          out = p[index] * ${u}.keep - upd * ${u}.lr;`;
  }
}
