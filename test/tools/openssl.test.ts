/** openssl: the CA hash agreeing with kubeadm, the subject parser, and the errors and edges the goldens do not cover. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caCertHash } from '../../src/sim/kubeadm/versions';
import { decodeCertificate } from '../../src/sim/pki/cert';
import { decodeRequest, encodeRequest } from '../../src/sim/pki/csr';
import { parseSubject } from '../../src/tools/openssl/req';
import { formatName } from '../../src/tools/openssl/format';
import { parseOpts } from '../../src/tools/openssl/opts';
import { parseConf } from '../../src/tools/openssl/conf';
import type { CommandContext } from '../../src/shell/command';
import { freshWorld, run, worldOf } from './helpers';

const HASH_PIPE = "openssl x509 -pubkey -in /etc/kubernetes/pki/ca.crt | openssl rsa -pubin -outform der 2>/dev/null | openssl dgst -sha256 -hex | sed 's/^.* //'";

describe('the CA public key hash', () => {
  it('is the one kubeadm prints in its join command', async () => {
    const world = worldOf('cluster');
    const r = await run(world, `${HASH_PIPE}\nkubeadm token create --print-join-command`);
    const [hash, join] = r.stdout.split('\n');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(join).toContain(`--discovery-token-ca-cert-hash sha256:${hash} `);
    expect(caCertHash(world.machines.get('cka01')!.rootFs.readFile('/etc/kubernetes/pki/ca.crt'))).toBe(hash);
  });

  it('differs between CAs and is stable for one', async () => {
    const world = worldOf('cluster');
    const r = await run(world, `${HASH_PIPE}; ${HASH_PIPE}; openssl x509 -pubkey -noout -in /etc/kubernetes/pki/front-proxy-ca.crt | openssl rsa -pubin -outform der 2>/dev/null | openssl dgst -sha256 | sed 's/^.* //'`);
    const [a, b, c] = r.stdout.trim().split('\n');
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });
});

describe('-subj', () => {
  it('keeps the order and the organizations', () => {
    expect(formatName(parseSubject('/CN=jane/O=dev/O=ops')!)).toBe('CN = jane, O = dev, O = ops');
    expect(formatName(parseSubject('/O=system:masters/CN=admin')!)).toBe('O = system:masters, CN = admin');
    expect(parseSubject('CN=jane')).toBeUndefined();
  });

  it('round-trips any CN and O through a request', () => {
    const value = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/[/\\=]/.test(s));
    fc.assert(
      fc.property(value, fc.array(value, { maxLength: 3 }), (cn, orgs) => {
        const subject = parseSubject(`/CN=${cn}${orgs.map((o) => `/O=${o}`).join('')}`);
        expect(subject).toEqual({ commonName: cn, organizations: orgs, cnFirst: true });
        const back = decodeRequest(encodeRequest({ subject: subject!, publicKey: { bits: 2048, id: 'k' } }));
        expect(back?.subject).toEqual(subject);
      }),
    );
  });
});

describe('config files', () => {
  it('keeps sections and their lines in order; comments and blank lines go', () => {
    const conf = parseConf('a = 1 # note\n# whole line\n\n[ req ]\nprompt=no\n[alt_names]\nDNS.1 = x\nIP.1 = 10.0.0.1\n');
    expect([...conf.entries()]).toEqual([
      ['default', [['a', '1']]],
      ['req', [['prompt', 'no']]],
      ['alt_names', [['DNS.1', 'x'], ['IP.1', '10.0.0.1']]],
    ]);
  });
});

describe('the option parser', () => {
  const value = fc.string({ minLength: 1, maxLength: 12 }).filter((v) => !v.startsWith('-') && !v.includes('='));
  const ctx = () => {
    let err = '';
    return { c: { stderr: { write: (s: string) => void (err += s) } } as unknown as CommandContext, err: () => err };
  };

  it('reads -opt V, --opt V and -opt=V alike, and keeps operands', () => {
    fc.assert(
      fc.property(value, value, (v, operand) => {
        for (const form of [['-in', v], ['--in', v], [`-in=${v}`]]) {
          const o = parseOpts(ctx().c, 'x509', [...form, '-noout', operand], { in: 'value', noout: 'flag' });
          expect(typeof o).not.toBe('number');
          if (typeof o !== 'number') expect([o.get('in'), o.has('noout'), o.operands]).toEqual([v, true, [operand]]);
        }
      }),
    );
  });

  it('a value option at the end needs a value; an unknown one is refused', () => {
    fc.assert(
      fc.property(value, (v) => {
        const a = ctx();
        expect(parseOpts(a.c, 'x509', [v, '-in'], { in: 'value' })).toBe(1);
        expect(a.err()).toBe('x509: Option -in needs a value\nx509: Use -help for summary.\n');
        const b = ctx();
        expect(parseOpts(b.c, 'x509', [`-zz${v}`], { in: 'value' })).toBe(1);
        expect(b.err()).toBe(`x509: Unknown option: -zz${v}\nx509: Use -help for summary.\n`);
      }),
    );
  });
});

describe('openssl commands and errors', () => {
  it('version, help and digest commands', async () => {
    const r = await run(freshWorld(), 'openssl version; printf abc | openssl sha256; openssl help 2>&1 | sed -n 3p');
    expect(r.stdout).toBe('OpenSSL 3.0.2 15 Mar 2022 (Library: OpenSSL 3.0.2 15 Mar 2022)\nSHA2-256(stdin)= ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\nStandard commands\n');
  });

  // rand made all its bytes in one array first: a count near INT_MAX aborted the worker.
  // Messages recorded from OpenSSL 3.0.19 on this machine.
  it('rand reads its count as openssl does and streams a large one until the reader goes', async () => {
    const r = await run(freshWorld(), 'for n in 9999999999 0 abc; do openssl rand -hex $n; echo $?; done; openssl rand -hex 2147483647 | head -c 20 | wc -c; openssl rand -base64 100000 | wc -l; openssl rand -hex 100000 | wc -c');
    expect(r.stdout).toBe('1\n1\n1\n20\n2084\n200001\n');
    expect(r.stderr).toBe('rand: Value "9999999999" outside integer range\nrand: Use -help for summary.\nrand: Use -help for summary.\nrand: Can\'t parse "abc" as a number\nrand: Use -help for summary.\n');
  });

  it('-help prints the usage the real one does', async () => {
    const r = await run(freshWorld(), 'openssl x509 -help 2>&1 | head -3; openssl help rand 2>&1 | head -1; openssl rand -help; echo $?');
    expect(r.stdout).toBe('Usage: x509 [options]\n\nGeneral options:\nUsage: rand [options] num\n0\n');
    expect(r.stderr).toMatch(/^Usage: rand \[options\] num\n[\s\S]* -hex {16}Hex encode output\n/);
  });

  it('an unreadable file and a directory fail as they do for a real user', async () => {
    const world = worldOf('cluster');
    const r = await run(world, 'openssl x509 -in /etc/kubernetes/pki/ca.key -noout; echo $?; openssl x509 -in /etc/kubernetes/pki -noout; echo $?', { user: 'ubuntu' });
    expect(r.stdout).toBe('1\n1\n');
    expect(r.stderr).toBe(
      'Could not open file or uri for loading certificate from /etc/kubernetes/pki/ca.key\n' +
        '40F7D8C1F07F0000:error:16000069:STORE routines:ossl_store_get0_loader_int:unregistered scheme:../crypto/store/store_register.c:237:scheme=file\n' +
        '40F7D8C1F07F0000:error:8000000D:system library:BIO_new_file:Permission denied:../crypto/bio/bss_file.c:67:calling fopen(/etc/kubernetes/pki/ca.key, rb)\n' +
        '40F7D8C1F07F0000:error:10080002:BIO routines:BIO_new_file:system lib:../crypto/bio/bss_file.c:77:\n' +
        'Unable to load certificate\n' +
        'Could not read certificate from /etc/kubernetes/pki\nUnable to load certificate\n',
    );
  });

  it('an unknown option of x509', async () => {
    const r = await run(freshWorld(), 'openssl x509 -foo');
    expect(r).toEqual({ stdout: '', stderr: 'x509: Unknown option: -foo\nx509: Use -help for summary.\n', status: 1 });
  });

  it('a malformed -subj, an unknown digest and a missing CA change nothing', async () => {
    const world = worldOf('cluster');
    const r = await run(world, 'cd /tmp\nopenssl genrsa -out k.key 2048\nopenssl req -new -key k.key -subj CN=x -out k.csr; echo $?; ls k.csr; openssl dgst -sha999 k.key; echo $?');
    expect(r.stdout).toBe('1\n1\n');
    expect(r.stderr).toContain("req: subject name is expected to be in the format /type0=value0/type1=value1/type2=... where characters may be escaped by \\. This name is not in that format: 'CN=x'\n");
    expect(r.stderr).toContain("ls: cannot access 'k.csr': No such file or directory\n");
    expect(r.stderr).toContain('dgst: Unknown option or message digest: sha999\ndgst: Use -help for summary.\n');
    const ca = await run(world, 'cd /tmp\nopenssl req -new -key k.key -subj /CN=x -out k.csr\nopenssl x509 -req -in k.csr -CA nosuch.crt -CAkey k.key -out k.crt; echo $?; ls k.crt');
    expect(ca.stderr).toMatch(/^Certificate request self-signature ok\nsubject=CN = x\nCould not open file or uri for loading CA certificate from nosuch.crt\n.*\n.*calling stat\(nosuch.crt\)\nUnable to load CA certificate\nls: cannot access 'k.crt': No such file or directory\n$/);
    expect(ca.stdout).toBe('1\n');
  });

  it('-newkey writes the key and the request; -in=FILE is read', async () => {
    const world = worldOf('cluster');
    const r = await run(world, 'cd /tmp\nopenssl req -new -newkey rsa:2048 -nodes -keyout n.key -subj /CN=n -out n.csr 2>/dev/null\nopenssl req -in=n.csr -noout -subject; openssl rsa -in n.key -check -noout; openssl pkey -in n.key -pubout | head -1');
    expect(r.stdout).toBe('subject=CN = n\nRSA key ok\n-----BEGIN PUBLIC KEY-----\n');
  });

  it('x509 prints the fields in the order asked and then the certificate unless -noout', async () => {
    const world = worldOf('cluster');
    const r = await run(world, 'openssl x509 -in /etc/kubernetes/pki/ca.crt -issuer -subject | sed -n "1,3p"');
    expect(r.stdout).toBe('issuer=CN = kubernetes\nsubject=CN = kubernetes\n-----BEGIN CERTIFICATE-----\n');
    const pem = await run(world, 'openssl x509 -in /etc/kubernetes/pki/ca.crt');
    expect(decodeCertificate(pem.stdout)?.isCA).toBe(true);
  });
});
