// Builds results/<profile>/REPORT.md and report.html from whatever runs have finished (shards
// merged: they share runs/<id>/result.json). Figures go to figures/ as SVG + PNG + JSON (+ CSV).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFigure } from '@numfeat/plot';
import { writeFileAtomic } from '@numfeat/io';
import { EXPERIMENTS, planRuns } from '../experiments/index.js';
import { packageFile } from '../package-files.js';
import { readResults, readStudyRecord } from '../store.js';
import type { SectionContext } from '../experiments/index.js';
import { aggregateSystems, evaluateClaims, fmt, CLASSES, VERDICTS, classText, type Claim } from '../verdicts.js';
import { markdownToHtml } from './html.js';
import { budgetNote, claimsAcrossBudgets, planAtBudget } from '../budgets.js';

/** The paper's printed values (packages/study/paper-values.json, beside src/ and dist/). */
export const PAPER = JSON.parse(readFileSync(packageFile('paper-values.json'), 'utf8'));

export interface ReportOptions {
  /** Experiment names to include (default all). */
  only?: readonly string[];
  /** Render PNGs beside the SVGs (default true). */
  png?: boolean;
  /** Wall time of the invocation, for the report's header. */
  wallSeconds?: number;
}

export interface Report {
  report: string;
  html: string;
  figures: unknown[];
  /** Each claim's headline verdict, the budget it was decided at and its verdicts at the other budgets (budgets.ts). */
  claims: (Claim & { budget?: string | null; atBudgets?: unknown[]; flips?: boolean })[];
}

/**
 * root: a results folder (results/<profile>). options.only: experiment names to include;
 * options.png: render PNGs (default true). Returns { report, html, figures, claims }.
 */
export async function buildReport(root: string, { only, png = true, wallSeconds }: ReportOptions = {}): Promise<Report> {
  const { profile } = readStudyRecord(root);
  const results = readResults(root);
  const byId = new Map(results.map((r) => [r.id, r]));
  const systems = aggregateSystems(results);
  const figures: unknown[] = [];
  const figure: SectionContext['figure'] = async (name, { svg, data, csv }) => {
    const w = await writeFigure(join(root, 'figures', name), svg, data, { png, ...(csv ? { csv } : {}) });
    figures.push(w);
    return `figures/${name}.${png ? 'png' : 'svg'}`;
  };
  const plan = planRuns(profile, only);
  const ctx: SectionContext = { profile, results, byId, systems, plan, figure, paper: PAPER };
  const sections: string[] = [];
  const extra: Record<string, any> = {};
  for (const e of EXPERIMENTS.filter((x) => !only || only.includes(x.name))) {
    const s = await e.section(ctx);
    Object.assign(extra, s.extra ?? {});
    sections.push(`## ${e.title}\n\n${s.markdown}\n`);
  }
  const claims = claimsAcrossBudgets(systems, (atBudget, tokens) => evaluateClaims(atBudget, { ...extra, plan: tokens === null ? plan : planAtBudget(plan, tokens) })) as unknown as Report['claims'];
  const ok = results.filter((r) => r.status === 'ok');
  const failed = results.filter((r) => r.status === 'failed');
  const totalRunSeconds = results.reduce((a, r) => a + (r.wallSeconds ?? 0), 0);
  const md = [
    `# numfeat study — profile \`${profile.name}\` (version ${profile.version})`,
    '',
    `${profile.description}`,
    '',
    `Runs finished: ${ok.length} ok, ${failed.length} failed. Sum of run wall times: ${(totalRunSeconds / 60).toFixed(1)} min${wallSeconds ? `; wall time of the invocation that built this report ${(wallSeconds / 60).toFixed(1)} min (a resumed study counts only its last invocation)` : ''}. Backends: ${[...new Set(results.map((r) => r.backend))].join(', ') || '—'}. Every verdict is "at this scale" (see docs/protocol.md, "Study: classes and verdicts").`,
    '',
    '## Verdicts',
    '',
    '| # | claim (source) | verdict | our measurement |', '|---|---|---|---|',
    ...claims.map((c) => `| ${c.id} | ${c.claim} (${c.source}) | **${c.verdict}**${c.budget ? ` ${budgetNote(c as never)}` : ''} | ${c.detail.replace(/\|/g, '/')} |`),
    '',
    'A verdict is decided at the largest training budget where its systems were run ("at 4M"); the verdicts at smaller budgets follow in brackets, and "flips with training" marks a claim whose verdict changes between budgets. Claims without a budget do not depend on LM training.',
    '',
    `Counts: ${VERDICTS.map((v) => `${v} ${claims.filter((c) => c.verdict === v).length}`).join(', ')}.`,
    '',
    '## Systems at a glance: κ_10 and Φ_10, ours beside the paper\'s',
    '',
    'κ_10 × 100 of the mod-10 probe and Φ_10 of the raw number embeddings (mean ± std over training seeds). The paper\'s Φ_10 is known only for the four systems of its Fisher figure; absolute Φ values scale with d·σ² and are not comparable across model sizes — compare the ordering.',
    '',
    '| system | seeds | κ_10 ours | κ_10 paper | Φ_10 ours | Φ_10 paper | our class |', '|---|---|---|---|---|---|---|',
    ...[...systems.values()].map((s) => `| ${s.system} | ${s.seeds} | ${fmt(s.kappa[10].mean)} ± ${fmt(s.kappa[10].std)} | ${paperKappa10(s.system)} | ${fmt(s.phi[10].mean)} ± ${fmt(s.phi[10].std)} | ${PAPER.fisher[s.system]?.phi10 ?? '—'} | ${classText(s)} |`),
    '',
    '## Classes',
    '',
    'Our classification of each system by the thresholds of docs/protocol.md (spike: m(1/T) ≥ 2 at ≥ 2 of T = 10, 5, 2; G = mean(κ_2, κ_5, κ_10): full ≥ 50, partial ≥ 15).',
    '',
    '| system | seeds | spikes at T | G (mean ± std) | our class | paper\'s class |', '|---|---|---|---|---|---|',
    ...[...systems.values()].map((s) => `| ${s.system} | ${s.seeds} | ${s.classification.spiking.join(', ') || '—'} | ${fmt(s.G.mean)} ± ${fmt(s.G.std)} | ${classText(s)} | ${paperClass(s.system)} |`),
    '',
    ...sections,
    '## Protocol choices',
    '',
    ...protocolLines(profile, results),
    '',
    '## Runs',
    '',
    '| run | system | status | wall time (s) | backend | tokens | corpus passes | final loss |', '|---|---|---|---|---|---|---|---|',
    ...results.map((r) => `| ${r.id} | ${r.run.system} | ${r.status === 'failed' ? `failed: ${(r.error?.message ?? '').slice(0, 120).replace(/\|/g, '/')} (runs/${r.id}/log.txt)` : r.status} | ${r.wallSeconds?.toFixed(1) ?? '—'} | ${r.backend} | ${r.result?.training?.tokens ?? '—'} | ${r.result?.training?.corpusPasses?.toFixed?.(2) ?? '—'} | ${r.result?.training?.finalLoss?.toFixed?.(3) ?? '—'} |`),
    '',
  ].join('\n');
  await writeFileAtomic(join(root, 'REPORT.md'), md);
  const html = markdownToHtml(md, root, `numfeat study — ${profile.name}`);
  await writeFileAtomic(join(root, 'report.html'), html);
  await writeFileAtomic(join(root, 'verdicts.json'), JSON.stringify({ claims, classes: [...systems.values()].map((s) => ({ system: s.system, seeds: s.seeds, classification: s.classification })) }, null, 2));
  return { report: join(root, 'REPORT.md'), html: join(root, 'report.html'), figures, claims };
}

/** The paper's κ_10 for a system of ours (a perturbation by its label; 3-digit addition per paper seed). */
function paperKappa10(system) {
  const at10 = (row) => row?.[PAPER.moduli.indexOf(10)];
  const direct = at10(PAPER.architectures[system]) ?? at10(PAPER.addition[system]) ?? at10(PAPER.fisher[system]?.kappa);
  if (direct !== undefined) return String(direct);
  const perSeed = Object.entries(PAPER.addition).filter(([k]) => k.startsWith(`${system} seed`)).map(([, row]) => at10(row));
  if (perSeed.length) return perSeed.join(' / ');
  const m = /^Transformer \(Muon\) · (.+)$/.exec(system);
  const pert = m && at10(PAPER.perturbations[m[1]]);
  return pert !== undefined && pert !== null ? String(pert) : '—';
}

function paperClass(system) {
  const base = system.replace(/ \((Muon|AdamW)\)$/, '');
  const table: [RegExp, string][] = [
    [/^Transformer \((Muon|AdamW)\)$|^Gated DeltaNet \(|^Mamba-2 \(|^9-digit/, CLASSES.both],
    [/^(PPMI|word2vec)$/, CLASSES.partial],
    [/^LSTM|^Token Dist\.$/, CLASSES.spectral],
    [/^3-digit/, CLASSES.neither],
  ];
  for (const [re, cls] of table) if (re.test(system) || re.test(base)) return cls;
  return '— (not in the paper)';
}

function protocolLines(profile, results) {
  const first = results.find((r) => r.status === 'ok' && r.result?.protocol)?.result.protocol;
  return [
    '- Numbers 0..999 as single tokens ("0".."999"; 9-digit addition: chunk tokens "000".."999"); tied input/output embeddings; the analysed matrix is the embedding table rows of those tokens.',
    '- Corpus: the synthetic number-rich corpus of @numfeat/data-gen (default) tokenized by a WordTokenizer with whole-number tokens; headline runs also on the bundled real corpus (labelled "real corpus").',
    `- Model (ours, tiny): ${JSON.stringify(profile.model)}; per-architecture overrides ${JSON.stringify(profile.archs)}.`,
    `- Optimizers: ${JSON.stringify(profile.optimizers)}; @numfeat/models createOptimizer (Muon: Newton–Schulz on matrices, AdamW for embeddings and gains). Trainer: @numfeat/models train() — warmup ${profile.train.warmup} of the steps, then cosine decay to 0.1 of the peak; gradient clipping at global norm 1; masked loss (Isolate-k padding, answer-only loss for addition).`,
    `- Training budget per LM run: ${profile.train.tokens} tokens (real, non-pad), context ${profile.train.context}, ${profile.train.batchSize} rows per batch at the baseline context; shorter contexts use proportionally more rows; Isolate-k pads (steps scaled by 1/real share, capped at 4×).`,
    `- Seeds: key contrasts ${profile.seeds.key} training seeds, other conditions ${profile.seeds.other}, addition ${profile.seeds.addition}; probes: ${profile.analysis.probeSeeds} split seeds per model.`,
    '- Sweep: the study\'s own worker pool (examples/study/lib/sweep.mjs: worker_threads, one TF.js backend per worker) rather than @numfeat/models runSweep, because a study run also measures the embeddings, may be a classical baseline or the counterexample, writes its own result file and must stop cleanly on Ctrl-C; each training run checkpoints through the trainer four times and resumes from its checkpoint.',
    `- Probe / spectrum / Fisher protocol (from the first result): ${first ? JSON.stringify(first).slice(0, 600) : '—'}.`,
  ];
}
