import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, vi } from "vitest";

// Each test file gets its own database file, so app modules that open
// DATABASE_PATH at import never touch the developer's data.
process.env.DATABASE_PATH = join(mkdtempSync(join(tmpdir(), "fdx-test-")), "app.db");

// A stray console.error means something failed quietly: fail the test.
afterEach(() => {
  const spy = vi.mocked(console.error);
  const first = spy.mock.calls[0];
  spy.mockClear();
  if (first) throw new Error(`console.error was called: ${String(first[0])}`);
});
vi.spyOn(console, "error");
