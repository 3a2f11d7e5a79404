import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLabErrors, parseLab } from '../../src/labs/loader';

const labsDir = join(__dirname, '..', '..', 'labs');
const ids = existsSync(labsDir) ? readdirSync(labsDir).filter((d) => existsSync(join(labsDir, d, 'lab.yaml'))) : [];

describe('lab files', () => {
  it('there are labs', () => expect(ids.length).toBeGreaterThanOrEqual(2));

  it.each(ids)('%s is valid and its id matches its folder', (id) => {
    const file = `labs/${id}/lab.yaml`;
    const r = parseLab(file, readFileSync(join(labsDir, id, 'lab.yaml'), 'utf8'));
    if (!r.ok) throw new Error(formatLabErrors(r.errors));
    expect(r.lab.id).toBe(id);
    const taskIds = r.lab.tasks.map((t) => t.id);
    expect(new Set(taskIds).size).toBe(taskIds.length);
  });
});
