/** The built-HTML checks of test/site, run after `npm run build` (they must not skip here). */
import { describe, expect, it } from 'vitest';
import { defineBuildHtmlChecks, distBuilt } from '../site/build-html.checks';

describe('built site (dist/)', () => {
  it('exists: run `npm run build` before the browser tests', () => {
    expect(distBuilt()).toBe(true);
  });
  if (distBuilt()) defineBuildHtmlChecks();
});
