/**
 * kubectl cp into and out of a container, through exec with tar's messages; the file really lands
 * there. Out of a container it is `tar cf - PATH` there and untarAll here (kubectl v0.33 cp.go): tar's
 * messages on kubectl's standard output, symlinks skipped with a warning, tar's failure ending
 * kubectl with its exit code.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

describe('kubectl cp', () => {
  it('copies a file into a container and back out, and refuses a missing local file', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', 'kubectl run box --image=busybox -- sleep 3600\nkubectl wait --for=condition=Ready pod/box --timeout=60s');
    const run = await runScript(
      world,
      'cka01',
      [
        'echo "hello from the node" > /tmp/note.txt',
        'kubectl cp /tmp/note.txt box:/tmp/note.txt; echo "cp $?"',
        'kubectl exec box -- cat /tmp/note.txt',
        'kubectl cp box:/tmp/note.txt /tmp/back.txt && cat /tmp/back.txt',
        'kubectl cp /tmp/nonexist box:/tmp/x; echo "exit $?"',
      ].join('\n'),
    );
    // busybox's tar words its warning its own way (archival/libarchive/unsafe_prefix.c:30).
    expect(run.stdout).toBe("cp 0\nhello from the node\ntar: removing leading '/' from member names\nhello from the node\nexit 1\n");
    expect(run.stderr).toBe("error: /tmp/nonexist doesn't exist in local filesystem\n");
  });

  it('copies a directory out, skips symlinks with a warning (a configMap volume), and ends as tar does on a missing path', async () => {
    const world = bootWorld('cluster');
    await runScript(
      world,
      'cka01',
      `kubectl create configmap cfg --from-literal=color=blue
kubectl run web --image=nginx:1.27 --overrides='{"spec":{"containers":[{"name":"web","image":"nginx:1.27","volumeMounts":[{"name":"v","mountPath":"/cfg"}]}],"volumes":[{"name":"v","configMap":{"name":"cfg"}}]}}'
kubectl wait --for=condition=Ready pod/web --timeout=60s`,
    );
    const dir = await runScript(world, 'cka01', 'kubectl cp web:/usr/share/nginx/html out; echo "rc $?"; ls -d out out/index.html; head -c 15 out/index.html; echo');
    expect(dir.stdout).toBe("tar: Removing leading `/' from member names\nrc 0\nout\nout/index.html\n<!DOCTYPE html>\n");
    const link = await runScript(world, 'cka01', 'kubectl cp web:/cfg/color color.txt; echo "rc $?"; ls color.txt');
    expect(link.stdout).toBe("tar: Removing leading `/' from member names\nrc 0\n");
    expect(link.stderr).toBe('warning: skipping symlink: "color.txt" -> "..data/color" (consider using "kubectl exec -n "default" "web" -- tar cf - "/cfg/color" | tar xf -")\nls: cannot access \'color.txt\': No such file or directory\n');
    const missing = await runScript(world, 'cka01', 'kubectl cp web:/nope x; echo "rc $?"');
    expect(missing.stdout).toBe("tar: Removing leading `/' from member names\ntar: /nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\nrc 2\n");
    expect(missing.stderr).toBe('command terminated with exit code 2\n');
    const intoDir = await runScript(world, 'cka01', 'mkdir -p d; kubectl cp web:/usr/share/nginx/html/index.html d; echo "rc $?"');
    expect(intoDir.stderr).toBe('error: open d: is a directory\n');
  });

  it('copies a local directory into a directory of the container through tar, and fails as tar does on a read-only volume', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `kubectl create configmap cfg --from-literal=color=blue
kubectl run box --image=nginx:1.27 --overrides='{"spec":{"containers":[{"name":"box","image":"nginx:1.27","volumeMounts":[{"name":"v","mountPath":"/cfg"}]}],"volumes":[{"name":"v","configMap":{"name":"cfg"}}]}}'
kubectl wait --for=condition=Ready pod/box --timeout=60s`);
    // nginx's Debian image: GNU tar extracts.
    const dir = await runScript(world, 'cka01', 'mkdir -p site/sub && echo a > site/a.txt && echo b > site/sub/b.txt\nkubectl cp site box:/tmp; echo "rc $?"\nkubectl exec box -- cat /tmp/site/a.txt /tmp/site/sub/b.txt');
    expect(dir.stdout).toBe('rc 0\na\nb\n');
    const ro = await runScript(world, 'cka01', 'echo x > note.txt\nkubectl cp note.txt box:/cfg/; echo "rc $?"');
    expect(ro.stdout).toBe('rc 2\n');
    expect(ro.stderr).toBe('tar: note.txt: Cannot open: Read-only file system\ntar: Exiting with failure status due to previous errors\ncommand terminated with exit code 2\n');
  });
});
