/**
 * Writes `labs/lab.schema.json` and `labs/tests.schema.json` for YAML editors: lab files name them in
 * their first line (`# yaml-language-server: $schema=../lab.schema.json`), so an editor completes
 * fields and flags mistakes while the author types. Run `npx tsx scripts/labs/json-schema.ts` after
 * changing src/labs/schema.ts; a test fails while they are stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labJsonSchemas } from './schemas';

for (const [file, text] of Object.entries(labJsonSchemas())) writeFileSync(join('labs', file), text);
console.log('wrote labs/lab.schema.json and labs/tests.schema.json');
