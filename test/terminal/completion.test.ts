import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiRequest, ApiTransport } from '../../src/sim/apiserver/types';
import { formatColumns, formatDescriptions } from '../../src/terminal/completion/columns';
import { kubectlSourceFromTransport } from '../../src/terminal/completion/kubectl-source';
import { createCompleter } from '../../src/terminal/completion/engine';
import { completeKubectl, loadKubectlCompletion, type KubectlCompletionSource } from '../../src/terminal/completion/kubectl';

// The recorded command tree loads on demand (the terminal loads it after its first prompt).
beforeAll(() => loadKubectlCompletion());
import { escapeForShell, splitForCompletion } from '../../src/terminal/completion/words';
import { memoryProvider } from './support/memory-provider';

const cluster: KubectlCompletionSource = {
  resourceTypes: () => ['configmaps', 'deployments.apps', 'namespaces', 'nodes', 'pods', 'services'],
  resourceNames: (resource, namespace) => {
    const ns = namespace ?? 'default';
    const table: Record<string, Record<string, string[]>> = {
      pods: { default: ['web-7d4b9c-abcde', 'web-7d4b9c-fghij', 'db-0'], 'kube-system': ['etcd-cka01', 'kube-apiserver-cka01'] },
      deployments: { default: ['web'], 'kube-system': ['coredns'] },
    };
    const kind = ({ po: 'pods', pod: 'pods', node: 'nodes', deploy: 'deployments', deployment: 'deployments', 'deployments.apps': 'deployments' } as Record<string, string>)[resource] ?? resource;
    if (kind === 'nodes') return ['cka01', 'cka02', 'cka03'];
    if (kind === 'namespaces') return ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
    return table[kind]?.[ns] ?? [];
  },
  containerNames: () => ['nginx', 'sidecar'],
  contexts: () => ['kubernetes-admin@kubernetes'],
};

const values = (words: string[]) => completeKubectl(words, cluster).candidates.map((c) => c.value);

describe('kubectl completion', () => {
  it('completes resource types, then names of that type in the namespace', () => {
    expect(values(['get', 'dep'])).toEqual(['deployments.apps']);
    expect(values(['get', 'pods', ''])).toEqual(['web-7d4b9c-abcde', 'web-7d4b9c-fghij', 'db-0']);
    expect(values(['get', 'pods', '-n', 'kube-system', 'etcd'])).toEqual(['etcd-cka01']);
    expect(values(['-n', 'kube-system', 'get', 'deploy', ''])).toEqual(['coredns']);
    expect(values(['get', 'pods', '--namespace=kube-system', 'kube'])).toEqual(['kube-apiserver-cka01']);
  });

  it('completes type/name words', () => {
    expect(values(['describe', 'deploy/'])).toEqual(['deploy/web']);
  });

  it('completes namespaces after -n and output formats after -o', () => {
    expect(values(['get', 'pods', '-n', 'kube-'])).toEqual(['kube-node-lease', 'kube-public', 'kube-system']);
    expect(values(['get', 'pods', '-o', 'ya'])).toEqual(['yaml']);
    expect(values(['get', 'pods', '--output=js'])).toEqual(['--output=json', '--output=jsonpath', '--output=jsonpath-as-json', '--output=jsonpath-file']);
  });

  it('completes node names for cordon, drain and taint node', () => {
    expect(values(['drain', 'cka0'])).toEqual(['cka01', 'cka02', 'cka03']);
    expect(values(['taint', ''])).toEqual(['node']);
    expect(values(['taint', 'node', 'cka02'])).toEqual(['cka02']);
  });

  it('completes pods and owner prefixes for logs, containers for its second argument', () => {
    expect(values(['logs', 'd'])).toEqual(['db-0', 'daemonsets/', 'deployments/']);
    expect(values(['logs', 'db-0', ''])).toEqual(['nginx', 'sidecar']);
  });

  it('completes rollout subcommands and only their resource types', () => {
    expect(values(['rollout', 'st'])).toEqual(['status']);
    expect(values(['rollout', 'status', ''])).toEqual(['deployment', 'daemonset', 'statefulset']);
    expect(values(['rollout', 'status', 'deployment', ''])).toEqual(['web']);
  });

  it('offers files after -f, and files only where cobra lets bash fall back to them', () => {
    expect(completeKubectl(['apply', '-f', 'x'], cluster).files).toBe(true);
    expect(completeKubectl(['create', 'token', ''], cluster)).toEqual({ candidates: [], files: false });
    // `kubectl version` keeps cobra's default directive: bash then offers file names, as the real one does.
    expect(completeKubectl(['version', ''], cluster).files).toBe(true);
  });

  it('has nothing to offer for names without a cluster source', () => {
    expect(completeKubectl(['get', 'pods', ''], undefined).candidates).toEqual([]);
  });

  it('completes contexts for config use-context', () => {
    expect(values(['config', 'use-context', ''])).toEqual(['kubernetes-admin@kubernetes']);
  });
});

describe('completion engine', () => {
  const provider = memoryProvider({ 'a.yaml': '', 'b dir': null, 'b dir/x.txt': '' }, {
    kubectl: cluster,
    aliases: () => ({ k: 'kubectl' }),
    hostNames: () => ['cka01', 'cka02', 'cka03'],
    unitNames: () => ['containerd.service', 'kubelet.service'],
  });
  const complete = createCompleter(provider);
  const vals = (line: string) => complete(line, line.length).candidates.map((c) => c.value);

  it('completes commands after a pipe and after sudo', () => {
    expect(vals('cat a.yaml | kubec')).toEqual(['kubectl']);
    expect(vals('sudo kubea')).toEqual(['kubeadm']);
  });

  it('completes only directories and executables for a command with a slash', () => {
    const p = memoryProvider({ 'run.sh': '', 'notes.txt': '', bin: null });
    const exec = createCompleter({ ...p, listDirectory: (path) => p.listDirectory(path)?.map((e) => ({ ...e, isExecutable: e.name === 'run.sh' })) ?? null });
    expect(exec('./', 2).candidates.map((c) => c.value)).toEqual(['./bin', './run.sh']);
    expect(exec('cat ./', 6).candidates.map((c) => c.value)).toEqual(['./bin', './notes.txt', './run.sh']);
  });

  it('follows the alias k as kubectl', () => {
    expect(vals('k get no')).toEqual(['nodes']);
  });

  it('escapes file names and completes inside quotes', () => {
    expect(vals('cat b')).toEqual(['b\\ dir']);
    expect(vals('cat "b')).toEqual(['"b dir']);
    expect(vals('cat b\\ dir/')).toEqual(['b\\ dir/x.txt']);
  });

  it('completes systemctl verbs then units, ssh hosts', () => {
    expect(vals('systemctl rest')).toEqual(['restart']);
    expect(vals('systemctl restart ku')).toEqual(['kubelet.service']);
    expect(vals('ssh root@cka0')).toEqual(['root@cka01', 'root@cka02', 'root@cka03']);
  });

  it('reports the word range it replaces', () => {
    expect(complete('cat a.y && ls', 7)).toMatchObject({ start: 4, end: 7 });
  });
});

describe('completion words', () => {
  it('treats the text after a separator as a new command', () => {
    expect(splitForCompletion('echo a; kubectl g').words).toEqual(['kubectl', 'g']);
    expect(splitForCompletion('ls 2>er').afterRedirect).toBe(true);
  });

  it('round-trips any file name through escaping', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }).filter((s) => !/[\n\\]/.test(s)), (name) => {
        const info = splitForCompletion(`cat ${escapeForShell(name)}`);
        expect(info.words[info.words.length - 1]).toBe(name);
      }),
    );
  });
});

describe('list layout', () => {
  it('fills columns top to bottom like readline', () => {
    expect(formatColumns(['a', 'bb', 'ccc', 'd', 'e'], 12)).toEqual(['a    d', 'bb   e', 'ccc']);
  });

  it('cuts long descriptions with an ellipsis to the width', () => {
    const [line] = formatDescriptions([{ value: '--x', description: 'a'.repeat(100) }], 40);
    expect(line).toBe(`--x  (${'a'.repeat(32)}…)`);
    expect(Array.from(line).length).toBe(40);
  });
});

describe('kubectl completion source over the API', () => {
  const transport: ApiTransport = {
    discovery: () => ({
      groups: [
        { name: '', versions: [{ groupVersion: 'v1', version: 'v1' }], preferredVersion: { groupVersion: 'v1', version: 'v1' } },
        { name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } },
      ],
      resourceLists: [
        {
          kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'v1',
          resources: [
            { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'], shortNames: ['po'] },
            { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] },
            { name: 'bindings', singularName: 'binding', namespaced: true, kind: 'Binding', verbs: ['create'] },
          ],
        },
        { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'apps/v1', resources: [{ name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', verbs: ['get', 'list'], shortNames: ['deploy'] }] },
      ],
    }),
    request: <T>(req: ApiRequest) => {
      if (req.resource === 'pods' && req.namespace === 'default') {
        return { code: 200, body: { items: [{ metadata: { name: 'web-1' }, spec: { containers: [{ name: 'nginx' }] } }] } as T };
      }
      return { code: 200, body: { items: [] } as T };
    },
    watch: () => ({ stop() {} }),
  };
  const source = kubectlSourceFromTransport(() => transport);

  it('lists gettable types as api-resources -o name does, and names by any alias of a type', () => {
    expect(source.resourceTypes()).toEqual(['deployments.apps', 'pods']);
    expect(source.resourceNames('po')).toEqual(['web-1']);
    expect(source.resourceNames('pods', 'kube-system')).toEqual([]);
    expect(source.resourceNames('nothing')).toEqual([]);
    expect(source.containerNames!('web-1')).toEqual(['nginx']);
  });

  it('offers nothing when the API server is unreachable', () => {
    const down = kubectlSourceFromTransport(() => undefined);
    expect(down.resourceTypes()).toEqual([]);
    expect(down.resourceNames('pods')).toEqual([]);
  });
});

describe('kubectl completion before its data has loaded', () => {
  it('is loaded once: every caller waits for the same load, then the recorded tree completes', async () => {
    expect(loadKubectlCompletion()).toBe(loadKubectlCompletion());
    await loadKubectlCompletion();
    expect(completeKubectl(['completion', '']).candidates.map((c) => c.value).sort()).toEqual(['bash', 'fish', 'powershell', 'zsh']);
  });
});
