// Signal attribution (ours; the paper's perturbations ask the same question of real data): train
// on the synthetic corpus with one signal family removed at a time (same token budget) and see
// which family's removal costs the most κ.
import type { Profile, RunSpec } from '../types.js';
import type { SectionContext } from './index.js';
import { lmRun, lmSystemId, seeds, FAMILY_NAMES } from '../runs.js';
import { bars } from '../report/charts.js';

export const name = 'attribution';
export const title = 'Signal attribution (synthetic families removed one at a time)';

const familiesOf = (profile) => (profile.attribution.families.includes('all') ? FAMILY_NAMES : profile.attribution.families);

export function runs(profile: Profile): RunSpec[] {
  const out = seeds(profile, 'key').map((seed) => lmRun(profile, { seed }));
  for (const f of familiesOf(profile)) {
    if (!FAMILY_NAMES.includes(f)) throw new Error(`profile field 'attribution.families' has unknown family '${f}'. Fix: use "all" or some of ${FAMILY_NAMES.join(', ')}`);
    for (const seed of seeds(profile, 'other')) out.push(lmRun(profile, { without: f, seed }));
  }
  return out;
}

export async function section({ systems, figure, profile }: SectionContext) {
  const base = systems.get(lmSystemId());
  const rows = familiesOf(profile).map((f) => [f, systems.get(lmSystemId({ without: f }))]).filter(([, s]) => s);
  if (!base || rows.length === 0) return { markdown: '_No finished attribution runs._' };
  const cats = ['all', ...rows.map(([f]) => `no ${f}`)];
  const vals = (T) => [base.kappa[T].mean, ...rows.map(([, s]) => s.kappa[T].mean)];
  const f = await figure('attribution', { svg: bars('κ with one signal family removed', cats, [2, 5, 10].map((T) => ({ name: `κ_${T}`, values: vals(T) })), "Cohen's κ (%)"), data: { categories: cats, kappa: { 2: vals(2), 5: vals(5), 10: vals(10) } }, csv: [['condition', 'kappa2', 'kappa5', 'kappa10'], ...cats.map((c, i) => [c, vals(2)[i], vals(5)[i], vals(10)[i]])] });
  const drop = rows.map(([fam, s]) => [fam, base.kappa[10].mean - s.kappa[10].mean]).sort((a, b) => b[1] - a[1]);
  return { markdown: [`![attribution](${f})`, '', `Drop in κ_10 when a family is removed (largest first): ${drop.map(([fam, d]) => `${fam} ${d.toFixed(1)}`).join(', ')}. Base: ${base.seeds} seeds; each removal: ${rows[0][1].seeds} seed(s) — differences below ~2× the base's std (${base.kappa[10].std.toFixed(1)}) are noise.`].join('\n') };
}
