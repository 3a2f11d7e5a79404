/**
 * `kubectl get events` as the server's Event table prints it (printers.go printEvent): the wide
 * columns in their place (SUBOBJECT and SOURCE before MESSAGE), SOURCE from the reporting
 * controller and instance for events.k8s.io/v1 events (the scheduler's), LAST SEEN without the
 * "(xN over …)" of `kubectl events`, COUNT from the count (1 when unset).
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

describe('kubectl get events', () => {
  it('prints the scheduler\'s and the kubelet\'s events in the server table\'s columns', async () => {
    const world = bootWorld('cluster');
    const r = await runScript(
      world,
      'cka01',
      [
        'kubectl run web --image=nginx >/dev/null',
        'sleep 30',
        'kubectl get events -o wide --field-selector involvedObject.name=web --sort-by=.metadata.name | sed -E "s/ +/ /g"',
        'kubectl run bad --image=nginx:no-such-tag >/dev/null',
        'sleep 120',
        'kubectl get events --field-selector involvedObject.name=bad,reason=BackOff | sed -E "s/ +/ /g"',
        'kubectl get events -o wide --field-selector involvedObject.name=bad,reason=BackOff | sed -E "s/ +/ /g" | awk \'{print $(NF-1)}\'',
      ].join('\n'),
    );
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('LAST SEEN TYPE REASON OBJECT SUBOBJECT SOURCE MESSAGE FIRST SEEN COUNT NAME');
    expect(lines.find((l) => l.includes(' Scheduled '))).toMatch(/^\d+s Normal Scheduled pod\/web default-scheduler, default-scheduler-cka01 Successfully assigned default\/web to cka0[23] \d+s 1 web\.[0-9a-f]+$/);
    expect(lines.find((l) => l.includes(' Started '))).toMatch(/^\d+s Normal Started pod\/web spec.containers\{web\} kubelet, cka0[23] Started container web \d+s 1 web\.[0-9a-f]+$/);
    const backoffHeader = lines.findIndex((l) => l === 'LAST SEEN TYPE REASON OBJECT MESSAGE');
    expect(backoffHeader).toBeGreaterThan(0);
    // LAST SEEN is only the last time, even for an event seen many times
    expect(lines[backoffHeader + 1]).toMatch(/^\d+s Normal BackOff pod\/bad Back-off pulling image "nginx:no-such-tag"$/);
    // and its COUNT (the wide table's last but one column) says how many times
    expect(lines[backoffHeader + 2]).toBe('COUNT');
    expect(Number(lines[backoffHeader + 3])).toBeGreaterThan(1);
  });
});
