/**
 * crictl runp, create and run reading their config files (cri-tools v1.33.0 util.go
 * loadPodSandboxConfig, loadContainerConfig, openFile; the commands' wrapping in sandbox.go and
 * container.go), and metricsp / metricdescs against containerd 1.7, which does not implement them.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

const FILES = `cd /root
printf 'metadata:\\n  name: p\\n  attempt: 2\\n' > pod.yaml
printf '{"metadata": {"attempt": 1}}' > ctr.json
printf 'image:\\n  image: nginx\\n' > nometa.yaml
: > empty.yaml
`;

/** The last line of each command's stderr (logrus's FATA line: message padded to 44, then a space). */
async function lastLines(script: string): Promise<string> {
  const world = bootWorld('cluster');
  return (await runScript(world, 'cka01', FILES + script)).stdout;
}

describe('crictl runp, create, run: their config files', () => {
  it('names a missing file, an empty one, one without metadata or without its names', async () => {
    const out = await lastLines(
      ['crictl runp nothere.yaml', 'crictl runp empty.yaml', 'crictl runp nometa.yaml', 'crictl runp pod.yaml'].map((c) => `${c} 2>&1 | tail -1`).join('\n'),
    );
    expect(out.split('\n')).toEqual([
      'FATA[0000] load podSandboxConfig: config at nothere.yaml not found ',
      'FATA[0000] load podSandboxConfig: EOF                   ',
      'FATA[0000] load podSandboxConfig: metadata is not set   ',
      'FATA[0000] load podSandboxConfig: name, namespace or uid is not in metadata "&PodSandboxMetadata{Name:p,Uid:,Namespace:,Attempt:2,}" ',
      '',
    ]);
  });

  it('create reads the container file first; run reads the pod file first, after the image service', async () => {
    const out = await lastLines(
      [
        'crictl create abc ctr.json pod.yaml 2>&1 | tail -1',
        'crictl create abc nometa.yaml nothere.yaml 2>&1 | tail -1',
        'crictl run ctr.json pod.yaml 2>&1 | grep -v crictl.yaml | cut -c1-26',
        'crictl run --no-pull --with-pull ctr.json pod.yaml 2>&1 | tail -1',
      ].join('\n'),
    );
    expect(out.split('\n')).toEqual([
      'FATA[0000] creating container: name is not in metadata "&ContainerMetadata{Name:,Attempt:1,}" ',
      'FATA[0000] creating container: metadata is not set      ',
      'WARN[0000] Image connect u',
      'WARN[0000] runtime connect',
      'FATA[0000] running contain',
      'FATA[0000] conflict: no-pull and with-pull are both set ',
      '',
    ]);
  });

  it('a wrong number of arguments prints the command help before connecting', async () => {
    const out = await lastLines('crictl create a b 2>/dev/null | head -2; crictl run a 2>/dev/null | head -2');
    expect(out).toBe('NAME:\n   crictl create - Create a new container\nNAME:\n   crictl run - Run a new container inside a sandbox\n');
  });
});

describe('crictl metricsp and metricdescs on containerd 1.7', () => {
  it('fails with the Unimplemented status, wrapped by the command', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', 'crictl metricsp 2>&1 | tail -2; crictl metricdescs -o yaml 2>&1 | tail -1');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^E\d{4} [\d:.]+ +4211 log\.go:32\] "ListPodSandboxMetrics from runtime service failed" err="rpc error: code = Unimplemented desc = method ListPodSandboxMetrics not implemented"$/);
    expect(lines.slice(1)).toEqual([
      'FATA[0000] get pod metrics: list pod sandbox metrics: rpc error: code = Unimplemented desc = method ListPodSandboxMetrics not implemented ',
      'FATA[0000] get metric descriptors: list metric descriptors: rpc error: code = Unimplemented desc = method ListMetricDescriptors not implemented ',
      '',
    ]);
  });
});
