// Claims at every training budget. An LM system trained at several budgets has one id per budget
// ('transformer/muon' at the key budget, 'transformer/muon@1M' with its own schedule at 1M); the
// claims look systems up by their base id, so evaluating them on the systems of one budget answers
// "what does this claim say after N tokens?". A claim is decided at the largest budget where it
// could be tested; the verdicts at the other budgets are reported beside it, flips included.
import { baseSystemId, budgetLabel } from './runs.js';
import type { RunSpec } from './types.js';

/** The training tokens of an LM system's runs, or null for systems without an LM budget (addition, baselines, token frequency, counterexample). */
const tokensOf = (s: any): number | null => (s.run.kind === 'lm' ? s.run.train.tokens : null);

/** The LM budgets present among the systems, ascending. */
export function budgetsOf(systems: Map<string, any>): number[] {
  return [...new Set([...systems.values()].map(tokensOf).filter((t): t is number => t !== null))].sort((a, b) => a - b);
}

/**
 * The systems trained with `tokens` plus every budget-free system, keyed by base id. Where two
 * systems share a base id at one budget (cannot happen with run ids from runs.ts) the first wins.
 */
export function systemsAtBudget(systems: Map<string, any>, tokens: number): Map<string, any> {
  const out = new Map<string, any>();
  for (const s of systems.values()) {
    const t = tokensOf(s);
    if (t !== null && t !== tokens) continue;
    const id = baseSystemId(s.id);
    if (!out.has(id)) out.set(id, s);
  }
  return out;
}

/** The planned runs of one budget (LM runs trained with `tokens`, every budget-free run), with base system ids — the plan the claims check for missing runs. */
export function planAtBudget(plan: readonly RunSpec[], tokens: number): RunSpec[] {
  return plan.filter((r) => r.kind !== 'lm' || r.train.tokens === tokens).map((r) => ({ ...r, systemId: baseSystemId(r.systemId) }));
}

export interface BudgetVerdict {
  tokens: number;
  budget: string;
  verdict: string;
  detail: string;
}

export interface ClaimAcrossBudgets {
  id: string;
  verdict: string;
  detail: string;
  /** The budget the headline verdict was decided at (the largest where the claim was testable). */
  budget: string | null;
  /** The verdict at every budget where the claim was testable, ascending. */
  atBudgets: BudgetVerdict[];
  /** True when the verdict differs between budgets. */
  flips: boolean;
  [field: string]: unknown;
}

/**
 * Runs `evaluate` (verdicts.ts evaluateClaims) on the systems of each budget. A claim is "not
 * tested" at a budget that lacks its systems; its headline is the verdict at the largest budget
 * where it was tested (budget-free claims, e.g. the counterexample, are decided once).
 */
export function claimsAcrossBudgets(systems: Map<string, any>, evaluate: (systems: Map<string, any>, tokens: number | null) => any[]): ClaimAcrossBudgets[] {
  const budgets = budgetsOf(systems);
  if (budgets.length === 0) return evaluate(systems, null).map((c) => ({ ...c, budget: null, atBudgets: [], flips: false }));
  const per = budgets.map((tokens) => ({ tokens, claims: evaluate(systemsAtBudget(systems, tokens), tokens) }));
  return per[0].claims.map((first, i) => {
    const tested = per.map((p) => ({ tokens: p.tokens, budget: budgetLabel(p.tokens), verdict: p.claims[i].verdict, detail: p.claims[i].detail })).filter((v) => v.verdict !== 'not tested');
    // Identical at every budget: the claim does not depend on LM training (baselines, addition, theory).
    if (tested.length === per.length && tested.every((v) => v.detail === tested[0].detail && v.verdict === tested[0].verdict)) return { ...first, budget: null, atBudgets: [], flips: false };
    const head = tested.at(-1);
    const lastClaim = head ? per.find((p) => p.tokens === head.tokens)!.claims[i] : per.at(-1)!.claims[i];
    return {
      ...first,
      ...lastClaim,
      budget: head?.budget ?? null,
      atBudgets: tested,
      flips: new Set(tested.map((v) => v.verdict)).size > 1,
    };
  });
}

/** "reproduced at 4M (1M: inconclusive; 250k: not reproduced)" — the verdict column's budget note. */
export function budgetNote(c: ClaimAcrossBudgets): string {
  if (!c.budget) return '';
  const others = c.atBudgets.filter((v) => v.budget !== c.budget).reverse();
  const tail = others.length ? ` (${others.map((v) => `${v.budget}: ${v.verdict}`).join('; ')}${c.flips ? ' — flips with training' : ''})` : '';
  return `at ${c.budget}${tail}`;
}
