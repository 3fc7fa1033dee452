import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endCurrentSession } from "~/auth/session.server";

/** Signing out is a POST (a link could be followed by anyone's page). */
export async function action({ request }: ActionFunctionArgs) {
  return endCurrentSession(request, "/");
}

export function loader() {
  return redirect("/");
}
