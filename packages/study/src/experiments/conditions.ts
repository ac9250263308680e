// Data conditions (ours; docs/protocol.md "Data conditions"): which training data separates the
// architectures? Each system of `conditions.systems` is trained at the key budget on each condition's
// corpus (one seed) and compared with the same system on the original synthetic corpus (key seeds).
import { bars } from '../report/charts.js';
import { budgetLabel, lmRun, lmSystemId, ARCH_LABELS, OPT_LABELS } from '../runs.js';
import { fmt } from '../verdicts.js';
import type { DataCondition, Profile, RunSpec } from '../types.js';
import type { SectionContext } from './index.js';
import { kappaAtCheckpoint, parseSystem } from './scaling.js';

export const name = 'conditions';
export const title = 'Data conditions: which data separates the architectures';

export function runs(profile: Profile): RunSpec[] {
  const c = profile.conditions;
  if (!c) return [];
  const out: RunSpec[] = [];
  for (const s of c.systems) {
    const { arch, optimizer } = parseSystem(s);
    for (const cond of c.list) out.push(lmRun(profile, { arch, optimizer, condition: cond.name, corpusOverrides: cond.corpus, tokens: cond.tokens, seed: 0 }));
  }
  return out;
}

export async function section({ profile, systems, byId, plan, figure }: SectionContext) {
  const c = profile.conditions;
  if (!c) return { markdown: '_Not part of this profile._' };
  const systemsOf = c.systems.map(parseSystem);
  // Each condition beside the original corpus at the same budget (the key budget unless the condition names one).
  const key = profile.train.tokens;
  const budgets = [...new Set(c.list.map((x) => x.tokens ?? key))].sort((a, b) => b - a);
  // One row per original-corpus budget, then one per condition: what it is, and where its systems live.
  const rows = [
    ...budgets.map((tokens) => ({ name: `original @ ${budgetLabel(tokens)}`, tokens, condition: null as DataCondition | null, description: 'the synthetic corpus, every signal family (all seeds at this budget)' })),
    ...c.list.map((x) => ({ name: x.name, tokens: x.tokens ?? key, condition: x as DataCondition | null, description: x.description })),
  ];
  const label = (sys) => `${ARCH_LABELS[sys.arch] ?? sys.arch} (${OPT_LABELS[sys.optimizer]})`;
  // A cell without a system is either a run that failed or is still missing, or one this profile never plans
  // (e.g. no original-corpus run at a condition's smaller budget): the report says which.
  const planned = new Set(plan.map((r) => (r.kind === 'lm' ? r.systemId : null)));
  type Row = { condition: DataCondition | null; tokens: number };
  type System = { arch: string; optimizer: 'muon' | 'adamw' };
  const idOf = (sys: System, row: Row) =>
    lmSystemId({ ...sys, condition: row.condition?.name ?? null, source: row.condition?.corpus.source ?? 'synthetic', budget: row.tokens === key ? null : budgetLabel(row.tokens) });
  const at = (sys: System, row: Row) => systems.get(idOf(sys, row));
  if (!rows.some((row) => row.condition && systemsOf.some((sys) => at(sys, row)))) return { markdown: '_No finished condition runs._' };
  // One cell per system and row, read by both the table and the figure.
  const cellOf = (sys: System, row: Row): { kappa10: number | null; text: string } => {
    const s = at(sys, row);
    if (s) return { kappa10: s.kappa[10].mean, text: `${fmt(s.kappa[10].mean)}${s.seeds > 1 ? ` ± ${fmt(s.kappa[10].std)}` : ''} (κ_2 ${fmt(s.kappa[2].mean)}, m(0.1) ${fmt(s.spikes[10].mean)}; ${s.classification.label})` };
    if (planned.has(idOf(sys, row))) return { kappa10: null, text: 'missing/failed' };
    // No original trained to this budget: the key runs' checkpoint at it, where their logs have one.
    const keySystem = row.condition ? undefined : at(sys, { condition: null, tokens: key });
    const cp = keySystem ? kappaAtCheckpoint(keySystem.runs.map((id: string) => byId.get(id)).filter(Boolean), row.tokens) : null;
    return cp
      ? { kappa10: cp.kappa[10].mean, text: `${fmt(cp.kappa[10].mean)} ± ${fmt(cp.kappa[10].std)} (κ_2 ${fmt(cp.kappa[2].mean)}; checkpoint of the ${budgetLabel(key)} runs, n = ${cp.n}, not an own schedule)` }
      : { kappa10: null, text: 'not run at this budget' };
  };
  const grid = systemsOf.map((sys) => rows.map((row) => cellOf(sys, row)));
  const lines = rows.map((row, r) => `| ${row.name} | ${budgetLabel(row.tokens)} | ${row.description} | ${grid.map((cells) => cells[r]!.text).join(' | ')} |`);
  const series = systemsOf.map((sys, i) => ({ name: label(sys), values: grid[i]!.map((c) => c.kappa10 ?? 0) }));
  const f = await figure('conditions', {
    svg: bars(`κ_10 per data condition (original: mean over seeds at each budget)`, rows.map((row) => (row.condition ? `${row.name} @ ${budgetLabel(row.tokens)}` : row.name)), series, "Cohen's κ_10 (%)"),
    data: { conditions: c.list, systems: c.systems, kappa10: Object.fromEntries(series.map((s) => [s.name, s.values])) },
    csv: [['condition', ...series.map((s) => s.name)], ...rows.map((row, i) => [row.name, ...series.map((s) => s.values[i])])],
  });
  return {
    markdown: [
      `![conditions](${f})`, '',
      `Each condition trains every system on its own corpus, one seed, at the key budget (${budgetLabel(key)} tokens) unless the table says otherwise; the original rows are the mean ± std of the seeds trained to the same budget or, where the profile trains none to it, of the key runs' checkpoints at that budget (marked: a checkpoint is mid-schedule, not a finished run). A difference is worth reading only when it is larger than the original's seed spread. The conditions were chosen by the rule in docs/protocol.md ("Data conditions"), before they were run, and every condition run is listed here.`, '',
      `| condition | budget | corpus | ${systemsOf.map(label).join(' | ')} |`, `|---|---|---|${systemsOf.map(() => '---').join('|')}|`, ...lines,
    ].join('\n'),
  };
}
