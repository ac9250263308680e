import { describe, expect, it } from 'vitest';
import { logGrid, sweepCounterexample } from './sweep.js';

describe('counterexample sweep', () => {
  it('keeps Φ_T fixed while the best linear accuracy falls from 100% towards chance', () => {
    const sweep = sweepCounterexample({ N: 1000, T: 10, A: 5, Bs: [0.03, 1, 31] });
    const [small, mid, large] = sweep.rows;
    for (const r of sweep.rows) {
      expect(Math.abs(r.phi - 206250) / 206250).toBeLessThan(1e-9);
      expect(r.lemmaHolds).toBe(true);
    }
    expect(small.accuracy).toBe(1);
    expect(mid.accuracy).toBeLessThan(small.accuracy);
    expect(large.accuracy).toBeLessThan(mid.accuracy);
    expect(large.accuracy).toBe(0.109);
    expect(large.accuracy - sweep.chance).toBeLessThan(0.01);
    expect(small.lambdaMax / large.lambdaMax).toBeCloseTo((31 / 0.03) ** 2, 3);
  });

  it('builds an inclusive log grid', () => {
    const g = logGrid(0.01, 100, 5);
    expect(g).toHaveLength(5);
    expect(g[0]).toBeCloseTo(0.01, 15);
    expect(g[2]).toBeCloseTo(1, 12);
    expect(g[4]).toBeCloseTo(100, 10);
    expect(() => logGrid(0, 1, 3)).toThrow(/logGrid needs/);
  });
});
