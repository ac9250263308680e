// Zero-initialised optimizer slot variables (momentum buffers, Adam moments) and their (de)serialisation.
import { NumfeatError, tf } from '@numfeat/tensor';
import type { Param } from '../model.js';

let slotCount = 0; // TF.js variable names are engine-global.

export class SlotStore {
  private readonly slots = new Map<string, Map<string, tf.Variable>>();

  constructor(params: readonly Param[], slotNames: (p: Param) => readonly string[]) {
    for (const p of params) {
      const byName = new Map<string, tf.Variable>();
      for (const s of slotNames(p)) {
        const zeros = tf.zerosLike(p.variable);
        byName.set(s, tf.variable(zeros, false, `optim.${p.name}.${s}_${slotCount++}`));
        zeros.dispose();
      }
      this.slots.set(p.name, byName);
    }
  }

  get(param: string, slot: string): tf.Variable {
    return this.slots.get(param)!.get(slot)!;
  }

  /** Copies of every slot. Asynchronous: a GPU backend in Node cannot read tensors synchronously. */
  async read(): Promise<Record<string, Record<string, Float32Array>>> {
    const out: Record<string, Record<string, Float32Array>> = {};
    for (const [param, byName] of this.slots) {
      out[param] = {};
      for (const [slot, v] of byName) out[param][slot] = Float32Array.from((await v.data()) as Float32Array);
    }
    return out;
  }

  write(state: Record<string, Record<string, Float32Array>>): void {
    for (const [param, byName] of this.slots) {
      for (const [slot, v] of byName) {
        const values = state?.[param]?.[slot];
        if (!values || values.length !== v.size) {
          throw new NumfeatError('BAD_ARGUMENT', `optimizer state lacks slot '${slot}' of '${param}' with ${v.size} values${values ? ` (got ${values.length})` : ''}`, {
            fix: 'restore the state saved by the same optimizer on the same model config',
            details: { field: `optimizer.slots.${param}.${slot}` },
          });
        }
        tf.tidy(() => v.assign(tf.tensor(values, v.shape, 'float32')));
      }
    }
  }

  dispose(): void {
    for (const byName of this.slots.values()) tf.dispose([...byName.values()]);
    this.slots.clear();
  }
}
