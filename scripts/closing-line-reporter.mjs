// A vitest reporter that ends the run with one plain line, "vitest: N passed, N failed[, N skipped]".
// Why: CI reads a run's closing line to know that tests ran, and it knows that plain form, not
// vitest's coloured summary (with CI=true vitest colours its output, which hides the counts).

/** Counts test cases by outcome; a test file that failed to load counts as one failure. */
export function countOutcomes(testModules, unhandledErrors = []) {
  const counts = { passed: 0, failed: unhandledErrors.length, skipped: 0 };
  for (const module of testModules) {
    let cases = 0;
    for (const test of module.children.allTests()) {
      cases += 1;
      const state = test.result().state;
      if (state === 'passed') counts.passed += 1;
      else if (state === 'failed') counts.failed += 1;
      else counts.skipped += 1;
    }
    if (cases === 0 && module.state() === 'failed') counts.failed += 1;
  }
  return counts;
}

export function closingLine({ passed, failed, skipped }) {
  const tail = skipped > 0 ? `, ${skipped} skipped` : '';
  return `vitest: ${passed} passed, ${failed} failed${tail}`;
}

export default class ClosingLineReporter {
  onTestRunEnd(testModules, unhandledErrors) {
    process.stdout.write(`\n${closingLine(countOutcomes(testModules, unhandledErrors))}\n`);
  }
}
