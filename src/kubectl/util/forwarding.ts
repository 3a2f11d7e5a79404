/**
 * What client-go's port forwarder reports once it listens, for each port spec ([LOCAL:]REMOTE)
 * and address (localhost: its IPv4 and IPv6 loopbacks). Shared by kubectl and crictl port-forward.
 */
export function forwardingLines(specs: string[], addresses: string[] = ['localhost']): string {
  let out = '';
  for (const spec of specs) {
    const [local, remote] = spec.includes(':') ? spec.split(':', 2) : [spec, spec];
    for (const addr of addresses) {
      if (addr === 'localhost') {
        out += `Forwarding from 127.0.0.1:${local || remote} -> ${remote}\n`;
        out += `Forwarding from [::1]:${local || remote} -> ${remote}\n`;
      } else out += `Forwarding from ${addr}:${local || remote} -> ${remote}\n`;
    }
  }
  return out;
}
