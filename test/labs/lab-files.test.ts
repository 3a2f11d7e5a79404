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

describe('schemas for editors', () => {
  it('labs/*.schema.json are generated from src/labs/schema.ts and up to date', async () => {
    const { labJsonSchemas } = await import('../../scripts/labs/schemas');
    for (const [file, text] of Object.entries(labJsonSchemas())) {
      expect(readFileSync(join(labsDir, file), 'utf8'), `labs/${file} is stale: run npx tsx scripts/labs/json-schema.ts`).toBe(text);
    }
  });

  it.each(ids)('%s names the schemas in its first lines, for YAML editors', (id) => {
    expect(readFileSync(join(labsDir, id, 'lab.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../lab.schema.json');
    expect(readFileSync(join(labsDir, id, 'tests.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../tests.schema.json');
  });
});
