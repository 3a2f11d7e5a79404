/**
 * crictl completion, update, checkpoint, attach and port-forward (cri-tools v1.33.0 completion.go,
 * container.go, attach.go, portforward.go) against containerd 1.7's CRI answers (pkg/cri/server).
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

/** The command names and aliases, and the global flags' first names, as `crictl --help` lists them. */
function wordsOfHelp(help: string): string[] {
  const section = (title: string) => help.split(`${title}:\n`)[1].split('\n\n')[0].split('\n').filter((l) => l.trim());
  const names = section('COMMANDS').flatMap((l) => l.trim().split(/\s{2,}/)[0].split(', '));
  const flags = section('GLOBAL OPTIONS').map((l) => l.trim().split(/[ ,]/)[0]);
  return [...names, ...flags];
}

describe('crictl completion', () => {
  it('prints the bash script with every command name, alias and global flag (bash by default)', async () => {
    const world = bootWorld('cluster');
    const help = await runScript(world, 'cka01', 'crictl --help 2>/dev/null');
    const bash = await runScript(world, 'cka01', 'crictl completion 2>/dev/null');
    const named = await runScript(world, 'cka01', 'crictl completion bash 2>/dev/null');
    expect(named.stdout).toBe(bash.stdout);
    const opts = /opts="([^"]*)"/.exec(bash.stdout)![1].split('\n');
    expect(opts).toEqual(wordsOfHelp(help.stdout));
    expect(bash.stdout.startsWith('_crictl() {\n    local cur opts base\n    COMPREPLY=()\n    cur="${COMP_WORDS[COMP_CWORD]}"\n')).toBe(true);
    expect(bash.stdout.endsWith('"\n    COMPREPLY=( $(compgen -W "${opts}" -- ${cur}) )\n    return 0\n}\n\ncomplete -F _crictl crictl\n')).toBe(true);
    expect(bash.status).toBe(0);
  });

  it('prints the zsh script with each name and its usage; another shell is refused', async () => {
    const world = bootWorld('cluster');
    const zsh = await runScript(world, 'cka01', 'crictl completion zsh 2>/dev/null');
    expect(zsh.stdout.split('\n').slice(0, 5)).toEqual(['#compdef crictl', '', '_crictl() {', '  local -a cmds', zsh.stdout.split('\n')[4]]);
    expect(zsh.stdout).toContain("'ps:List containers' 'pull:Pull an image from a registry'");
    expect(zsh.stdout).toContain("opts=('--config' '--debug' ");
    expect(zsh.stdout.endsWith("  return\n}\n\ncompdef _crictl crictl\n")).toBe(true);
    const other = await runScript(world, 'cka01', 'crictl completion tcsh 2>&1 | tail -1');
    expect(other.stdout).toBe('FATA[0000] only bash, zsh or fish are supported         \n');
  });
});

describe('crictl update, checkpoint, attach, port-forward on containerd', () => {
  it('update prints each container it changed; an unknown ID is containerd NotFound', async () => {
    const world = bootWorld('cluster');
    const ok = await runScript(world, 'cka01', 'ID=$(crictl ps -q --name etcd 2>/dev/null); crictl update --memory 268435456 $ID 2>/dev/null | grep -c "^$ID$"');
    expect(ok.stdout).toBe('1\n');
    const missing = await runScript(world, 'cka01', 'crictl update --memory 1 nope 2>&1 | tail -2');
    expect(missing.stdout).toMatch(/log\.go:32\] "UpdateContainerResources from runtime service failed" err="rpc error: code = NotFound desc = failed to find container: not found" containerID="nope"\n/);
    expect(missing.stdout).toMatch(/FATA\[0000\] updating container resources for "nope": rpc error: code = NotFound desc = failed to find container: not found \n$/);
    const none = await runScript(world, 'cka01', 'crictl update 2>&1 | tail -1');
    expect(none.stdout).toBe('FATA[0000] ID cannot be empty                           \n');
  });

  it('checkpoint needs --export first; containerd 1.7 does not implement it', async () => {
    const world = bootWorld('cluster');
    const noExport = await runScript(world, 'cka01', 'crictl checkpoint abc 2>&1 | tail -1');
    expect(noExport.stdout).toBe('FATA[0000] cannot checkpoint a container without specifying the checkpoint destination. Use --export=/path/to/checkpoint.tar \n');
    const r = await runScript(world, 'cka01', 'crictl checkpoint --export=/tmp/c.tar abc 2>&1 | tail -1; crictl checkpoint -e /tmp/c.tar abc 2>/dev/null; echo $?');
    expect(r.stdout).toBe('FATA[0000] checkpointing the container "abc" failed: rpc error: code = Unimplemented desc = method CheckpointContainer not implemented \n1\n');
  });

  it('attach and port-forward name what containerd cannot find', async () => {
    const world = bootWorld('cluster');
    const attach = await runScript(world, 'cka01', 'crictl attach nope 2>&1 | tail -1; crictl attach 2>&1 | tail -1');
    expect(attach.stdout).toBe(
      'FATA[0000] attaching running container failed: rpc error: code = NotFound desc = failed to find container in store: not found \n' +
        'FATA[0000] ID cannot be empty                           \n',
    );
    const pf = await runScript(world, 'cka01', 'crictl port-forward nope 8080:80 2>&1 | tail -1');
    expect(pf.stdout).toBe('FATA[0000] port forward: rpc error: code = NotFound desc = failed to find sandbox "nope": not found \n');
    // One argument only: the command's help, before any connection.
    const help = await runScript(world, 'cka01', 'crictl port-forward nope 2>/dev/null | head -2');
    expect(help.stdout).toBe('NAME:\n   crictl port-forward - Forward local port to a pod\n');
  });
});

describe('crictl attach to a running container', () => {
  it("streams the container's output from now on until it exits, then exits 0", async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `kubectl run ticker --image=busybox:1.36 --restart=Never -- sh -c 'i=0; while [ $i -lt 5 ]; do echo tick $i; i=$((i+1)); sleep 2; done'; sleep 3`);
    const r = await runScript(world, 'cka02', 'crictl attach $(crictl ps -q --name ticker 2>/dev/null) 2>/dev/null; echo "exit $?"');
    // What it wrote before the attach is not shown: only the lines after, up to its exit.
    expect(r.stdout).toMatch(/^(tick [1-4]\n)+exit 0\n$/);
    expect(r.stdout).toContain('tick 4\n');
    const logs = await runScript(world, 'cka02', 'crictl logs $(crictl ps -a -q --name ticker 2>/dev/null) 2>/dev/null');
    expect(logs.stdout).toBe('tick 0\ntick 1\ntick 2\ntick 3\ntick 4\n');
  });
});

describe('crictl port-forward to a ready sandbox', () => {
  it('reports each port as the forwarder does (a hand-driven clock returns at once)', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(world, 'cka01', 'crictl port-forward $(crictl pods -q --name etcd 2>/dev/null) 2379 8080:80 2>/dev/null; echo "exit $?"');
    expect(r.stdout).toBe('Forwarding from 127.0.0.1:2379 -> 2379\nForwarding from [::1]:2379 -> 2379\nForwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\nexit 0\n');
  });
});
