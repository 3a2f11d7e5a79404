/**
 * The built HTML (dist/). `npm test` runs unit tests before the build, so this file skips when
 * dist/ is absent; the same checks run after the build from test/e2e/build-html.test.ts.
 */
import { describe } from 'vitest';
import { defineBuildHtmlChecks, distFresh } from './build-html.checks';

const fresh = distFresh();
if (!fresh) console.warn('test/site/build-html: skipped, dist/ is missing or older than content/docs; these checks run in `npm run test:e2e` after the build');

describe.skipIf(!fresh)('built site (dist/)', () => defineBuildHtmlChecks());
