/**
 * The pieces of kubectl's verbose log (src/kubectl/client/verbose.ts and its helpers): Go's query
 * escaping, klog's value formats, the body cut, and the discovery cache's 6 hours.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';
import { goQueryEscape, requestTarget } from '../../src/kubectl/client/request-line';
import { klogValue } from '../../src/kubectl/client/klog';
import { headersText, statusLine } from '../../src/kubectl/client/wire';
import { VerboseLog } from '../../src/kubectl/client/verbose';

describe('request URLs as client-go writes them', () => {
  it('escapes a query as url.QueryEscape does (space as +, ~ kept, * escaped)', () => {
    expect(goQueryEscape('app=web,tier in (a b)')).toBe('app%3Dweb%2Ctier+in+%28a+b%29');
    expect(goQueryEscape('a~b*c')).toBe('a~b%2Ac');
    expect(goQueryEscape('é')).toBe('%C3%A9');
  });
  it('sorts the query keys and leaves out the in-process User-Agent', () => {
    const target = requestTarget({ verb: 'list', group: 'apps', version: 'v1', resource: 'deployments', namespace: 'default', query: { limit: '500', labelSelector: 'app=web', userAgent: 'kubectl' } });
    expect(target).toBe('/apis/apps/v1/namespaces/default/deployments?labelSelector=app%3Dweb&limit=500');
  });
});

describe('klog values', () => {
  it('quotes a one-line string as strconv.Quote and writes a multi-line one as a block', () => {
    expect(klogValue('say "hi"')).toBe('"say \\"hi\\""');
    expect(klogValue('')).toBe('""');
    expect(klogValue('a\nb\n')).toBe('<\n\ta\n\tb\n >');
    expect(klogValue(7)).toBe('7');
  });
  it('prints headers sorted, one a line, and statuses with their reason', () => {
    expect(headersText({ 'User-Agent': ['k'], Accept: ['a'] })).toBe('Accept: a\nUser-Agent: k\n');
    expect(statusLine(404)).toBe('404 Not Found');
    expect(statusLine(422)).toBe('422 Unprocessable Entity');
  });
});

describe('VerboseLog', () => {
  const exchange = (log: VerboseLog, body: string) =>
    log.exchange({ method: 'GET', url: 'https://h:6443/api/v1/pods', requestHeaders: {}, requestBody: '', caller: 'helper.go:113', status: 200, responseHeaders: {}, responseBody: body, dialAddress: '10.0.0.1:6443', tls: true });

  it('logs nothing below -v=6 and one Response line at -v=6, its time after the clock', () => {
    let out = '';
    exchange(new VerboseLog(5, Date.UTC(2026, 0, 15, 8, 0, 0), 99, (t) => (out += t)), '{}');
    expect(out).toBe('');
    exchange(new VerboseLog(6, Date.UTC(2026, 0, 15, 8, 0, 0), 99, (t) => (out += t)), '{}');
    expect(out).toMatch(/^I0115 08:00:00\.\d{6} {6}99 round_trippers\.go:632\] "Response" verb="GET" url="https:\/\/h:6443\/api\/v1\/pods" status="200 OK" milliseconds=\d+\n$/);
  });
  it('cuts a body at 1024 bytes at -v=8 and says how much it left out', () => {
    let out = '';
    exchange(new VerboseLog(8, 0, 1, (t) => (out += t)), 'x'.repeat(1500));
    expect(out).toContain(`"Response Body" body="${'x'.repeat(1024)} [truncated 476 chars]"`);
  });
  it('keeps its lines in time order', () => {
    let out = '';
    const log = new VerboseLog(9, Date.UTC(2026, 0, 15, 8, 0, 0), 1, (t) => (out += t));
    log.featureGates();
    exchange(log, '{}');
    exchange(log, '{}');
    const times = [...out.matchAll(/^I\d{4} (\d\d:\d\d:\d\d\.\d{6})/gm)].map((m) => m[1]);
    expect(times.length).toBeGreaterThan(8);
    expect([...times].sort()).toEqual(times);
  });
});

describe('the discovery cache', () => {
  it('spares discovery for 6 hours after kubectl has written ~/.kube/cache', async () => {
    const world = bootWorld('cluster');
    const discovery = async () => (await runScript(world, 'cka01', 'kubectl get ns -v=6 >/dev/null')).stderr.match(/url="[^"]*\/apis?\?timeout=32s"/g) ?? [];
    // the install's `kubectl apply -f kube-flannel.yml` filled root's cache minutes ago
    expect(await discovery()).toHaveLength(0);
    await runScript(world, 'cka01', 'rm -rf ~/.kube/cache');
    expect(await discovery()).toHaveLength(2);
    expect(await discovery()).toHaveLength(0);
    expect((await runScript(world, 'cka01', 'ls ~/.kube/cache/discovery/')).stdout).toBe('192.168.6.171_6443\n');
    world.clock.advance(6 * 3600_000);
    expect(await discovery()).toHaveLength(2);
  }, 60_000);
});
