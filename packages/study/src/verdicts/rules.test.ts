// The rules on their own inputs: spike heights of random matrices (C9), synthetic training logs
// (C15), hand-made stats (the boundaries), and Spearman with ties.
import { beforeAll, describe, expect, it } from 'vitest';
import { measurePlanted, plantedEmbeddings, rng } from '../testing/planted.js';
import { draw } from '../testing/worlds.js';
import { contrastRule, unchangedRule, atChanceRule, informativeKappa } from './rules.js';
import { dynamicsRule } from './claims.js';
import { averageRanks, meanStd, spearman, type Stat } from './stats.js';
import { classify } from './systems.js';

const tally = (vs: string[]) => vs.reduce<Record<string, number>>((a, v) => ({ ...a, [v]: (a[v] ?? 0) + 1 }), {});
const stat = (mean: number, se: number, n = 3): Stat => ({ mean, std: se * Math.sqrt(n), n, se });

describe('C9 rule (spikes unchanged) on spectra of real analyses', () => {
  let noise: number[] = [];
  let spiky: number[] = [];
  let stronger: number[] = [];
  beforeAll(() => {
    // Spectrum-only analyses are cheap (no probes): 30 random matrices, 12 with a planted spike.
    noise = Array.from({ length: 30 }, (_, i) => measurePlanted(plantedEmbeddings(100 + i), { probes: false }).spikes[10]);
    spiky = Array.from({ length: 12 }, (_, i) => measurePlanted(plantedEmbeddings(200 + i, { a: 1, trend: 20 }), { probes: false }).spikes[10]);
    stronger = Array.from({ length: 6 }, (_, i) => measurePlanted(plantedEmbeddings(300 + i, { a: 2 }), { probes: false }).spikes[10]);
  }, 60_000);
  const trials = (control: number[], other: number[], n: number, seed: number) => {
    const r = rng(seed);
    return Array.from({ length: n }, () => {
      const [a, b] = [draw(control.length, 3, r), draw(other.length, 3, r)];
      return unchangedRule(meanStd(b.map((i) => other[i])), meanStd(a.map((i) => control[i])), ['Swap', 'Original']).verdict;
    });
  };
  it('never reproduces on random matrices (300 trials: noise-level spikes ≈ 1 fail the precondition)', () => {
    const v = trials(noise, noise, 300, 1);
    console.log('C9 null (random vs random):', tally(v));
    expect(v.filter((x) => x === 'reproduced' || x === 'partly')).toHaveLength(0);
  });
  it('reproduces equal planted spikes (20 of 20), and refuses a spike that vanished or grew', () => {
    const same = trials(spiky, spiky, 20, 2);
    console.log('C9 planted (equal spikes):', tally(same));
    expect(same.every((x) => x === 'reproduced')).toBe(true);
    const vanished = trials(spiky, noise, 20, 3);
    const grew = trials(spiky, stronger, 20, 4);
    console.log('C9 planted (spike vanished / doubled):', tally(vanished), tally(grew));
    expect(vanished.every((x) => x === 'not reproduced')).toBe(true);
    expect(grew.every((x) => x === 'not reproduced')).toBe(true);
  });
});

describe('C15 rule (Φ_10 and accuracy rise together) on synthetic logs', () => {
  const log = (r: () => number, rising: boolean) => Array.from({ length: 6 }, (_, j) => ({
    phi: { 10: rising ? 3 + 5 * j + r() : 3 + r() },
    accuracy: { 10: rising ? 15 + 12 * j + 3 * r() : 10 + 4 * (r() - 0.5) },
  }));
  it('never reproduces on logs at chance (300 trials), reproduces rising logs (20 of 20)', () => {
    const r = rng(5);
    const nulls = Array.from({ length: 300 }, () => dynamicsRule([0, 1, 2].map((seed) => ({ seed, log: log(r, false) }))).verdict);
    const planted = Array.from({ length: 20 }, () => dynamicsRule([0, 1, 2].map((seed) => ({ seed, log: log(r, true) }))).verdict);
    // accuracy rises (the precondition holds) but Φ_10 is unrelated noise: ρ ≈ 0
    const unrelated = Array.from({ length: 300 }, () => dynamicsRule([0, 1, 2].map((seed) => ({ seed, log: log(r, true).map((e) => ({ ...e, phi: { 10: r() } })) }))).verdict);
    console.log('C15 null:', tally(nulls), 'unrelated Φ:', tally(unrelated), 'planted:', tally(planted));
    expect(nulls.filter((x) => x === 'reproduced' || x === 'partly')).toHaveLength(0);
    expect(unrelated.filter((x) => x === 'reproduced')).toHaveLength(0);
    expect(planted.every((x) => x === 'reproduced')).toBe(true);
  });
  it('is inconclusive with fewer than 3 seeds', () => {
    expect(dynamicsRule([{ seed: 0, log: log(rng(1), true) }]).verdict).toBe('inconclusive');
  });
});

describe('rule boundaries', () => {
  it('contrast: minimum effect, margin, seeds and precondition', () => {
    const strong = stat(80, 1);
    expect(contrastRule(strong, stat(60, 1), { min: 15 }).verdict).toBe('reproduced');
    // 6.4 vs 2.3 (the old rules' "far higher"): excluded as an effect of 15 points
    expect(contrastRule(stat(6.4, 0.5), stat(2.3, 0.5), { min: 15 }).verdict).toBe('not reproduced');
    expect(contrastRule(stat(6.4, 0.5), stat(2.3, 0.5), { min: 15, precondition: informativeKappa('a', stat(6.4, 0.5)) }).verdict).toBe('inconclusive');
    expect(contrastRule(strong, stat(62, 4), { min: 15 }).verdict).toBe('partly'); // d = 18 ≥ 15, lo = 6.7 > 0
    expect(contrastRule(strong, stat(70, 6), { min: 15 }).verdict).toBe('inconclusive');
    expect(contrastRule(strong, stat(20, 1, 2), { min: 15 }).verdict).toBe('inconclusive'); // 2 seeds
    expect(contrastRule(stat(2.5, 0.05), stat(0.2, 0.05), { min: 2, partly: 1 }).verdict).toBe('reproduced');
    expect(contrastRule(stat(1.5, 0.05), stat(0.2, 0.05), { min: 2, partly: 1 }).verdict).toBe('partly');
    expect(contrastRule(stat(0.5, 0.05), stat(0.2, 0.05), { min: 2, partly: 1 }).verdict).toBe('not reproduced');
  });
  it('at chance: needs an informative control; partly when only the drop is shown', () => {
    expect(atChanceRule(stat(2, 1), stat(80, 1), ['x', 'c'], 15).verdict).toBe('reproduced');
    expect(atChanceRule(stat(2, 1), stat(10, 1), ['x', 'c'], 15).verdict).toBe('inconclusive');
    expect(atChanceRule(stat(25, 1), stat(80, 1), ['x', 'c'], 15).verdict).toBe('partly');
    expect(atChanceRule(stat(40, 1), stat(45, 1), ['x', 'c'], 15).verdict).toBe('not reproduced');
    expect(atChanceRule(stat(14, 2), stat(20, 1), ['x', 'c'], 15).verdict).toBe('inconclusive');
  });
  it('unchanged: tolerance is a share of the control excess over the floor', () => {
    expect(unchangedRule(stat(3.3, 0.05), stat(3.4, 0.05), ['x', 'c']).verdict).toBe('reproduced');
    expect(unchangedRule(stat(2.6, 0.05), stat(3.4, 0.05), ['x', 'c']).verdict).toBe('partly');
    expect(unchangedRule(stat(1.1, 0.05), stat(3.4, 0.05), ['x', 'c']).verdict).toBe('not reproduced');
    expect(unchangedRule(stat(1.1, 0.05), stat(1.2, 0.05), ['x', 'c']).verdict).toBe('inconclusive');
  });
  it('classes: uncertain when G ± 2·SE straddles a cut-off or spread is unknown', () => {
    const spikes = { 10: stat(3, 0.1), 5: stat(3, 0.1), 2: stat(3, 0.1) };
    expect(classify({ spikes, G: stat(70, 2) }).uncertain).toBeNull();
    expect(classify({ spikes, G: stat(70, 2) }).key).toBe('both');
    const edge = classify({ spikes, G: stat(52, 2) });
    expect(edge.key).toBe('both');
    expect(edge.uncertain).toMatch(/straddles 50/);
    expect(edge.compatible.sort()).toEqual(['both', 'partial']);
    const one = classify({ spikes: { 10: stat(3, 0, 1), 5: stat(3, 0, 1), 2: stat(3, 0, 1) }, G: { mean: 70, std: 0, n: 1, se: null } });
    expect(one.uncertain).toMatch(/spread unknown/);
    expect(one.compatible.length).toBeGreaterThan(1);
  });
});

describe('spearman', () => {
  it('gives ties their average rank', () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(22.5), 12);
    expect(spearman([1, 1, 1, 1], [1, 2, 3, 4])).toBeNull();
    expect(spearman([3, 2, 1], [1, 2, 3])).toBeCloseTo(-1, 12);
  });
  it('rejects series of different lengths', () => {
    expect(() => spearman([1, 2, 3], [1, 2])).toThrow(/equal length/);
  });
});
