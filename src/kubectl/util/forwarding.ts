/**
 * What client-go's port forwarder reports once it listens, for each port spec ([LOCAL:]REMOTE)
 * and address (localhost: its IPv4 and IPv6 loopbacks). Shared by kubectl and crictl port-forward.
 */
/** A port spec's local and remote ports: `8080:80`, `80` (both), `:80` (local chosen: empty). */
export function portSpec(spec: string): [local: string, remote: string] {
  return spec.includes(':') ? (spec.split(':', 2) as [string, string]) : [spec, spec];
}

export function forwardingLines(specs: string[], addresses: string[] = ['localhost']): string {
  let out = '';
  for (const spec of specs) {
    const [local, remote] = portSpec(spec);
    for (const addr of addresses) {
      if (addr === 'localhost') {
        out += `Forwarding from 127.0.0.1:${local || remote} -> ${remote}\n`;
        out += `Forwarding from [::1]:${local || remote} -> ${remote}\n`;
      } else out += `Forwarding from ${addr}:${local || remote} -> ${remote}\n`;
    }
  }
  return out;
}
