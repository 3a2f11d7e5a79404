/**
 * The name kubeadm gives a node (nodeRegistration.name): --node-name, else the configuration
 * file's nodeRegistration.name, else the hostname. kubeadm's dynamic defaults pass it through
 * GetHostname (trimmed, lowercased), then validation wants a DNS-1123 subdomain
 * (cmd/kubeadm/app/apis/kubeadm/validation: ValidateNodeRegistrationOptions). Where kubeadm
 * later needs the name of the node it runs on (upgrade node, reset), it reads the identity of
 * /etc/kubernetes/kubelet.conf: the client certificate's CN without `system:node:`.
 */
import { aggregate } from '../go-errors';
import { goQuote } from '../go-quote';
import type { FsView } from '../machine';
import { kubeconfigNodeName } from '../kubelet/credentials';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** IsDNS1123Subdomain's messages for a name (none when valid). */
export function dns1123SubdomainErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 253) errs.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(name)) errs.push(DNS1123_SUBDOMAIN_MESSAGE);
  return errs;
}

export type NodeNameResult = { ok: true; name: string } | { ok: false; error: string };

/**
 * kubeadm init/join's node name. `flag` is --node-name, `configured` the file's
 * nodeRegistration.name, `hostname` the machine's. The error is kubeadm's whole message (an
 * aggregate of field errors when several apply).
 */
export function resolveNodeName(p: { flag?: string; configured?: string; hostname: string }): NodeNameResult {
  // GetHostname: the override if non-empty, else the hostname; then trimmed and lowercased.
  // (With --config, kubeadm copies --node-name over the file's name after validating the file, so a
  // malformed flag value would go through unchecked there; here it is checked in both cases.)
  const raw = p.flag || p.configured || p.hostname;
  const name = raw.trim().toLowerCase();
  if (!name) return { ok: false, error: 'empty hostname is invalid' };
  const errs = [...new Set(dns1123SubdomainErrors(name).map((e) => `nodeRegistration.name: Invalid value: ${goQuote(name)}: ${e}`))];
  if (!errs.length) return { ok: true, name };
  return { ok: false, error: aggregate(errs) };
}

/**
 * The node name in kubelet.conf (kubeadm's GetNodeName): the CN of the current user's client
 * certificate without `system:node:`. Undefined when kubelet.conf cannot tell.
 */
export const nodeNameFromKubeletConf = (fs: FsView): string | undefined => kubeconfigNodeName(fs);

/** The first nameserver of /etc/resolv.conf, as Go's resolver dials it (host:53). */
function nameserver(fs: FsView): string {
  let text = '';
  try {
    text = fs.readFile('/etc/resolv.conf');
  } catch {
    /* Go's default */
  }
  const ns = /^\s*nameserver\s+(\S+)/m.exec(text)?.[1] ?? '127.0.0.1';
  return ns.includes(':') ? `[${ns}]:53` : `${ns}:53`;
}

/**
 * kubeadm's Hostname preflight check (net.LookupHost of the node name): /etc/hosts, then the
 * local resolver, which knows this machine's own hostname (systemd-resolved synthesizes it) and
 * localhost. An unresolvable name gives the two warnings kubeadm prints; systemd-resolved answers
 * a single-label name with SERVFAIL ("server misbehaving") and a dotted one with NXDOMAIN.
 */
export function hostnameWarnings(fs: FsView, nodeName: string, runningHostname: string): Array<[string, string]> {
  const name = nodeName.toLowerCase();
  if (name === 'localhost' || name === runningHostname.trim().toLowerCase()) return [];
  let hosts = '';
  try {
    hosts = fs.readFile('/etc/hosts');
  } catch {
    /* no hosts file */
  }
  for (const line of hosts.split('\n')) {
    const fields = line.replace(/#.*$/, '').trim().split(/\s+/).filter(Boolean);
    if (fields.length >= 2 && fields.slice(1).some((n) => n.toLowerCase() === name)) return [];
  }
  const why = name.includes('.') ? 'no such host' : 'server misbehaving';
  return [
    ['Hostname', `hostname "${nodeName}" could not be reached`],
    ['Hostname', `hostname "${nodeName}": lookup ${nodeName} on ${nameserver(fs)}: ${why}`],
  ];
}
