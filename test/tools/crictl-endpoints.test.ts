/**
 * Which endpoint warning crictl (cri-tools v1.33.0) logs: cmd/crictl/main.go getRuntimeService
 * warns "runtime connect using default endpoints" when no runtime endpoint is set (flag, its env
 * var CONTAINER_RUNTIME_ENDPOINT, or the config file); getImageService falls back to the runtime
 * endpoint and warns "Image connect …" only when neither is set. The image commands (images,
 * inspecti, imagefsinfo, rmi: image.go) dial only the image service; ps, inspect and exec dial the
 * runtime service, then the image service (container.go:691-696, 553-558, exec.go:152-157).
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

const MISSING = 'WARN[0000] Config "/etc/crictl.yaml" does not exist, trying next: "/usr/bin/crictl.yaml" \n';
const warn = (what: string) =>
  `WARN[0000] ${what} using default endpoints: [unix:///run/containerd/containerd.sock unix:///run/crio/crio.sock unix:///var/run/cri-dockerd.sock]. As the default settings are now deprecated, you should set the endpoint instead. \n`;
const SOCK = 'unix:///run/containerd/containerd.sock';

describe('crictl endpoint warnings', () => {
  const world = bootWorld('cluster');
  const stderr = async (line: string) => (await runScript(world, 'cka01', `${line} >/dev/null`)).stderr;

  it('warns of the runtime default for runtime commands and of the image default for image commands', async () => {
    expect(await stderr('crictl ps')).toBe(`${MISSING}${warn('runtime connect')}${warn('Image connect')}`);
    expect(await stderr('crictl pods')).toBe(`${MISSING}${warn('runtime connect')}`);
    expect(await stderr('crictl images')).toBe(`${MISSING}${warn('Image connect')}`);
    expect(await stderr('crictl img')).toBe(`${MISSING}${warn('Image connect')}`);
  });

  it('takes an endpoint from the flags and their environment variables; the image service falls back to the runtime one', async () => {
    expect(await stderr(`crictl -r ${SOCK} images`)).toBe(MISSING);
    expect(await stderr(`crictl -i ${SOCK} images`)).toBe(MISSING);
    expect(await stderr(`crictl -i ${SOCK} ps`)).toBe(`${MISSING}${warn('runtime connect')}`);
    expect(await stderr(`CONTAINER_RUNTIME_ENDPOINT=${SOCK} crictl ps`)).toBe(MISSING);
    expect(await stderr(`IMAGE_SERVICE_ENDPOINT=${SOCK} crictl images`)).toBe(MISSING);
  });

  it("names the image API when an image command may not dial the socket", async () => {
    const r = await runScript(world, 'cka01', `useradd -m carol; su carol -c "crictl -r ${SOCK} images"; echo rc=$?`);
    expect(r.stdout).toBe('rc=1\n');
    expect(r.stderr).toBe(
      `${MISSING}FATA[0000] validate service connection: validate CRI v1 image API for endpoint "${SOCK}": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: permission denied"\n`,
    );
  });
});
