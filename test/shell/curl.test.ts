import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getNetwork, setNetworkProvider, type HttpResponse, type NetworkProvider } from '../../src/shell/commands/lib/system';
import { parseCurlArgs } from '../../src/shell/commands/lib/curl-args';
import { fiveColumns, writeOut, type TransferFacts } from '../../src/shell/commands/lib/curl-output';
import { runScript } from './differential/harness';

/** A small web: one page, a redirect, a 404, a host that never answers. */
const PAGES: Record<string, HttpResponse> = {
  'http://web.local/index.html': { status: 200, headers: { 'Content-Type': 'text/html' }, body: '<h1>hello</h1>\n' },
  'http://web.local/old': { status: 301, headers: { Location: '/index.html', 'Content-Length': '0' }, body: '' },
};
const fakeNetwork: NetworkProvider = {
  resolve: (_ctx, host) => ({ 'web.local': '10.0.0.5', 'slow.local': '10.0.0.6' })[host] ?? (/^\d+\.\d+\.\d+\.\d+$/.test(host) ? host : null),
  http: (_ctx, req) => {
    if (req.url.includes('slow.local')) return { error: 'timeout' };
    if (!req.url.includes('web.local')) return { error: 'refused' };
    if (req.url.endsWith('/echo')) return { status: 200, headers: {}, body: `${req.method} ${JSON.stringify(req.headers)} ${req.body ?? ''}\n` };
    return PAGES[req.url] ?? { status: 404, headers: { 'Content-Type': 'text/plain' }, body: '404 page not found\n' };
  },
};

let saved: NetworkProvider;
beforeAll(() => {
  saved = getNetwork();
  setNetworkProvider(fakeNetwork);
});
afterAll(() => setNetworkProvider(saved));

const GOLDEN = join(__dirname, '../golden/curl');

describe('curl usage errors match the real curl (test/golden/curl, scripts/golden/record-curl.sh)', () => {
  for (const file of readdirSync(GOLDEN).sort()) {
    const text = readFileSync(join(GOLDEN, file), 'utf8');
    const [first, ...rest] = text.split('\n');
    const args = first.replace(/^\$ curl ?/, '');
    it(`curl ${args}`, async () => {
      const r = await runScript(`curl ${args} 2>&1; echo "[exit $?]"\n`);
      expect(r.stdout).toBe(rest.join('\n'));
    });
  }
});

describe('curl against the simulated network', () => {
  it('-sSLo FILE and -so FILE write the body; -O saves under the URL\'s name', async () => {
    const r = await runScript('cd /tmp; curl -sSLo a.html http://web.local/old; curl -so b.html http://web.local/index.html; curl -sO http://web.local/index.html; cat a.html b.html index.html\n');
    expect(r.stdout).toBe('<h1>hello</h1>\n'.repeat(3));
    expect(r.stderr).toBe('');
  });

  it('-O on a URL ending in / refuses (7.81 text: the hint line, status 23)', async () => {
    const r = await runScript('curl -O http://web.local/; echo "[$?]"\n');
    expect(r.stderr).toBe("curl: Remote file name has no length!\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    expect(r.stdout).toBe('[23]\n');
  });

  it('-w expands %{http_code}, %{size_download}, %{url_effective}, %{content_type}, escapes and unknown names', async () => {
    const r = await runScript(`curl -s -o /dev/null -w '%{http_code} %{size_download} %{url_effective} %{content_type}\\n' http://web.local/index.html
curl -sL -o /dev/null -w '%{http_code}\\t%{num_redirects} %{url_effective}\\n' http://web.local/old
curl -s -o /dev/null -w '%{http_code} %{redirect_url}\\n' http://web.local/old
curl -s -w '%{http_code}\\n' http://127.0.0.1:1/; echo "[$?]"
curl -s -o /dev/null -w '%{bogus}|%%\\n' http://web.local/index.html
`);
    expect(r.stdout).toBe('200 15 http://web.local/index.html text/html\n200\t1 http://web.local/index.html\n301 http://web.local/index.html\n000\n[7]\n|%\n');
    expect(r.stderr).toBe("curl: unknown --write-out variable: 'bogus'\n");
  });

  it('-I prints the head only; -i the head and the body', async () => {
    const r = await runScript('curl -sI http://web.local/index.html; curl -si http://web.local/nope\n');
    expect(r.stdout).toBe('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n\r\n404 page not found\n');
  });

  it('-f fails with 22 and prints nothing of the body; -s hides the message, -sS shows it', async () => {
    const r = await runScript('curl -f http://web.local/nope 2>&1 | tail -1; echo "[${PIPESTATUS[0]}]"; curl -sf http://web.local/nope; echo "[$?]"; curl -sSf http://web.local/nope; echo "[$?]"; curl -s http://web.local/nope\n');
    expect(r.stdout).toBe('curl: (22) The requested URL returned error: 404\n[22]\n[22]\n[22]\n404 page not found\n');
    expect(r.stderr).toBe('curl: (22) The requested URL returned error: 404\n');
  });

  it('without -L a redirect is printed as is', async () => {
    const r = await runScript('curl -s http://web.local/old | wc -c; curl -sL http://web.local/old\n');
    expect(r.stdout).toBe('0\n<h1>hello</h1>\n');
  });

  it('sends -X, -H, -d and -u', async () => {
    const r = await runScript(`curl -s -k -X PUT -H 'X-A: 1' -u admin:secret -d a=1 -d b=2 http://web.local/echo\ncurl -s -d x -X GET http://web.local/echo\n`);
    expect(r.stdout).toBe('PUT {"X-A":"1","Authorization":"Basic YWRtaW46c2VjcmV0","Content-Type":"application/x-www-form-urlencoded"} a=1&b=2\nGET {"Content-Type":"application/x-www-form-urlencoded"} x\n');
  });

  it('times out after --connect-timeout / -m on a host that does not answer; refused and unresolved fail at once', async () => {
    const r = await runScript('curl -s -S --connect-timeout 5 http://slow.local/; echo "[$?]"; curl -sS -m 2 http://slow.local/; echo "[$?]"; curl -sS http://10.9.9.9/; echo "[$?]"; curl -sS http://nowhere.invalid/; echo "[$?]"\n');
    expect(r.stdout).toBe('[28]\n[28]\n[7]\n[6]\n');
    expect(r.stderr).toBe('curl: (28) Connection timeout after 5001 ms\ncurl: (28) Connection timed out after 2001 milliseconds\ncurl: (7) Failed to connect to 10.9.9.9 port 80 after 0 ms: Connection refused\ncurl: (6) Could not resolve host: nowhere.invalid\n');
  });

  it('shows the progress meter on stderr when the body goes to a file', async () => {
    const r = await runScript('curl -o /tmp/x http://web.local/index.html\n');
    expect(r.stderr).toBe(
      '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
        '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
        '\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0' +
        '\r100    15  100    15    0     0   3750      0 --:--:-- --:--:-- --:--:--  3750\n',
    );
  });
});

describe('curl helpers', () => {
  it('clusters short options: the one that takes a value uses the rest of the word or the next word', () => {
    const a = parseCurlArgs(['-sSLo', 'f', 'u1', '-ofile2', 'u2', '-w%{http_code}']);
    expect(a).toMatchObject({ options: { silent: true, showError: true, location: true, outputs: ['f', 'file2'], urls: ['u1', 'u2'], writeOut: '%{http_code}' } });
  });

  it('never throws on any argv and either parses or returns curl\'s refusal', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('-s', '-o', '-sSLo', '-O', '-w', '--head', '-m', '1', 'x', '--', '-', '-Z'), fc.string())), (argv) => {
        const r = parseCurlArgs(argv);
        if ('error' in r) expect(r.error).toMatch(/^curl: option .*: (is unknown|requires parameter|expected a proper numerical parameter)\ncurl: try/);
        else expect(Array.isArray(r.options.urls)).toBe(true);
      }),
    );
  });

  it('formats sizes in five columns like curl', () => {
    expect([0, 99999, 100000, 10_240_000, 104_857_600, 20 * 1024 ** 3].map(fiveColumns)).toEqual(['    0', '99999', '  97k', '9.7M'.padStart(5), ' 100M', '  20G']);
  });

  it('write-out %{stderr} switches the stream', () => {
    const facts = { url: 'u', status: 200 } as TransferFacts;
    expect(writeOut('a%{stderr}%{http_code}\\r', facts)).toEqual([{ stream: 'stdout', text: 'a' }, { stream: 'stderr', text: '200\r' }]);
  });
});
