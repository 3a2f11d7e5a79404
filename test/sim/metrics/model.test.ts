import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { busyCpuMilli, idleProfile, stressMemoryBytes } from '../../../src/sim/metrics/profiles';
import { loadClientOf, serviceLoad } from '../../../src/sim/metrics/load';
import { containerUsage } from '../../../src/sim/metrics/usage';

const Mi = 1024 ** 2;

describe('usage model', () => {
  it('gives idle programs the footprint of their image', () => {
    const nginx = containerUsage({ image: 'nginx:1.27' }, 'pod-a/nginx');
    expect(nginx.cpuMilli).toBeGreaterThanOrEqual(0.7);
    expect(nginx.cpuMilli).toBeLessThanOrEqual(1.3);
    expect(nginx.memoryBytes / Mi).toBeGreaterThan(2.5);
    expect(nginx.memoryBytes / Mi).toBeLessThan(3.5);
    const api = containerUsage({ image: 'registry.k8s.io/kube-apiserver:v1.33.4' }, 'x');
    expect(api.cpuMilli).toBeGreaterThan(25);
    expect(api.memoryBytes / Mi).toBeGreaterThan(220);
    const sleeper = containerUsage({ image: 'busybox', command: ['sleep', '3600'] }, 'y');
    expect(sleeper.cpuMilli).toBe(0);
    expect(sleeper.memoryBytes).toBeLessThan(Mi);
  });

  it('is deterministic per container and differs between containers', () => {
    const a = containerUsage({ image: 'nginx' }, 'uid-1/nginx');
    expect(containerUsage({ image: 'nginx' }, 'uid-1/nginx')).toEqual(a);
    expect(containerUsage({ image: 'nginx' }, 'uid-2/nginx')).not.toEqual(a);
  });

  it('pegs a core with a busy loop, throttled at the CPU limit', () => {
    const loop = ['sh', '-c', 'while true; do :; done'];
    expect(busyCpuMilli(loop)).toBe(1000);
    expect(containerUsage({ image: 'busybox', command: loop }, 'z').cpuMilli).toBe(1000);
    expect(containerUsage({ image: 'busybox', command: loop, resources: { limits: { cpu: '300m' } } }, 'z').cpuMilli).toBe(300);
    expect(busyCpuMilli(['stress', '--cpu', '2'])).toBe(2000);
    expect(containerUsage({ image: 'busybox', command: ['sh', '-c', 'while true; do sleep 1; done'] }, 'z').cpuMilli).toBe(0);
  });

  it('holds the memory a stress worker allocates, never above the limit', () => {
    expect(stressMemoryBytes(['stress', '--vm', '1', '--vm-bytes', '150M'])).toBe(150 * Mi);
    const u = containerUsage({ image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', '150M'], resources: { limits: { memory: '200Mi' } } }, 's');
    expect(Math.round(u.memoryBytes / Mi)).toBe(151);
    const capped = containerUsage({ image: 'polinux/stress', args: ['--vm-bytes', '250M'], resources: { limits: { memory: '100Mi' } } }, 's');
    expect(capped.memoryBytes).toBe(100 * Mi);
  });

  it('never reports negative or limit-exceeding usage (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 4000 }), (seed, extra, limit) => {
        const u = containerUsage({ image: 'registry.k8s.io/hpa-example', resources: { limits: { cpu: `${limit}m`, memory: '64Mi' } } }, seed, extra);
        return u.cpuMilli >= 0 && u.cpuMilli <= limit && u.memoryBytes <= 64 * Mi;
      }),
    );
  });

  it('knows the profile of unknown images', () => {
    expect(idleProfile('example.com/whatever:1')).toEqual({ cpuMilli: 1, memoryBytes: 8 * Mi });
  });
});

describe('service load', () => {
  it('recognises the walkthrough load generator and its pace', () => {
    const c = loadClientOf('default', ['/bin/sh', '-c', 'while sleep 0.01; do wget -q -O- http://php-apache; done'])!;
    expect(c.host).toBe('php-apache');
    expect(c.namespace).toBe('default');
    expect(c.requestsPerSecond).toBeCloseTo(66.7, 0);
    expect(loadClientOf('default', ['sh', '-c', 'sleep 3600'])).toBeUndefined();
    expect(loadClientOf('ns', ['sh', '-c', 'while true; do curl -s web.other.svc.cluster.local:8080/x; sleep 1; done'])!.host).toBe('web.other.svc.cluster.local');
  });

  it('spreads the demand evenly over the ready endpoints', () => {
    const client = loadClientOf('default', ['/bin/sh', '-c', 'while sleep 0.01; do wget -q -O- http://php-apache; done'])!;
    const one = serviceLoad([client], () => ({ pods: [{ key: 'default/a', image: 'registry.k8s.io/hpa-example' }] }));
    expect(one.get('default/a')).toBeGreaterThan(500);
    const seven = serviceLoad([client], () => ({ pods: 'abcdefg'.split('').map((k) => ({ key: `default/${k}`, image: 'registry.k8s.io/hpa-example' })) }));
    expect(seven.get('default/a')! * 7).toBeCloseTo(one.get('default/a')!, 6);
    expect(serviceLoad([client], () => undefined).size).toBe(0);
  });
});

describe('metrics quantities', () => {
  it('print in resource.Quantity canonical form', async () => {
    const { nanocoresText, bytesText } = await import('../../../src/sim/metrics/metrics-server');
    expect(nanocoresText(39_786_000)).toBe('39786u');
    expect(nanocoresText(2_182_883)).toBe('2182883n');
    expect(nanocoresText(40_000_000)).toBe('40m');
    expect(nanocoresText(1e9)).toBe('1');
    expect(nanocoresText(0)).toBe('0');
    expect(bytesText(20_373 * 1024)).toBe('20373Ki');
    expect(bytesText(3 * 1024 * 1024)).toBe('3Mi');
    expect(bytesText(1234)).toBe('1234');
  });
});

describe('the resource examples of the Kubernetes docs', () => {
  it('cpu-demo (vish/stress -cpus 2, limit 1) is throttled at one CPU', () => {
    const u = containerUsage({ image: 'vish/stress', args: ['-cpus', '2'], resources: { limits: { cpu: '1' }, requests: { cpu: '500m' } } }, 'cpu-demo/cpu-demo-ctr');
    expect(u.cpuMilli).toBe(1000);
  });
  it('memory-demo (polinux/stress --vm-bytes 150M) holds about 150Mi', () => {
    const u = containerUsage({ image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'], resources: { limits: { memory: '200Mi' } } }, 'memory-demo/ctr');
    expect(Math.floor(u.memoryBytes / Mi)).toBe(151);
  });
});
