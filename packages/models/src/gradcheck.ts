// Finite-difference gradient check shared by every architecture's tests: autograd's gradient at a few
// random coordinates of each parameter against central differences (L(θ+h) − L(θ−h)) / 2h.
// Run it on the cpu backend with a tiny config; everything is float32, hence the loose defaults.
import { createRng } from '@numfeat/data-gen';
import { NumfeatError, tf } from '@numfeat/tensor';
import type { Param } from './model.js';

export interface GradCheckOptions {
  /** Coordinates probed per parameter (fewer if the parameter is smaller). Default 3. */
  coordsPerParam?: number;
  /** Finite-difference step h. Default 1e-2 (float32 loss: smaller steps drown in rounding). */
  step?: number;
  /** Agreement when |analytic − numeric| ≤ atol + rtol·max(|analytic|, |numeric|). Defaults 1e-2 and 1e-3. */
  rtol?: number;
  atol?: number;
  /** Seed of the coordinate choice. Default 0. */
  seed?: number;
}

export interface GradCheckEntry {
  param: string;
  /** Flat index into the parameter. */
  index: number;
  analytic: number;
  numeric: number;
  /** |analytic − numeric| / (atol + rtol·max(|analytic|, |numeric|)); ≤ 1 passes. */
  ratio: number;
}

export interface GradCheckReport {
  ok: boolean;
  entries: GradCheckEntry[];
  /** The entry with the largest ratio. */
  worst: GradCheckEntry;
}

/** Compares tf.variableGrads(loss) with central differences; restores every parameter afterwards. */
export function gradCheck(loss: () => tf.Scalar, params: readonly Param[], options: GradCheckOptions = {}): GradCheckReport {
  const { coordsPerParam = 3, step = 1e-2, rtol = 1e-2, atol = 1e-3, seed = 0 } = options;
  if (params.length === 0) throw new NumfeatError('BAD_ARGUMENT', 'gradCheck got no parameters', { fix: 'pass model.params' });
  if (!(step > 0) || !(rtol >= 0) || !(atol >= 0) || !Number.isInteger(coordsPerParam) || coordsPerParam < 1) {
    throw new NumfeatError('BAD_RANGE', 'gradCheck options out of range', { fix: 'use step > 0, rtol ≥ 0, atol ≥ 0 and an integer coordsPerParam ≥ 1' });
  }
  const rng = createRng(seed);
  const lossValue = () => tf.tidy(() => loss().dataSync()[0]!);
  const { grads, value } = tf.variableGrads(loss, params.map((p) => p.variable));
  value.dispose();
  const entries: GradCheckEntry[] = [];
  for (const p of params) {
    const original = p.variable.dataSync().slice();
    const n = original.length;
    // variableGrads leaves out a parameter the loss does not reach: its gradient is zero.
    const analytic = grads[p.variable.name]?.dataSync() ?? new Float32Array(n);
    const indices = new Set<number>();
    while (indices.size < Math.min(coordsPerParam, n)) indices.add(rng.int(n));
    const at = (index: number, delta: number): number => {
      const values = original.slice();
      values[index] = original[index]! + delta;
      tf.tidy(() => p.variable.assign(tf.tensor(values, p.variable.shape, 'float32')));
      return lossValue();
    };
    for (const index of indices) {
      const numeric = (at(index, step) - at(index, -step)) / (2 * step);
      const a = analytic[index]!;
      const ratio = Math.abs(a - numeric) / (atol + rtol * Math.max(Math.abs(a), Math.abs(numeric)));
      entries.push({ param: p.name, index, analytic: a, numeric, ratio });
    }
    tf.tidy(() => p.variable.assign(tf.tensor(original, p.variable.shape, 'float32')));
  }
  tf.dispose(Object.values(grads));
  const worst = entries.reduce((w, e) => (e.ratio > w.ratio || Number.isNaN(e.ratio) ? e : w));
  return { ok: entries.every((e) => e.ratio <= 1), entries, worst };
}
