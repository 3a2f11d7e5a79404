/**
 * curl against the cluster's own TLS servers from a node, as curl 7.81 with OpenSSL 3 answers:
 * an untrusted chain and a wrong host name fail with 60 and curl's CA advice, etcd requires a client
 * certificate (56 without one, a bad_certificate alert for one from another CA), the API server
 * authenticates a client certificate or a bearer token (401 for credentials it does not accept),
 * the kubelet authorizes authenticated clients with a SubjectAccessReview, plain HTTP on a TLS port
 * gets Go's HTTP/1.0 400, https on a plain port fails with 35.
 */
import { describe, expect, it } from 'vitest';
import { releaseBuild } from '../../../src/sim/releases';
import { bootWorld, runScript } from '../../../src/runtime/session';

const P = '/etc/kubernetes/pki';
const ADVICE = 'More details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the web page mentioned above.\n';

describe('curl to the cluster servers over TLS', () => {
  it('verifies, authenticates and fails as curl and the Go servers do', async () => {
    const world = bootWorld('cluster');
    const run = (s: string, host = 'cka01') => runScript(world, host, s);
    expect(await run('curl -sS https://192.168.6.171:6443/version')).toMatchObject({ stderr: `curl: (60) SSL certificate problem: unable to get local issuer certificate\n${ADVICE}`, status: 60 });
    // -s alone hides the message (and the advice)
    expect(await run('curl -s https://192.168.6.171:6443/version')).toMatchObject({ stdout: '', stderr: '', status: 60 });
    expect((await run(`curl -s --cacert ${P}/ca.crt https://192.168.6.171:6443/version | grep gitCommit`)).stdout).toBe(`  "gitCommit": "${releaseBuild('v1.33.4').gitCommit}",\n`);
    // the kubernetes Service's address is in the certificate, 127.0.0.1 is not
    expect((await run(`curl -s --cacert ${P}/ca.crt https://10.96.0.1/healthz`)).stdout).toBe('ok');
    expect(await run(`curl -sS --cacert ${P}/ca.crt https://127.0.0.1:6443/healthz`)).toMatchObject({ stderr: `curl: (60) SSL: no alternative certificate subject name matches target host name '127.0.0.1'\n${ADVICE}`, status: 60 });
    expect(await run('curl -sSk https://127.0.0.1:2379/health')).toMatchObject({ stderr: 'curl: (56) OpenSSL SSL_read: error:0A00045C:SSL routines::tlsv13 alert certificate required, errno 0\n', status: 56 });
    expect(await run(`curl -sSk --cert ${P}/apiserver-kubelet-client.crt --key ${P}/apiserver-kubelet-client.key https://127.0.0.1:2379/health`)).toMatchObject({ stderr: 'curl: (56) OpenSSL SSL_read: error:0A000412:SSL routines::sslv3 alert bad certificate, errno 0\n', status: 56 });
    const etcd = `--cacert ${P}/etcd/ca.crt --cert ${P}/etcd/server.crt --key ${P}/etcd/server.key`;
    expect((await run(`curl -s ${etcd} https://127.0.0.1:2379/health`)).stdout).toBe('{"health":"true","reason":""}');
    expect((await run(`curl -s ${etcd} https://192.168.6.171:2379/version`)).stdout).toBe('{"etcdserver":"3.5.21","etcdcluster":"3.5.0"}');
    expect((await run('curl -s http://127.0.0.1:2381/health')).stdout).toBe('{"health":"true","reason":""}');
    expect((await run('curl -sS https://localhost:10248/healthz')).stderr).toBe('curl: (35) error:0A00010B:SSL routines::wrong version number\n');
    expect((await run('curl -si http://127.0.0.1:6443/')).stdout).toBe('HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n');
    // the API server's authenticators: a certificate of its client CA, a token it issued; others are Unauthorized
    expect((await run(`curl -s --cacert ${P}/ca.crt --cert ${P}/apiserver-kubelet-client.crt --key ${P}/apiserver-kubelet-client.key https://192.168.6.171:6443/api/v1/namespaces/kube-system/pods | grep -E '^  "kind"|"name": "etcd-cka01"'`)).stdout).toBe('  "kind": "PodList",\n        "name": "etcd-cka01",\n');
    const unauthorized = '{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "Unauthorized",\n  "reason": "Unauthorized",\n  "code": 401\n}\n';
    expect((await run(`curl -sk ${etcd.replace(/--cacert \S+ /, '')} https://192.168.6.171:6443/api`)).stdout).toBe(unauthorized);
    expect((await run('curl -sk -H "Authorization: Bearer abc" https://192.168.6.171:6443/api')).stdout).toBe(unauthorized);
    expect((await run('T=$(kubectl create token default); curl -sk -H "Authorization: Bearer $T" https://192.168.6.171:6443/api/v1/namespaces/default/pods | grep message')).stdout)
      .toBe('  "message": "pods is forbidden: User \\"system:serviceaccount:default:default\\" cannot list resource \\"pods\\" in API group \\"\\" in the namespace \\"default\\"",\n');
    // the kubelet: anonymous is Unauthorized; an authenticated client is authorized by a SubjectAccessReview of its path's node subresource
    const kubeletClient = `--cert ${P}/apiserver-kubelet-client.crt --key ${P}/apiserver-kubelet-client.key`;
    expect((await run('curl -sk https://192.168.6.172:10250/pods')).stdout).toBe('Unauthorized');
    expect((await run(`curl -sk ${kubeletClient} https://192.168.6.172:10250/healthz`)).stdout).toBe('ok');
    expect((await run(`curl -sk ${kubeletClient} https://192.168.6.172:10250/pods | head -c 33`)).stdout).toBe('{"kind":"PodList","apiVersion":"v');
    expect((await run('T=$(kubectl create token default); curl -sk -H "Authorization: Bearer $T" https://192.168.6.172:10250/stats/summary')).stdout)
      .toBe('Forbidden (user=system:serviceaccount:default:default, verb=get, resource=nodes, subresource=stats)');
    // its serving certificate is self-signed by the kubelet, not issued by the cluster CA
    expect((await run(`curl -sS --cacert ${P}/ca.crt ${kubeletClient} https://192.168.6.172:10250/healthz`)).stderr).toBe(`curl: (60) SSL certificate problem: self-signed certificate in certificate chain\n${ADVICE}`);
    // files curl cannot load, once the connection is made
    expect(await run('curl -sS --cacert /nope https://192.168.6.171:6443/')).toMatchObject({ stderr: 'curl: (77) error setting certificate verify locations:  CAfile: /nope CApath: /etc/ssl/certs\n', status: 77 });
    expect(await run('curl -sSk --cert /nope https://192.168.6.171:6443/')).toMatchObject({ stderr: 'curl: (58) could not load PEM client certificate, OpenSSL error error:80000002:system library::No such file or directory, (no key found, wrong pass phrase, or wrong file format?)\n', status: 58 });
    expect(await run(`curl -sSk --cert ${P}/ca.crt https://192.168.6.171:6443/`)).toMatchObject({ stderr: `curl: (58) unable to set private key file: '${P}/ca.crt' type PEM\n`, status: 58 });
    expect(await run('curl -sS --cacert /nope https://192.168.6.171:6440/')).toMatchObject({ status: 7 });
  });
});
