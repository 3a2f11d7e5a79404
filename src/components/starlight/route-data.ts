/**
 * Starlight route middleware. A chapter with a terminal (frontmatter `sim`) gives the right-hand
 * column to the terminal, so it has no "On this page" table of contents.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  if ((route.entry.data as { sim?: unknown }).sim) route.toc = undefined;
});
