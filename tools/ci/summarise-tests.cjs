// Prints the closing "N passed, N failed" line for a CI run from the Jest
// summaries (tools/jest/summary-reporter.cjs) and Playwright's JSON report.
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const [jestDir, ...playwrightReports] = process.argv.slice(2);
let passed = 0;
let failed = 0;

for (const file of existsSync(jestDir) ? readdirSync(jestDir) : []) {
  const summary = JSON.parse(readFileSync(join(jestDir, file), 'utf8'));
  passed += summary.passed;
  failed += summary.failed;
}

for (const report of playwrightReports.filter((path) => existsSync(path))) {
  const { stats } = JSON.parse(readFileSync(report, 'utf8'));
  passed += stats.expected + stats.flaky;
  failed += stats.unexpected;
}

console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
