import { Outlet } from "@remix-run/react";

/** The public storefront: no sign-in needed for anything under this layout. */
export default function StoreLayout() {
  return <Outlet />;
}
