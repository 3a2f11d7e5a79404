/**
 * `npm run --silent grade -- LAB [--state FILE] [--lang zh-CN]`: grade a lab's checks against a world
 * (the one saved in FILE by `npm run sim -- --lab LAB --state FILE`, else the lab's starting world)
 * and print each check; exit status 0 only when all pass.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gradeLab, formatLabResult } from '../labs/grader';
import { World, type WorldJSON } from '../sim/world';
import { gradeTargetFor, startLab } from '../runtime/labs';
import { loadCustomChecks, readLab } from '../runtime/lab-files';
import '../runtime/attachments';

function usage(message: string): never {
  process.stderr.write(`grade: ${message}\nusage: npm run --silent grade -- LAB [--state FILE] [--lang en|zh-CN]\n`);
  process.exit(2);
}

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  let labId: string | undefined;
  let state: string | undefined;
  let lang: 'en' | 'zh-CN' = 'en';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--state') state = argv[++i] ?? usage('--state needs a file');
    else if (a.startsWith('--state=')) state = a.slice(8);
    else if (a === '--lang') lang = (argv[++i] as 'en' | 'zh-CN') ?? usage('--lang needs en or zh-CN');
    else if (a.startsWith('--lang=')) lang = a.slice(7) as 'en' | 'zh-CN';
    else if (a.startsWith('-')) usage(`unknown argument: ${a}`);
    else if (!labId) labId = a;
    else usage(`unexpected argument: ${a}`);
  }
  if (!labId) usage('which lab?');
  if (lang !== 'en' && lang !== 'zh-CN') usage(`unknown language: ${lang}`);
  const read = readLab(labId);
  if ('error' in read) {
    process.stderr.write(`${read.error}\n`);
    return 2;
  }
  const world =
    state && existsSync(state) ? World.fromJSON(JSON.parse(readFileSync(state, 'utf8')) as WorldJSON) : (await startLab(read.lab, read.files)).world;
  const result = await gradeLab(read.lab, gradeTargetFor(world), await loadCustomChecks(labId));
  process.stdout.write(formatLabResult(result, lang));
  return result.pass ? 0 : 1;
}

main().then(
  (status) => process.exit(status),
  (e) => {
    process.stderr.write(`grade: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
