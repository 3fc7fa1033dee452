#!/usr/bin/env bash
# `npm test`: every test. Vitest (unit + integration), then Playwright in
# Debian's Chromium; ends with one line "N passed, N failed" summing both.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .reports
rm -f .reports/vitest.json .reports/e2e.json

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "Chromium not found at $CHROMIUM: install it with 'apt-get update && apt-get install -y --no-install-recommends chromium' (or set CHROMIUM_PATH)." >&2
  exit 1
fi

npx vitest run --reporter=default --reporter=json --outputFile.json=.reports/vitest.json
vitest_status=$?
PLAYWRIGHT_JSON_OUTPUT_NAME=.reports/e2e.json npx playwright test --reporter=list,json
e2e_status=$?

node --input-type=module -e '
import { existsSync, readFileSync } from "node:fs";
const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);
const vitest = read(".reports/vitest.json");
const e2e = read(".reports/e2e.json");
let passed = 0, failed = 0;
if (vitest) { passed += vitest.numPassedTests; failed += vitest.numFailedTests; } else failed += 1;
if (e2e) { passed += e2e.stats.expected; failed += e2e.stats.unexpected + e2e.stats.flaky; } else failed += 1;
console.log(`${passed} passed, ${failed} failed`);
'
if [ $vitest_status -ne 0 ] || [ $e2e_status -ne 0 ]; then exit 1; fi
