// Checks the free-form model and optimizer configs of a profile against what @numfeat/models
// accepts, before any run starts: an unknown architecture or config field is an error naming the
// profile field (the model constructors validate the values themselves when a run starts).
import { ARCHITECTURES, configFields, resolveOptimizerOptions } from '@numfeat/models';

/** The optimizer option names @numfeat/models fills in (every field of the resolved options but the name). */
export const OPTIMIZER_FIELDS = Object.keys(resolveOptimizerOptions({ name: 'adamw' })).filter((k) => k !== 'name');

export function checkModelFields(profile) {
  const known = ARCHITECTURES;
  const fieldsOf = configFields;
  const checkFields = (obj, arch, where) => {
    const valid = fieldsOf(arch);
    for (const k of Object.keys(obj)) {
      if (k === 'arch') continue;
      if (!valid.includes(k)) throw new Error(`profile field '${where}.${k}' is not a ${arch} config field. Fix: remove it or use one of: ${valid.join(', ')}`);
    }
  };
  for (const [arch, overrides] of Object.entries(profile.archs)) {
    if (!known.includes(arch)) throw new Error(`profile field 'archs.${arch}' names an unknown architecture. Fix: use some of ${known.join(', ')}`);
    checkFields(overrides, arch, `archs.${arch}`);
  }
  // Shared fields apply to the architectures that have them (an LSTM has dEmbed/dHidden, not dModel).
  for (const k of Object.keys(profile.model)) {
    if (!known.some((a) => fieldsOf(a).includes(k))) throw new Error(`profile field 'model.${k}' is not a config field of any architecture. Fix: remove it or move it under archs.<name>`);
  }
  checkFields(profile.addition.model, 'transformer', 'addition.model');
  for (const [name, o] of Object.entries({ ...profile.optimizers, ...(profile.addition.optimizerOverrides ?? {}) })) {
    for (const k of Object.keys(o)) if (!OPTIMIZER_FIELDS.includes(k)) throw new Error(`profile field 'optimizers.${name}.${k}' is unknown. Fix: use some of ${OPTIMIZER_FIELDS.join(', ')}`);
  }
}
