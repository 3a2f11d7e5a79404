/** Developer aid: run the differential cases and print the ones that differ, with both sides. */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScript } from './harness';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const brief = process.argv.includes('--brief');
let failed = 0;
let total = 0;
for (const file of readdirSync(join(here, 'cases')).filter((f) => f.endsWith('.sh')).sort()) {
  if (filter && filter !== '--brief' && !file.includes(filter)) continue;
  total++;
  if (!brief) process.stderr.write(`.. ${file}\r`);
  const script = readFileSync(join(here, 'cases', file), 'utf8');
  const golden = JSON.parse(readFileSync(join(here, 'golden', file.replace(/\.sh$/, '.json')), 'utf8'));
  const got = await runScript(script);
  if (got.stdout === golden.stdout && got.stderr === golden.stderr && got.status === golden.status) continue;
  failed++;
  console.log(`=== ${file}`);
  if (brief) continue;
  if (got.stdout !== golden.stdout) console.log(`--- stdout want:\n${golden.stdout}--- got:\n${got.stdout}`);
  if (got.stderr !== golden.stderr) console.log(`--- stderr want:\n${golden.stderr}--- got:\n${got.stderr}`);
  if (got.status !== golden.status) console.log(`--- status want ${golden.status} got ${got.status}`);
}
console.log(`${failed} of ${total} differ`);
