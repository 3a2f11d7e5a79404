import { describe, expect, it } from 'vitest';
import { freshWorld, run } from '../../tools/helpers';
import { agoText, klogPrefix, shortTime } from '../../../src/sim/systemd/journal';
import { memoryWithSwap } from '../../../src/sim/kernel/swap';

describe('journal formats', () => {
  it('formats times as journalctl, klog and systemctl do', () => {
    const t = Date.UTC(2026, 10, 22, 0, 40, 1, 250);
    expect(shortTime(t)).toBe('Nov 22 00:40:01');
    expect(klogPrefix('E', t, 1234, 'run.go:72')).toBe('E1122 00:40:01.250123    1234 run.go:72] ');
    // systemd's format_timestamp_relative(): the seconds go at 5 minutes, the minutes at 6 hours.
    expect(agoText(5 * 60_000)).toBe('5min ago');
    expect(agoText(7 * 60_000 + 12_000)).toBe('7min ago');
    expect(agoText(65_000)).toBe('1min 5s ago');
    expect(agoText(60_000)).toBe('1min 0s ago');
    expect(agoText(2 * 3_600_000)).toBe('2h 0min ago');
    expect(agoText(7 * 3_600_000 + 5 * 60_000)).toBe('7h ago');
    expect(agoText(26 * 3_600_000)).toBe('1 day 2h ago');
    expect(agoText(3 * 86_400_000)).toBe('3 days ago');
    expect(agoText(8 * 86_400_000)).toBe('1 week 1 day ago');
    expect(agoText(12_000)).toBe('12s ago');
    expect(agoText(420)).toBe('420ms ago');
    expect(agoText(0)).toBe('now');
  });
});

describe('journalctl', () => {
  it('-u UNIT -n N and combined -xeu show the unit lines; unknown units have no entries', async () => {
    const w = freshWorld();
    const fs = w.machines.get('cka01')!.rootFs;
    fs.writeFile('/usr/lib/systemd/system/demo.service', '[Unit]\nDescription=Demo service\n\n[Service]\nExecStart=/usr/bin/true\n\n[Install]\nWantedBy=multi-user.target\n');
    const r = await run(w, 'systemctl start demo\nsystemctl stop demo\njournalctl -u demo --no-pager -n 2\njournalctl -xeu demo | wc -l\njournalctl -u nothing');
    expect(r.stdout).toMatch(/^\w{3} \d\d \d\d:\d\d:\d\d cka01 systemd\[1\]: demo\.service: Deactivated successfully\.\n\w{3} \d\d \d\d:\d\d:\d\d cka01 systemd\[1\]: Stopped Demo service\.\n4\n-- No entries --\n$/);
  });
});

describe('free and swap', () => {
  it('memoryWithSwap follows /proc/swaps', async () => {
    const w = freshWorld();
    const fs = w.machines.get('cka01')!.rootFs;
    expect(memoryWithSwap(fs, 4096).swapTotal).toBe(4194300);
    await run(w, 'swapoff -a');
    expect(memoryWithSwap(fs, 4096).swapTotal).toBe(0);
  });
});
