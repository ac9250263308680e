import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, isNumfeatError } from '@numfeat/tensor';
import { ARCHITECTURES, configFields, createModel } from './registry.js';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('registry', () => {
  it('configFields names exactly the fields of the config a built model reports', () => {
    for (const arch of ARCHITECTURES) {
      const model = createModel({ arch }, 0);
      expect(configFields(arch).sort(), arch).toEqual(Object.keys(model.config as object).sort());
      model.dispose();
    }
    expect(configFields('lstm')).toContain('dHidden');
    expect(configFields('lstm')).not.toContain('dModel');
  });

  it('an unknown architecture is BAD_ARGUMENT listing the registered ones, for both entry points', () => {
    for (const call of [() => configFields('gpt'), () => createModel({ arch: 'gpt' }, 0)]) {
      try {
        call();
        expect.unreachable('should throw');
      } catch (e) {
        expect(isNumfeatError(e) && e.code).toBe('BAD_ARGUMENT');
        expect((e as Error).message).toMatch(/unknown architecture "gpt"/);
        expect((e as { fix?: string }).fix).toContain(ARCHITECTURES.join(', '));
      }
    }
  });
});
