/**
 * Extracts the raw test cases of apimachinery v0.33's strategicpatch tests (strategicMergePatchRawTestCases
 * in pkg/util/strategicpatch/patch_test.go: original, modified, current and the expected two-way and
 * three-way patches, as YAML) and those of jsonmergepatch (createJSONMergePatchTestCaseData) into
 * fixtures.json, which strategic.test.ts replays against our implementation. Needs the git mirror
 * of kubernetes/apimachinery.
 * Run: npx tsx test/kubectl/strategic/extract-fixtures.ts
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const MIRROR = '/work/.mirror/kubernetes+apimachinery/repo';
const TAG = 'v0.33.9';

const show = (path: string) => execFileSync('git', ['-C', MIRROR, 'show', `${TAG}:${path}`], { encoding: 'utf8', maxBuffer: 1 << 26 });
const source = show('pkg/util/strategicpatch/patch_test.go');
const start = source.indexOf('var strategicMergePatchRawTestCases = ');
const block = source.slice(start, source.indexOf('\nfunc ', start));
const FIELDS = ['Original', 'Modified', 'Current', 'TwoWay', 'ThreeWay', 'Result', 'TwoWayResult'] as const;

const cases = block.split(/\n\t\{\n\t\tDescription: /).slice(1).map((chunk) => {
  const description = JSON.parse(/^("(?:[^"\\]|\\.)*")/.exec(chunk)![1]) as string;
  const fields: Record<string, unknown> = { description };
  for (const f of FIELDS) {
    const m = new RegExp(`\\t${f}: +\\[\\]byte\\(\`([^\`]*)\`\\)`).exec(chunk);
    if (m) fields[f.charAt(0).toLowerCase() + f.slice(1)] = parse(m[1]) ?? {};
  }
  const error = /ExpectedError: +("(?:[^"\\]|\\.)*")/.exec(chunk);
  if (error) fields.expectedError = JSON.parse(error[1]);
  return fields;
});

const jsonMergeSource = show('pkg/util/jsonmergepatch/patch_test.go');
const jsonMergeYaml = /var createJSONMergePatchTestCaseData = \[\]byte\(`([^`]*)`\)/.exec(jsonMergeSource)![1];
const jsonMergeCases = (parse(jsonMergeYaml) as { testCases: unknown[] }).testCases;

writeFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fixtures.json'), JSON.stringify({ source: `kubernetes/apimachinery ${TAG} pkg/util/{strategicpatch,jsonmergepatch}/patch_test.go`, cases, jsonMergeCases }, null, 1) + '\n');
process.stdout.write(`${cases.length} strategic cases, ${jsonMergeCases.length} JSON merge cases\n`);
