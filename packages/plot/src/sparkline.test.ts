import { describe, expect, it } from 'vitest';
import { isNumfeatError } from '@numfeat/core';
import { sparkline } from './sparkline.js';
import { textTable } from './textTable.js';

describe('sparkline', () => {
  it('maps min to ▁ and max to █, one character per value when short', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
  });

  it('keeps a single spike visible after downsampling 1000 values to 60 characters', () => {
    const values = Array.from({ length: 1000 }, () => 1);
    values[537] = 9;
    const s = sparkline(values, 60);
    expect([...s]).toHaveLength(60);
    expect([...s].filter((c) => c === '█')).toHaveLength(1);
    expect([...s].indexOf('█')).toBe(Math.floor((537 * 60) / 1000));
    expect(s.replace('█', '')).toMatch(/^▁+$/);
  });

  it('draws a constant series flat at mid height', () => {
    expect(sparkline([3, 3, 3])).toBe('▄▄▄');
  });

  it('rejects empty input, NaN and a bad width', () => {
    expect(() => sparkline([])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => sparkline([1, NaN])).toThrow(expect.objectContaining({ code: 'NON_FINITE' }));
    let err: unknown;
    try {
      sparkline([1, 2], 0);
    } catch (e) {
      err = e;
    }
    expect(isNumfeatError(err, 'BAD_RANGE')).toBe(true);
  });
});

describe('textTable', () => {
  it('aligns text left and numbers right under an underlined header', () => {
    const out = textTable(
      [
        ['Transformer', 23.314, 96],
        ['LSTM', 0.29, -1],
      ],
      { header: ['model', 'λ_max', 'κ₂'] },
    );
    expect(out.split('\n')).toEqual([
      'model         λ_max  κ₂',
      '───────────  ──────  ──',
      'Transformer  23.314  96',
      'LSTM           0.29  -1',
    ]);
  });

  it('honours explicit alignment and fixed decimals', () => {
    const out = textTable([['a', 1], ['bbb', 2.5]], { align: ['right', 'left'], digits: 2 });
    expect(out.split('\n')).toEqual(['  a  1.00', 'bbb  2.50']);
  });

  it('rejects non-array rows', () => {
    expect(() => textTable('x' as never)).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENT' }));
  });
});
