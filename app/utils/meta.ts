import { isRouteErrorResponse, type MetaDescriptor } from "@remix-run/react";

interface RootTitles {
  titles: { notFound: string; forbidden: string; error: string };
}

interface MetaArgs {
  data: unknown;
  error?: unknown;
  matches: { id: string; data: unknown }[];
}

/**
 * The page's <title> and description from its loader data; when the page
 * failed, a translated "not found" or "error" title from the root loader, so
 * error pages have a real title inside <head> too.
 */
export function pageMeta({ data, error, matches }: MetaArgs): MetaDescriptor[] {
  const page = data as { title?: string; description?: string } | undefined;
  if (page?.title) {
    return page.description
      ? [{ title: page.title }, { name: "description", content: page.description }]
      : [{ title: page.title }];
  }
  const root = matches.find((match) => match.id === "root")?.data as RootTitles | undefined;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title =
    status === 404
      ? root?.titles.notFound
      : status === 403
        ? root?.titles.forbidden
        : root?.titles.error;
  return [{ title: title ?? "" }];
}
