import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs module without types
import { closingLine, countOutcomes } from './closing-line-reporter.mjs';

const testCase = (state: string) => ({ result: () => ({ state }) });
const testModule = (states: string[], moduleState = 'passed') => ({
  children: { allTests: () => states.map(testCase)[Symbol.iterator]() },
  state: () => moduleState,
});

describe('closing-line reporter', () => {
  it('counts passed, failed and skipped cases over modules', () => {
    const counts = countOutcomes([testModule(['passed', 'passed', 'skipped']), testModule(['failed', 'passed'])]);
    expect(counts).toEqual({ passed: 3, failed: 1, skipped: 1 });
    expect(closingLine(counts)).toBe('vitest: 3 passed, 1 failed, 1 skipped');
  });

  it('counts a module that failed to load and unhandled errors as failures', () => {
    const counts = countOutcomes([testModule([], 'failed'), testModule(['passed'])], [{ message: 'boom' }]);
    expect(counts).toEqual({ passed: 1, failed: 2, skipped: 0 });
    expect(closingLine(counts)).toBe('vitest: 1 passed, 2 failed');
  });

  it('matches the plain form CI reads: "N passed, N failed" after one word with a colon', () => {
    expect(closingLine({ passed: 0, failed: 0, skipped: 0 })).toMatch(/^\w+: \d+ passed, \d+ failed$/);
  });
});
