// Prints `N passed, N failed` from a vitest JSON report; exits 1 when the report is missing
// (the run stopped before the tests: npm ci or the build failed) or when nothing ran.
import { existsSync, readFileSync } from 'node:fs';

const reportPath = process.argv[2] ?? 'reports/vitest.json';
if (!existsSync(reportPath)) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const passed = report.numPassedTests ?? 0;
const failed = (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0) - countSuitesWithFailedTests(report);
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);

/** A failed suite that has failed tests is already counted by its tests. */
function countSuitesWithFailedTests(json) {
  return (json.testResults ?? []).filter(
    (suite) => suite.status === 'failed' && (suite.assertionResults ?? []).some((test) => test.status === 'failed'),
  ).length;
}
