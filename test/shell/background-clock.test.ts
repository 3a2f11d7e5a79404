/**
 * Background jobs under a hand-driven clock (the headless CLI, tests): a job's sleeps wait for
 * the foreground to move time, as they would on a real machine, instead of moving the world
 * forward at once. The expected outputs are bash 5's own for the same scripts (run with
 * `bash FILE`); job texts keep a list on one line, as jobs prints it.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/shell/session';
import { programs } from '../../src/shell/commands/index';
import { freshWorld } from './differential/harness';

async function run(script: string): Promise<string> {
  let out = '';
  const session = new Session({ world: freshWorld(), programs, host: 'cka01', user: 'root', mode: 'stdin', stdout: { write: (s) => void (out += s) }, stderr: { write: (s) => void (out += s) } });
  await session.feed(script);
  await session.finish();
  return out;
}

describe('background jobs on a hand-driven clock', () => {
  it('sleep in the background while the foreground moves time; wait moves it to the end of the job', async () => {
    const out = await run(`(sleep 3; echo bg-done) &
jobs
sleep 1
echo "mid $SECONDS"
jobs
sleep 3
echo "after $SECONDS"
jobs
{ sleep 2; echo waited; } &
wait
echo "waited $SECONDS"
sleep 1 & sleep 1 &
wait $!
echo "status $? at $SECONDS"
`);
    expect(out).toBe(`[1]+  Running                 ( sleep 3; echo bg-done ) &
mid 1
[1]+  Running                 ( sleep 3; echo bg-done ) &
bg-done
after 4
[1]+  Done                    ( sleep 3; echo bg-done )
waited
waited 6
status 0 at 7
`);
  });

  it("prints a job's lists on one line, and a loop's body as bash lays it out", async () => {
    const out = await run(`{ sleep 2; echo y; } &
( sleep 1
echo x
sleep 1 ) &
(sleep 1 & sleep 2) >/dev/null &
while true; do sleep 1; echo a; done >/dev/null &
jobs
kill %4
`);
    expect(out).toBe(`[1]   Running                 { sleep 2; echo y; } &
[2]   Running                 ( sleep 1; echo x; sleep 1 ) &
[3]-  Running                 ( sleep 1 & sleep 2 ) > /dev/null &
[4]+  Running                 while true; do
    sleep 1; echo a;
done > /dev/null &
x
y
`);
  });
});
