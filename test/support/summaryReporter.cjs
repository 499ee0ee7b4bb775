// Mocha reporter: the spec reporter's output, then one closing line `N passed, N failed`
// (what CI reads). When TEST_COUNTS_FILE is set, the counts are also written there so the
// test runner can add up several stages into one closing line, with the failed tests' titles
// and why they failed (a CI log is often read only from its end).
const Mocha = require("mocha");
const fs = require("node:fs");

const { failureGist } = require("./failureGist.cjs");

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const failures = [];
    runner.on(Mocha.Runner.constants.EVENT_TEST_PASS, () => (passed += 1));
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test, error) => {
      failed += 1;
      failures.push({ title: test.fullTitle(), message: failureGist(error) });
    });
    runner.on(Mocha.Runner.constants.EVENT_TEST_PENDING, () => (skipped += 1));
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const countsFile = process.env.TEST_COUNTS_FILE;
      if (countsFile) {
        // scripts/test.mjs adds the stages up and prints the closing line itself.
        fs.writeFileSync(countsFile, JSON.stringify({ passed, failed, skipped, failures }));
      } else {
        // After the spec reporter's own epilogue.
        setImmediate(() => console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`));
      }
    });
  }
}

module.exports = SummaryReporter;
