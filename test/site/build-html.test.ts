/**
 * The built HTML (dist/). `npm test` runs unit tests before the build, so this file skips when
 * dist/ is absent; the same checks run after the build from test/e2e/build-html.test.ts.
 */
import { describe } from 'vitest';
import { defineBuildHtmlChecks, distBuilt } from './build-html.checks';

const built = distBuilt();
if (!built) console.warn('test/site/build-html: dist/ not built yet; these checks run again in `npm run test:e2e`');

describe.skipIf(!built)('built site (dist/)', () => defineBuildHtmlChecks());
