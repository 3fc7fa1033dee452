import { sqlite } from "~/db.server";
import { databaseReachable } from "~/models/site.server";

/** Liveness with the database: 200 when it answers a read, 503 otherwise. */
export function loader() {
  const ok = databaseReachable(sqlite);
  return Response.json(
    { status: ok ? "ok" : "unavailable", database: ok ? "reachable" : "unreachable" },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
