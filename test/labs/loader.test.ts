import { describe, expect, it } from 'vitest';
import { formatLabErrors, parseLab } from '../../src/labs/loader';

const good = `id: demo
title: { en: Demo, zh-CN: 演示 }
description: { en: A demo lab, zh-CN: 演示实验 }
chapter: resources
scenario: cluster
tasks:
  - id: create
    title: { en: Create, zh-CN: 创建 }
    text: { en: Create web, zh-CN: 创建 web }
    checks:
      - type: object
        apiVersion: apps/v1
        kind: Deployment
        name: web
        fields:
          - path: .spec.replicas
            equals: 3
    solution:
      - kubectl create deployment web --image=nginx --replicas=3
`;

describe('parseLab', () => {
  it('accepts a valid lab and fills defaults', () => {
    const r = parseLab('labs/demo/lab.yaml', good);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.lab.host).toBe('cka01');
    expect(r.lab.tasks[0].hints).toEqual([]);
    expect(r.lab.setup).toEqual({ steps: [], files: [] });
  });

  it('names the file, line and field of a schema error', () => {
    const broken = good.replace('        kind: Deployment\n', '');
    const r = parseLab('labs/demo/lab.yaml', broken);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatLabErrors(r.errors)).toBe('labs/demo/lab.yaml:11: tasks[0].checks[0].kind: Required');
  });

  it('points at the line of a wrong value', () => {
    const r = parseLab('x.yaml', good.replace('scenario: cluster', 'scenario: clustr'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0].line).toBe(5);
    expect(r.errors[0].field).toBe('scenario');
    expect(r.errors[0].message).toContain("Expected 'machines' | 'machines-centos' | 'cluster' | 'upgrade'");
  });

  it('rejects unknown keys (a typo in a field name)', () => {
    const r = parseLab('x.yaml', good.replace('    hints', '    hints').replace('chapter: resources', 'chapter: resources\nchaptre: x'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0].message).toContain("Unrecognized key(s) in object: 'chaptre'");
  });

  it('reports broken YAML with its line', () => {
    const r = parseLab('x.yaml', 'id: demo\ntitle: [unclosed\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0].file).toBe('x.yaml');
    expect(r.errors[0].line).toBeGreaterThanOrEqual(2);
  });

  it('requires exactly one operator per field matcher', () => {
    const r = parseLab('x.yaml', good.replace('            equals: 3', '            equals: 3\n            atLeast: 2'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0].message).toBe('exactly one of equals, matches, contains, atLeast, atMost, exists');
  });
});

describe('lab scenarios', () => {
  it('are exactly the registered scenarios a learner can start from', async () => {
    const { scenarios } = await import('../../src/sim/scenarios/index');
    const { LAB_SCENARIOS } = await import('../../src/labs/schema');
    expect([...LAB_SCENARIOS].sort()).toEqual(Object.keys(scenarios).filter((s) => s !== 'exam-base' && s !== 'minikube').sort());
  });
});
