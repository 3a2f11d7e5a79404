/**
 * Diagrams are accessible in both languages: every diagram has a title and a description in English
 * and Chinese, the shared frame renders them as <title>/<desc> of a role="img" SVG that scales, and
 * every diagram component draws its texts through that frame.
 * (The rendering itself is checked by diagrams.render-spec.ts with Astro's container.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagramLabels, diagramTexts } from '../../src/components/diagrams/texts';
import { pickLang } from '../../src/components/diagrams/types';
import { repoRoot } from './chapters';

const diagramsDir = join(repoRoot, 'src', 'components', 'diagrams');
/** The frame (figure, layout switch) and the drawing itself; every other .astro file is a diagram. */
const frameFiles = new Set(['Diagram.astro', 'DiagramSvg.astro']);
const components = readdirSync(diagramsDir).filter((name) => name.endsWith('.astro') && !frameFiles.has(name));
const cjk = /[\u3400-\u9fff]/;

describe('diagram texts', () => {
  for (const [name, texts] of Object.entries(diagramTexts)) {
    it(`${name} has a title and a description in English and Chinese`, () => {
      for (const lang of ['en', 'zh-CN'] as const) {
        expect(texts[lang].title.trim().length).toBeGreaterThan(10);
        expect(texts[lang].desc.trim().length).toBeGreaterThan(40);
      }
      expect(cjk.test(texts.en.title + texts.en.desc)).toBe(false);
      expect(cjk.test(texts['zh-CN'].title)).toBe(true);
      expect(cjk.test(texts['zh-CN'].desc)).toBe(true);
    });
  }

  it('has the same label keys in both languages', () => {
    expect(Object.keys(diagramLabels['zh-CN']).sort()).toEqual(Object.keys(diagramLabels.en).sort());
  });

  it('picks Chinese for zh, zh-CN and zh-cn, English otherwise', () => {
    expect(['zh', 'zh-CN', 'zh-cn'].map(pickLang)).toEqual(['zh-CN', 'zh-CN', 'zh-CN']);
    expect(['en', 'fr', undefined].map(pickLang)).toEqual(['en', 'en', 'en']);
  });
});

describe('diagram frame', () => {
  const frame = readFileSync(join(diagramsDir, 'DiagramSvg.astro'), 'utf8');
  const figure = readFileSync(join(diagramsDir, 'Diagram.astro'), 'utf8');

  it('shows exactly one layout at a time, the narrow one on small screens', () => {
    expect(figure).toMatch(/svg\.layout-narrow\) \{ display: none; \}/);
    expect(figure).toMatch(/@media \(max-width: [\d.]+rem\) \{[^}]*svg\.layout-wide\) \{ display: none; \}/);
    expect(figure).toContain('<figcaption>{text.title}</figcaption>');
  });

  it('is an accessible, scalable SVG', () => {
    expect(frame).toContain('role="img"');
    expect(frame).toMatch(/<title id=\{titleId\}>\{text\.title\}<\/title>/);
    expect(frame).toMatch(/<desc id=\{descId\}>\{text\.desc\}<\/desc>/);
    expect(frame).toContain('aria-labelledby');
    expect(frame).toContain('viewBox=');
    expect(frame).toContain('width="100%"');
  });

  it('takes its colours from theme custom properties or currentColor, never a bare colour', () => {
    const fills = [...frame.matchAll(/(?:fill|stroke)(?:=|: )"?([^";\s]+)/g)].map((match) => match[1]);
    for (const value of fills) expect(value === 'currentColor' || value === 'none' || value.startsWith('var(--sl-')).toBe(true);
  });
});

describe('diagram components', () => {
  it('exist for the architecture, a Deployment path, informers, kubeadm install, HA and upgrade', () => {
    expect(components.sort()).toEqual(['Architecture.astro', 'DeploymentPath.astro', 'HaTopology.astro', 'Informer.astro', 'KubeadmInstall.astro', 'Upgrade.astro']);
  });

  for (const component of components) {
    it(`${component} takes a lang prop and draws through the accessible frame`, () => {
      const source = readFileSync(join(diagramsDir, component), 'utf8');
      expect(source).toContain('pickLang(Astro.props.lang)');
      expect(source).toMatch(/text=\{diagramTexts(\.\w+|\['[\w-]+'\])\[lang\]\}/);
      expect(source).toContain('<Diagram ');
    });
  }
});
