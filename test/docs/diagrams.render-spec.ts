import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { test, expect } from 'vitest';
import Architecture from '../../src/components/diagrams/Architecture.astro';
import DeploymentPath from '../../src/components/diagrams/DeploymentPath.astro';
import Informer from '../../src/components/diagrams/Informer.astro';
import KubeadmInstall from '../../src/components/diagrams/KubeadmInstall.astro';
import Upgrade from '../../src/components/diagrams/Upgrade.astro';
import { writeFileSync } from 'node:fs';
test('render', async () => {
  const c = await AstroContainer.create();
  const all = { Architecture, DeploymentPath, Informer, KubeadmInstall, Upgrade };
  let html = '<html><body style="max-width:800px">';
  for (const [n, C] of Object.entries(all)) for (const lang of ['en', 'zh-CN']) {
    const out = await c.renderToString(C as any, { props: { lang } });
    expect(out).toContain('<title');
    html += out;
  }
  writeFileSync('/tmp/dg/out.html', html + '</body></html>');
});
