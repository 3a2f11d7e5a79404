import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseExam } from '../../src/exams/loader';
import { examIds, readExam, readLabSources } from '../../src/exams/files';
import { CLUSTER_VERSION } from '../../src/sim/scenarios/cluster';

const labs = readLabSources();
const good = readFileSync('exams/mock-1/exam.yaml', 'utf8');
const parse = (text: string) => parseExam('exams/x/exam.yaml', text, labs);

describe('parseExam', () => {
  it('loads mock-1 with defaults filled in', () => {
    const r = parse(good);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.exam.durationMinutes).toBe(120);
      expect(r.exam.passPercent).toBe(66);
      expect(r.exam.draw).toEqual({ min: 15, max: 17 });
    }
  });

  it('names file, line and field of a schema error', () => {
    const text = good.replace('domain: troubleshooting', 'domain: trouble');
    const line = good.split('\n').findIndex((l) => l.includes('domain: troubleshooting')) + 1;
    const r = parse(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]).toMatchObject({ file: 'exams/x/exam.yaml', line, field: expect.stringMatching(/^questions\[\d+\]\.domain$/) });
      expect(r.errors[0].message).toContain("Invalid enum value");
    }
  });

  it('reports a question whose lab, task, host, parameter or check count is wrong', () => {
    const cases: [string, string, RegExp][] = [
      ['lab: troubleshoot-service\n    task: port', 'lab: no-such-lab\n    task: port', /unknown lab "no-such-lab"/],
      ['task: etcd-data-dir', 'task: etcd', /lab architecture-tour has no task "etcd" \(tasks: backup-manifest, etcd-data-dir, fix-scheduler\)/],
      ['host: cka2613\n    domain: troubleshooting', 'host: cka0000\n    domain: troubleshooting', /unknown host "cka0000"/],
      ['ns: {pick: [dev, team-a, apps, staging, payments]}\n      sa: {pick: [deployer, ci-bot, release, builder]}\n    checks:\n      - points: 1\n        explain:\n          en: The namespace', 'nss: {pick: [dev]}\n    checks:\n      - points: 1\n        explain:\n          en: The namespace', /lab rbac-basics declares no parameter "nss"/],
    ];
    for (const [from, to, message] of cases) {
      expect(good.includes(from), from).toBe(true);
      const r = parse(good.replace(from, to));
      expect(r.ok, to).toBe(false);
      if (!r.ok) {
        expect(r.errors.map((e) => e.message).join('\n')).toMatch(message);
        expect(r.errors[0].line).toBeGreaterThan(1);
      }
    }
  });

  it('reports a missing explanation and a check count that does not match', () => {
    const oneCheck = good.replace(
      /(task: backup-manifest[\s\S]*?checks:\n)/,
      '$1      - points: 1\n        explain:\n          en: extra\n          zh-CN: 额外\n',
    );
    const r = parse(oneCheck);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toBe('task architecture-tour/backup-manifest has 1 checks; the question lists 2');
    const noZh = parse(good.replace(/\n +zh-CN: 命名空间 \{\{ns\}\} 存在且处于 Active（\.status\.phase）。/, ''));
    expect(noZh.ok).toBe(false);
    if (!noZh.ok) expect(noZh.errors[0].field).toMatch(/^questions\[\d+\]\.checks\[0\]\.explain\.zh-CN$/);
  });

  it('reports an unknown placeholder in an explanation', () => {
    const r = parse(good.replace('The ServiceAccount {{ns}}/{{sa}} exists.', 'The ServiceAccount {{namespace}}/{{sa}} exists.'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toBe('unknown template parameter "namespace"');
  });

  it('reports YAML syntax errors with their line', () => {
    const r = parse('id: x\ntitle: [\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].line).toBeGreaterThanOrEqual(2);
  });
});

describe('every exam', () => {
  it('states the Kubernetes version its cluster hosts run', () => {
    for (const id of examIds()) {
      const read = readExam(id, labs);
      if ('error' in read) throw new Error(read.error);
      if (read.exam.hosts.some((h) => h.scenario === 'cluster')) expect(read.exam.kubernetesVersion, id).toBe(CLUSTER_VERSION);
    }
  });
});
