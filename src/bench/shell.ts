/**
 * Shell benchmarks:
 * - shell.parse_run_10k_lines: parse and run a 10 000-line script (assignments, arithmetic,
 *   conditionals, builtins) as `bash -s` in a fresh session.
 * - shell.pipeline_grep_awk_1mb: `grep … | awk …` over a 1 MB file of the simulated filesystem.
 */
import type { BenchResult } from '../cli/bench';
import { medianMs, result } from './_measure';
import { createWorld } from '../sim/create-world';
import { openSession, shellProgramNames } from '../shell/index';

function session(world = createWorld('machines', { seed: 1, programs: shellProgramNames() })) {
  const sink = { write: () => {} };
  return { world, s: openSession(world, { host: 'cka01', user: 'root', mode: 'stdin', stdout: sink, stderr: sink }) };
}

function script10k(): string {
  const lines: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    switch (i % 5) {
      case 0: lines.push(`x${i % 50}=$((i${i % 7} + ${i}))`); break;
      case 1: lines.push(`if [ "$x${i % 50}" = "${i}" ]; then y=1; else y=2; fi`); break;
      case 2: lines.push(`name="node-${i}"; echo "\${name%-*} \${#name}" > /dev/null`); break;
      case 3: lines.push(`case $y in 1) z=a;; *) z=b;; esac`); break;
      default: lines.push(`: "$z" $(( ${i} % 3 ))`);
    }
  }
  return lines.join('\n') + '\n';
}

export async function run(): Promise<BenchResult[]> {
  const text = script10k();
  const parseRun = await medianMs(async () => {
    const { s } = session();
    await s.feed(text);
    await s.finish();
  }, 3, 1);

  const { world } = session();
  const line = 'web-7d9f8c6b5-x2k4p   1/1   Running   0   12m   10.244.1.23   cka02\n';
  let data = '';
  while (data.length < 1_000_000) data += line.replace('x2k4p', String(data.length));
  world.resolveHost('cka01')!.rootFs.writeFile('/root/pods.txt', data);
  const pipeline = await medianMs(async () => {
    const { s } = session(world);
    await s.feed("grep Running /root/pods.txt | awk '{print $7}' > /dev/null\n");
    await s.finish();
  }, 5, 1);

  return [result('shell.parse_run_10k_lines', parseRun, 'ms'), result('shell.pipeline_grep_awk_1mb', pipeline, 'ms')];
}
