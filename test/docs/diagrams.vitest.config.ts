// Renders the diagram components through Astro's container API, which needs Astro's Vite
// plugins; the main vitest config has none, so this check has its own config:
//   npx vitest run --config test/docs/diagrams.vitest.config.ts
import { getViteConfig } from 'astro/config';

// The site's astro.config is not loaded: the diagrams need no integration, and the check should
// not depend on the rest of the site being in a buildable state.
export default getViteConfig(
  { test: { include: ['test/docs/**/*.render-spec.ts'], testTimeout: 60_000 } },
  { configFile: false },
);
