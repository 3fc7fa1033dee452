import { sqlite } from "~/db.server";
import { probeWrites } from "~/models/database-health.server";
import { databaseReachable } from "~/models/site.server";

/**
 * Liveness with the database: 200 when it answers a read and takes a write;
 * 503 otherwise, saying which (unreachable, or unwritable with the reason:
 * a full disk, a read-only file system, an I/O error, a lock held too long).
 */
export function loader() {
  const headers = { "Cache-Control": "no-store" };
  if (!databaseReachable(sqlite)) {
    return Response.json(
      { status: "unavailable", database: "unreachable" },
      { status: 503, headers },
    );
  }
  const writes = probeWrites(sqlite);
  if (!writes.ok) {
    return Response.json(
      { status: "unavailable", database: "unwritable", reason: writes.reason },
      { status: 503, headers },
    );
  }
  return Response.json({ status: "ok", database: "reachable" }, { status: 200, headers });
}
