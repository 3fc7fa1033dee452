import { Outlet } from "@remix-run/react";

/** Signing in, signing up and password reset. */
export default function AuthLayout() {
  return <Outlet />;
}
