import { describe, expect, it } from 'vitest';
import { lineChart } from './lineChart.js';
import { heatmap } from './heatmap.js';
import { text, textWidth } from './markup.js';
import { findAll, parseXml, textOf, type XmlElement } from './testing/xml.js';

const tspans = (el: XmlElement) => findAll(el, (e) => e.name === 'tspan');

describe('subscripts in chart text', () => {
  // Issue: titles such as "Φ_T during training" and axis labels "κ_10 (%)" printed the underscore.
  it('draws "Φ_T" and "κ_10" as a letter with a smaller, lowered subscript and no underscore', () => {
    for (const [source, base, sub, rest] of [['Φ_T', 'Φ', 'T', ''], ['κ_10 (%)', 'κ', '10', ' (%)'], ['‖F_ν‖ / median', '‖F', 'ν', '‖ / median']]) {
      const el = parseXml(text(10, 20, source, { size: 16 }));
      expect(textOf(el)).toBe(base + sub + rest);
      expect(el.text).toBe(base);
      const [s, after] = tspans(el);
      expect(textOf(s)).toBe(sub);
      expect(Number(s.attrs['font-size'])).toBeLessThan(16);
      expect(Number(s.attrs.dy)).toBeGreaterThan(0);
      // The text after the subscript returns to the baseline: the shifts cancel.
      if (rest) expect(Number(after.attrs.dy)).toBe(-Number(s.attrs.dy));
      else expect(after).toBeUndefined();
    }
  });

  it('handles several subscripts in one label (S_W⁻¹S_B) and escapes their text', () => {
    const el = parseXml(text(0, 0, 'S_W⁻¹S_B <&>'));
    expect(textOf(el)).toBe('SW⁻¹SB <&>');
    expect(tspans(el).map(textOf)).toEqual(['W', '⁻¹S', 'B', ' <&>']);
  });

  it('leaves identifiers and plain underscores alone', () => {
    for (const s of ['lm_head', 'acc_10', 'model.embed_tokens.weight', 'SLURM_ARRAY_TASK_ID', 'a_b_c', 'x_', '_1']) {
      const el = parseXml(text(0, 0, s));
      expect(textOf(el)).toBe(s);
      expect(tspans(el)).toHaveLength(0);
    }
  });

  it('measures the drawn text: a subscript is narrower than the underscore notation', () => {
    expect(textWidth('Φ_10', 10)).toBeLessThan(textWidth('Φ10', 10));
    expect(textWidth('Φ_10', 10)).toBeGreaterThan(textWidth('Φ1', 10));
    expect(textWidth('lm_head', 10)).toBe(textWidth('lm-head', 10));
  });

  it('applies to every chart: titles, axis labels, legends, heatmap rows', () => {
    const chart = lineChart({
      title: 'Φ_T during training',
      x: { label: 'tokens' },
      y: { label: 'κ_10 (%)' },
      series: [{ name: 'κ_5', x: [1, 2], y: [1, 2] }, { name: 'κ_2', x: [1, 2], y: [2, 1] }],
    });
    const map = heatmap({ title: 'κ_T', rows: ['Φ_10'], cols: ['a'], values: [[1]], colorScale: { min: 0, max: 1, scheme: 'viridis' } });
    for (const svg of [chart, map]) {
      const texts = findAll(parseXml(svg), (e) => e.name === 'text').map(textOf);
      expect(texts.filter((t) => t.includes('_'))).toEqual([]);
    }
  });
});
