/**
 * Every lab, in CI: its checks fail on the starting world, pass after the reference solution, and
 * stay failing — with a helpful message — after each near-miss solution of labs/<id>/tests.yaml.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { gradeLab } from '../../src/labs/grader';
import { LabTests } from '../../src/labs/schema';
import { gradeTargetFor, runSolution, startLab, stepOf } from '../../src/runtime/labs';
import { runScript } from '../../src/runtime/session';
import { labIds, loadCustomChecks, readLab, LABS_DIR } from '../../src/runtime/lab-files';
import '../../src/runtime/attachments';

for (const id of labIds()) {
  const read = readLab(id);
  if ('error' in read) throw new Error(read.error);
  const { lab, files } = read;
  const testsFile = join(LABS_DIR, id, 'tests.yaml');

  describe(`lab ${id}`, () => {
    it('has near-miss tests for every task', () => {
      expect(existsSync(testsFile), `${testsFile} is missing`).toBe(true);
      const tests = LabTests.parse(parse(readFileSync(testsFile, 'utf8')));
      for (const task of lab.tasks) expect(tests.nearMisses[task.id]?.length ?? 0, `near misses of ${task.id}`).toBeGreaterThanOrEqual(2);
    });

    it('starts cleanly, fails on the starting world and passes after the reference solution', async () => {
      const { world, setupErrors } = await startLab(lab, files);
      expect(setupErrors).toEqual([]);
      const before = await gradeLab(lab, gradeTargetFor(world), await loadCustomChecks(id));
      for (const t of before.tasks) expect(t.pass, `task ${t.id} passes on the starting world`).toBe(false);
      const runs = await runSolution(world, lab);
      for (const r of runs) expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
      const after = await gradeLab(lab, gradeTargetFor(world), await loadCustomChecks(id));
      const failing = after.tasks.flatMap((t) => t.checks.filter((c) => !c.pass).map((c) => `${t.id}: ${c.message.en}`));
      expect(failing).toEqual([]);
    });

    const tests = existsSync(testsFile) ? LabTests.parse(parse(readFileSync(testsFile, 'utf8'))) : { nearMisses: {} };
    lab.tasks.forEach((task, index) => {
      for (const miss of tests.nearMisses[task.id] ?? []) {
        it(`task ${task.id}: near miss "${miss.name}" fails with a helpful message`, async () => {
          const { world } = await startLab(lab, files);
          await runSolution(world, lab, lab.tasks.slice(0, index).map((t) => t.id));
          for (const step of miss.steps) {
            const s = stepOf(step, lab);
            await runScript(world, s.host, s.run, s.user);
          }
          const result = await gradeLab(lab, gradeTargetFor(world), await loadCustomChecks(id));
          const taskResult = result.tasks[index];
          expect(taskResult.pass).toBe(false);
          const messages = taskResult.checks.filter((c) => !c.pass).map((c) => c.message.en);
          expect(messages.join('\n')).toContain(miss.expectMessage);
        });
      }
    });
  });
}
