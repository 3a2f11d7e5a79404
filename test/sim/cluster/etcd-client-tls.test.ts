/**
 * etcd 3.5.21 with a client TLS file it cannot read (a typo in --cert-file, --key-file or --trusted-ca-file of the
 * static pod manifest). From the v3.5.21 source (etcd-io/etcd at tag v3.5.21):
 * - server/embed/serve.go:124 `sctx.lg.Info("ready to serve client requests")`, then serve.go:221
 *   `tlscfg, tlsErr := tlsinfo.ServerConfig()` / `return tlsErr`: the files are read only once the member is ready;
 * - client/pkg/transport/listener.go baseConfig → tlsutil.NewCert (`ioutil.ReadFile(certfile)`, then keyfile), then
 *   ServerConfig's `tlsutil.NewCertPool(cs)` for the trusted CA: Go's `open <path>: no such file or directory`;
 * - server/etcdmain/etcd.go:217-219 `case lerr := <-errc:` `// fatal out on listener errors`
 *   `lg.Fatal("listener failed", zap.Error(lerr))`, after main.go's "notifying init daemon" lines.
 */
import { describe, expect, it } from 'vitest';
import { etcdFailure } from '../../../src/sim/cluster/control-plane-processes';
import { bootWorld, runScript } from '../../../src/runtime/session';

const machine = { hostname: 'cka01', ip: '192.168.6.171' };
const PKI = '/etc/kubernetes/pki/etcd';
const argv = (cert = `${PKI}/server.crt`, key = `${PKI}/server.key`, ca = `${PKI}/ca.crt`) => [
  'etcd',
  '--advertise-client-urls=https://192.168.6.171:2379',
  `--cert-file=${cert}`,
  '--client-cert-auth=true',
  `--key-file=${key}`,
  '--listen-client-urls=https://127.0.0.1:2379,https://192.168.6.171:2379',
  '--listen-peer-urls=https://192.168.6.171:2380',
  '--name=cka01',
  `--trusted-ca-file=${ca}`,
];
const present = new Set([`${PKI}/server.crt`, `${PKI}/server.key`, `${PKI}/ca.crt`]);
const sees = (path: string) => present.has(path);
const fatalOf = (args: string[]) => {
  const f = etcdFailure(args, machine, Date.UTC(2026, 0, 15, 8, 0, 0), sees);
  return f && JSON.parse(f.afterStart!([]).lines.at(-1)!.line);
};

describe('etcd with a client TLS file it cannot read', () => {
  it('names the first file it reads that is missing: the cert, the key, then the trusted CA', () => {
    expect(etcdFailure(argv(), machine, 0, sees)).toBeUndefined();
    expect(fatalOf(argv(`${PKI}/server-new.crt`))).toMatchObject({ level: 'fatal', caller: 'etcdmain/etcd.go:219', msg: 'listener failed', error: `open ${PKI}/server-new.crt: no such file or directory` });
    expect(fatalOf(argv(undefined, `${PKI}/server.pem`, `${PKI}/ca.pem`)).error).toBe(`open ${PKI}/server.pem: no such file or directory`);
    expect(fatalOf(argv(undefined, undefined, `${PKI}/ca.pem`)).error).toBe(`open ${PKI}/ca.pem: no such file or directory`);
    expect(Object.keys(fatalOf(argv(`${PKI}/x.crt`)))).toEqual(['level', 'ts', 'caller', 'msg', 'error', 'stacktrace']);
  });

  it('http client URLs read no TLS files', () => {
    const plain = argv(`${PKI}/x.crt`).map((a) => (a.startsWith('--listen-client-urls') ? '--listen-client-urls=http://127.0.0.1:2379' : a));
    expect(etcdFailure(plain, machine, 0, sees)).toBeUndefined();
  });

  it('a typo in the manifest: etcd starts, is ready, then dies with "listener failed" and restarts in back-off; the API server cannot reach it', async () => {
    const world = bootWorld('cluster');
    await runScript(world, 'cka01', `sed -i 's#--cert-file=${PKI}/server.crt#--cert-file=${PKI}/server-new.crt#' /etc/kubernetes/manifests/etcd.yaml; sleep 40`);
    const ps = (await runScript(world, 'cka01', 'crictl ps -a --name etcd 2>/dev/null')).stdout.trimEnd().split('\n').slice(1);
    expect(ps.length).toBeGreaterThanOrEqual(2);
    expect(ps.every((l) => /\sExited\s+etcd\s/.test(l))).toBe(true);
    const log = (await runScript(world, 'cka01', "crictl logs $(crictl ps -a --name etcd -q 2>/dev/null | head -1) 2>&1 | grep '^{'")).stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(log.slice(-4).map((l) => l.msg)).toEqual(['ready to serve client requests', 'notifying init daemon', 'successfully notified init daemon', 'listener failed']);
    expect(log.at(-1)).toMatchObject({ level: 'fatal', caller: 'etcdmain/etcd.go:219', error: `open ${PKI}/server-new.crt: no such file or directory` });
    expect(log.some((l) => l.msg === 'serving client traffic securely')).toBe(false);
    expect((await runScript(world, 'cka01', 'kubectl get nodes')).status).toBe(1);
    await runScript(world, 'cka01', `sed -i 's#server-new.crt#server.crt#' /etc/kubernetes/manifests/etcd.yaml; sleep 120`);
    expect((await runScript(world, 'cka01', 'kubectl get nodes')).status).toBe(0);
  });
});
