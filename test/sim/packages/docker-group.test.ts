/** The docker group that Docker's packages create in their maintainer scripts (the socket's SocketGroup=docker). */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../../src/runtime/session';

describe('installing Docker creates the docker group', () => {
  it("Ubuntu's docker.io: addgroup --system takes the lowest free system GID; usermod -aG docker then works", async () => {
    const w = bootWorld('machines', 1);
    const before = await runScript(w, 'cka01', 'getent group docker; echo rc=$?');
    expect(before.stdout).toBe('rc=2\n');
    await runScript(w, 'cka01', 'apt-get update >/dev/null && apt-get install -y docker.io >/dev/null');
    const r = await runScript(w, 'cka01', 'getent group docker\ngrep "^docker:" /etc/gshadow\nusermod -aG docker root && id -nG root');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('docker:x:116:\ndocker:!::\nroot docker\n');
  });

  it("Docker's docker-ce: groupadd --system takes the highest free one; a reinstall keeps the group", async () => {
    const w = bootWorld('machines', 1);
    const setup = [
      'install -m 0755 -d /etc/apt/keyrings',
      'curl -fsSL https://download.docker.com/linux/ubuntu/gpg -o /etc/apt/keyrings/docker.asc',
      'echo "deb [arch=amd64 signed-by=/etc/apt/keyrings/docker.asc] https://download.docker.com/linux/ubuntu jammy stable" > /etc/apt/sources.list.d/docker.list',
      'apt-get update >/dev/null',
      'apt-get install -y docker-ce >/dev/null',
      'apt-get install -y --reinstall docker-ce >/dev/null',
    ].join('\n');
    const s = await runScript(w, 'cka01', setup);
    expect(s.status).toBe(0);
    const r = await runScript(w, 'cka01', 'grep -c "^docker:" /etc/group; getent group docker');
    expect(r.stdout).toBe('1\ndocker:x:999:\n');
  });
});
