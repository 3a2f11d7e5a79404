/**
 * The CSR signing controller: an approved (and not denied) CertificateSigningRequest for one of
 * the built-in signers gets status.certificate — a certificate for the request's subject, issued
 * by the cluster CA, valid for spec.expirationSeconds (one year by default).
 */
import type { KubeObject } from '../apiserver/types';
import { encodeCertificate, type Certificate } from '../pki/cert';
import { decodeRequest } from '../pki/csr';
import { Controller, type ControllerContext } from './machinery/controller';
import { splitKey, type Informer } from './machinery/informer';
import { spec, status, type Obj } from './machinery/objects';

const CSRS = { group: 'certificates.k8s.io', version: 'v1', resource: 'certificatesigningrequests' };
const SIGNERS = ['kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving'];
const YEAR_S = 365 * 24 * 3600;

function decodeB64(s: string): string | undefined {
  try {
    const bin = atob(s.replace(/\s+/g, ''));
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** The subject of a PEM certificate request, when it is one the simulator's openssl wrote. */
export function requestSubject(requestB64: string): { commonName: string; organizations: string[] } | undefined {
  const pem = decodeB64(requestB64);
  const m = pem && /-----BEGIN [A-Z ]*REQUEST-----([\s\S]*?)-----END [A-Z ]*REQUEST-----/.exec(pem);
  const body = m && decodeB64(m[1]);
  if (!body) return undefined;
  try {
    const data = JSON.parse(body) as { subject?: { commonName?: string; organizations?: string[] } };
    if (data.subject?.commonName) return { commonName: data.subject.commonName, organizations: data.subject.organizations ?? [] };
  } catch {
    // not ours: fall back to the requesting user
  }
  return undefined;
}

export class CsrSigningController extends Controller {
  readonly name = 'csrsigning';
  private csrs!: Informer;

  constructor(ctx: ControllerContext) {
    super(ctx);
  }

  setup(): void {
    this.csrs = this.ctx.factory.for(CSRS);
    this.csrs.addHandlers({ onAdd: (o) => this.enqueue(o), onUpdate: (_a, b) => this.enqueue(b) });
  }

  sync(key: string): boolean {
    const csr = this.csrs.get(key);
    if (!csr) return true;
    const conds = (status(csr).conditions ?? []) as Obj[];
    const approved = conds.some((c) => c.type === 'Approved' && c.status !== 'False');
    const denied = conds.some((c) => (c.type === 'Denied' || c.type === 'Failed') && c.status !== 'False');
    const s = spec(csr);
    if (!approved || denied || status(csr).certificate || !SIGNERS.includes(String(s.signerName))) return true;
    const subject = requestSubject(String(s.request ?? '')) ?? { commonName: String(s.username ?? splitKey(key).name), organizations: [] };
    // The issued certificate carries the requester's public key, so it pairs with their private key.
    const publicKey = decodeRequest(decodeB64(String(s.request ?? '')) ?? '')?.publicKey;
    const now = this.clock.now();
    const seconds = Math.min(Number(s.expirationSeconds ?? YEAR_S), YEAR_S);
    const cert: Certificate = {
      serial: (now % 0xffffffff).toString(16),
      subject,
      issuer: { commonName: 'kubernetes', organizations: [] },
      notBefore: now - 5 * 60_000,
      notAfter: now + seconds * 1000,
      isCA: false,
      dnsNames: [],
      ipAddresses: [],
      usages: String(s.signerName) === 'kubernetes.io/kubelet-serving' ? ['server'] : ['client'],
      ...(publicKey ? { publicKey } : {}),
    };
    const pem = encodeCertificate(cert);
    const bytes = new TextEncoder().encode(pem);
    let bin = '';
    for (const b of bytes) bin += String.fromCharCode(b);
    const r = this.client.updateStatus(CSRS, undefined, { ...csr, status: { ...status(csr), certificate: btoa(bin) } } as KubeObject);
    return r.code === 200 || r.code === 404;
  }
}
