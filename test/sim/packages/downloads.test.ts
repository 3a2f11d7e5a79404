import { beforeAll, describe, expect, it } from 'vitest';
import { freshWorld, run, usePackageNetwork } from '../../tools/helpers';
import { downloadArtefact } from '../../../src/sim/packages/downloads';

beforeAll(() => usePackageNetwork());

describe('release artefacts', () => {
  it('serves the containerd tarball that the shell tar unpacks into /usr/local/bin', async () => {
    const w = freshWorld();
    const r = await run(w, 'curl -fsSL https://github.com/containerd/containerd/releases/download/v1.7.18/containerd-1.7.18-linux-amd64.tar.gz -o /root/c.tgz\ntar Cxzf /usr/local /root/c.tgz\nls /usr/local/bin\ncurl -fsSL https://raw.githubusercontent.com/containerd/containerd/main/containerd.service -o /etc/systemd/system/containerd.service\nsystemctl daemon-reload; systemctl enable --now containerd 2>/dev/null; systemctl is-active containerd');
    expect(r.stdout).toBe('containerd\ncontainerd-shim-runc-v2\ncontainerd-stress\nctr\nactive\n');
  });

  it('answers 404 for unknown paths on known hosts and nothing for unknown hosts', () => {
    expect(downloadArtefact('https://github.com/nope')?.status).toBe(404);
    expect(downloadArtefact('https://example.invalid/x')).toBeUndefined();
  });
});
