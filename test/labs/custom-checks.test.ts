import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeLab } from '../../src/labs/grader';
import { loadCustomChecks, readLab } from '../../src/runtime/lab-files';
import { gradeTargetFor, runSolution, startLab } from '../../src/runtime/labs';

const FIXTURES = join(__dirname, 'fixtures');

describe("a lab's own TypeScript checks", () => {
  it('are loaded from labs/<id>/checks/ and graded like the others', async () => {
    const read = readLab('custom-lab', FIXTURES);
    if ('error' in read) throw new Error(read.error);
    const custom = await loadCustomChecks('custom-lab', FIXTURES);
    expect(Object.keys(custom)).toEqual(['spread-over-nodes']);
    const { world } = await startLab(read.lab, read.files);
    const before = await gradeLab(read.lab, gradeTargetFor(world), custom);
    expect(before.tasks[0].checks[0].message.en).toBe('web runs on 0 node(s); the task asks for 2.');
    await runSolution(world, read.lab);
    const after = await gradeLab(read.lab, gradeTargetFor(world), custom);
    expect(after.pass).toBe(true);
  });

  it('a missing module is reported, not thrown', async () => {
    const read = readLab('custom-lab', FIXTURES);
    if ('error' in read) throw new Error(read.error);
    const { world } = await startLab(read.lab, read.files);
    const r = await gradeLab(read.lab, gradeTargetFor(world), {});
    expect(r.tasks[0].checks[0].message.en).toBe('Check module "spread-over-nodes" is missing.');
  });
});
