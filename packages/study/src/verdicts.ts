// Systems, the paper's four classes and per-claim verdicts — the rules of docs/protocol.md
// "Study: classes and verdicts", applied mechanically. The parts live in verdicts/.
export * from './verdicts/constants.js';
export { meanStd, statFromSpread, exactStat, interval, averageRanks, spearman, fmt, fmtStat, type Stat } from './verdicts/stats.js';
export { CLASSES, isVariant, isDeterministic, sufficient, aggregateSystems, classify, classText, type ClassKey } from './verdicts/systems.js';
export { contrastRule, atChanceRule, unchangedRule, informativeKappa, informativeSpike, classStanding, spectralStanding, everySystemRule, type Verdict, type ContrastOptions, type Standing } from './verdicts/rules.js';
export { evaluateClaims, dynamicsRule, type Claim, type ClaimInputs } from './verdicts/claims.js';
