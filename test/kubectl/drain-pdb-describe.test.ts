/** kubectl describe pdb in describe.go's layout: one tabwriter for the whole text, Status at level 2. */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

describe('kubectl describe pdb', () => {
  it('prints the budget, selector and status counts, and no reason after a can-i without one', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', 'kubectl create deployment web --image=nginx --replicas=3; kubectl create pdb web --selector=app=web --min-available=2; sleep 30');
    const r = await runScript(world, 'cka01', 'kubectl describe pdb web');
    expect(r.stdout).toBe(
      [
        'Name:           web',
        'Namespace:      default',
        'Min available:  2',
        'Selector:       app=web',
        'Status:',
        '    Allowed disruptions:  1',
        '    Current:              3',
        '    Desired:              2',
        '    Total:                3',
        'Events:                   <none>',
        '',
      ].join('\n'),
    );
    const can = await runScript(world, 'cka01', 'kubectl auth can-i create pods --as=bob');
    expect(can).toMatchObject({ stdout: 'no\n', status: 1 });
  });
});
