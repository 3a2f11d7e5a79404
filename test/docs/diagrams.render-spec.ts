/**
 * Renders every diagram in both languages with Astro's container API and checks the SVG a reader
 * (or a screen reader) gets: role="img", a <title> and <desc> in the requested language referenced by
 * aria-labelledby, a viewBox, and labels drawn as <text>.
 * Run: npx vitest run --config test/docs/diagrams.vitest.config.ts
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, it } from 'vitest';
import Architecture from '../../src/components/diagrams/Architecture.astro';
import DeploymentPath from '../../src/components/diagrams/DeploymentPath.astro';
import HaTopology from '../../src/components/diagrams/HaTopology.astro';
import Informer from '../../src/components/diagrams/Informer.astro';
import KubeadmInstall from '../../src/components/diagrams/KubeadmInstall.astro';
import Upgrade from '../../src/components/diagrams/Upgrade.astro';
import { diagramTexts, type DiagramName } from '../../src/components/diagrams/texts';

const components: Array<[DiagramName, unknown]> = [
  ['architecture', Architecture],
  ['deployment-path', DeploymentPath],
  ['ha', HaTopology],
  ['informer', Informer],
  ['kubeadm-install', KubeadmInstall],
  ['upgrade', Upgrade],
];

/** Diagrams too wide to read on a phone carry a second, stacked layout. */
const withNarrowLayout = new Set<DiagramName>(['architecture', 'informer']);

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;').replace(/"/g, '&quot;');
}

/** An element with the given id and text; in dev builds Astro adds source-location attributes. */
function element(tag: string, id: string, text: string): RegExp {
  const literal = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`<${tag} id="${literal(id)}"[^>]*>${literal(escapeHtml(text))}</${tag}>`);
}

describe('diagrams render', async () => {
  const container = await AstroContainer.create();

  for (const [name, component] of components) {
    for (const lang of ['en', 'zh-CN'] as const) {
      it(`${name} (${lang})`, async () => {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const html = await container.renderToString(component as any, { props: { lang } });
        const text = diagramTexts[name][lang];
        expect(html).toContain('role="img"');
        expect(html).toMatch(/viewBox="0 0 \d+ \d+"/);
        expect(html).toMatch(element('title', `diagram-${name}-${lang}-title`, text.title));
        expect(html).toMatch(element('desc', `diagram-${name}-${lang}-desc`, text.desc));
        expect(html).toContain(`aria-labelledby="diagram-${name}-${lang}-title diagram-${name}-${lang}-desc"`);
        expect((html.match(/<text /g) ?? []).length).toBeGreaterThan(5);
        if (withNarrowLayout.has(name)) {
          expect(html).toMatch(element('title', `diagram-${name}-${lang}-narrow-title`, text.title));
          expect(html).toContain('class="layout-narrow"');
        }
      });
    }
  }
});
