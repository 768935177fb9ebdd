// Writes each Jest project's pass/fail counts to $REDTAIL_TEST_SUMMARY_DIR so
// .ci/run can print one closing "N passed, N failed" line for the whole run.
const { mkdirSync, writeFileSync } = require('node:fs');
const { basename, join } = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.globalConfig = globalConfig;
  }

  onRunComplete(_contexts, results) {
    const dir = process.env.REDTAIL_TEST_SUMMARY_DIR;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    const name = basename(this.globalConfig.rootDir) || 'jest';
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
    };
    writeFileSync(join(dir, `jest-${name}-${process.pid}.json`), JSON.stringify(summary));
  }
}

module.exports = SummaryReporter;
