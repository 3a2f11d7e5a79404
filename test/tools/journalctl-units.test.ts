/** journalctl -u A -u B shows the journal's own order: lines of both units written at one instant stay interleaved as written. */
import { describe, expect, it } from 'vitest';
import { run, worldOf } from './helpers';
import type { JournalEntry } from '../../src/sim/systemd/journal';

describe('journalctl with several units', () => {
  it('keeps the journal order of lines with the same timestamp', async () => {
    const w = worldOf('cluster');
    const machine = w.machines.get('cka01')!;
    const journal = (machine.ext.systemd as { journal: JournalEntry[] }).journal;
    const t = w.clock.now();
    // Two units writing at one instant, turn about (as a stop that spreads along BindsTo= does).
    for (const [unit, msg] of [['docker.service', 'a1'], ['containerd.service', 'b1'], ['docker.service', 'a2'], ['containerd.service', 'b2']])
      journal.push({ t, unit, ident: 'systemd', pid: 1, msg });
    const r = await run(w, 'journalctl -u docker -u containerd | tail -4 | sed "s/.*: //"');
    expect(r.stdout).toBe('a1\nb1\na2\nb2\n');
  });
});
