// @numfeat/study — the paper's experiments as a resumable parallel sweep and a report with verdicts.
export { runStudy, type StudyOptions, type StudyOutcome } from './study.js';
export { buildReport, PAPER, type Report, type ReportOptions } from './report/build.js';
export { loadProfile, validateProfile, PROFILE_DIR, PROFILE_RULE } from './profile.js';
export { EXPERIMENTS, EXPERIMENT_NAMES, planRuns, type Experiment, type SectionContext } from './experiments/index.js';
export { runSweep, type SweepEvent, type SweepSummary, type StudySweepOptions } from './sweep.js';
export { executeRun } from './execute.js';
export { claimResultsFolder, readStudyRecord, readResults, resultPath, runDir, type StudyRecord } from './store.js';
export { parseShard, shardFromEnv, shardRuns, SHARD_ENV, type Shard } from './shard.js';
export { aggregateSystems, evaluateClaims, classify, VERDICTS, type Claim } from './verdicts.js';
export { lmSystemId, additionSystemId, classicSystemId, tokenFrequencySystemId } from './runs.js';
export type * from './types.js';
