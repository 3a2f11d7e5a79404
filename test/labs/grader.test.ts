import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/sim/clock';
import { SeededRandom } from '../../src/sim/random';
import { createApiServer, ApiClient } from '../../src/sim/apiserver';
import { gradeLab, formatLabResult } from '../../src/labs/grader';
import { Lab } from '../../src/labs/schema';
import type { GradeTarget } from '../../src/labs/target';

function setup() {
  const server = createApiServer({ clock: new SimClock(), random: new SeededRandom(7) });
  const files: Record<string, string> = { 'cka01:/etc/motd': 'hello\n' };
  let apiUp = true;
  const target: GradeTarget = {
    api: () => (apiUp ? server : null),
    exec: async (host, command) => ({ stdout: `${host} ran ${command}\n`, stderr: '', status: command.startsWith('false') ? 1 : 0 }),
    readFile: (host, path) => files[`${host}:${path}`] ?? null,
  };
  return { server, client: new ApiClient(server), target, files, setApi: (up: boolean) => (apiUp = up) };
}

const lab = Lab.parse({
  id: 'demo',
  title: { en: 'Demo', 'zh-CN': '演示' },
  description: { en: 'd', 'zh-CN': 'd' },
  chapter: 'resources',
  scenario: 'cluster',
  tasks: [
    {
      id: 'deploy',
      title: { en: 'Deploy', 'zh-CN': '部署' },
      text: { en: 't', 'zh-CN': 't' },
      checks: [
        { type: 'object', apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web', fields: [{ path: '.spec.replicas', equals: 3 }] },
        { type: 'count', apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', selector: 'app=web', equals: 1 },
      ],
      solution: ['kubectl create deployment web --image=nginx --replicas=3'],
    },
    {
      id: 'files',
      title: { en: 'Files', 'zh-CN': '文件' },
      text: { en: 't', 'zh-CN': 't' },
      checks: [
        { type: 'file', host: 'cka01', path: '/etc/motd', contains: 'hello' },
        { type: 'absent', apiVersion: 'v1', kind: 'Namespace', name: 'scratch' },
        { type: 'command', host: 'cka02', run: 'true', stdoutContains: 'cka02 ran true', message: { en: 'm', 'zh-CN': 'm' } },
      ],
      solution: ['true'],
    },
  ],
});

const deployment = (replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
  },
});

describe('gradeLab against the API server', () => {
  it('fails on the starting world with a message in the learner’s terms', async () => {
    const { target } = setup();
    const r = await gradeLab(lab, target);
    expect(r.pass).toBe(false);
    expect(r.tasks[0].checks[0].message.en).toBe('Deployment default/web does not exist yet.');
    expect(r.tasks[0].checks[0].message['zh-CN']).toBe('Deployment default/web 还不存在。');
    expect(r.tasks[1].pass).toBe(true);
  });

  it('names the wrong field and the value the task asks for (near miss: wrong replicas)', async () => {
    const { target, client } = setup();
    client.create({ group: 'apps', version: 'v1', resource: 'deployments' }, 'default', deployment(2));
    const r = await gradeLab(lab, target);
    expect(r.tasks[0].pass).toBe(false);
    expect(r.tasks[0].checks[0].message.en).toBe('Deployment default/web: .spec.replicas is 2; the task asks for 3.');
    expect(r.tasks[0].checks[0]).toMatchObject({ expected: '.spec.replicas 3', actual: '2' });
  });

  it('passes when the state is right, and prints one line a check', async () => {
    const { target, client } = setup();
    client.create({ group: 'apps', version: 'v1', resource: 'deployments' }, 'default', deployment(3));
    const r = await gradeLab(lab, target);
    expect(r.pass).toBe(true);
    expect(formatLabResult(r)).toContain('2/2 tasks pass');
  });

  it('tells the learner when the API server does not answer', async () => {
    const { target, setApi } = setup();
    setApi(false);
    const r = await gradeLab(lab, target);
    expect(r.tasks[0].checks[0].message.en).toContain('connection refused');
  });

  it('sees a namespace that should be gone', async () => {
    const { target, client } = setup();
    client.create({ group: '', version: 'v1', resource: 'namespaces' }, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'scratch' } });
    const r = await gradeLab(lab, target);
    expect(r.tasks[1].checks[1]).toMatchObject({ pass: false, expected: 'absent', actual: 'exists' });
  });
});
