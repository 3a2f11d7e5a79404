/**
 * lsof's `-i [46][protocol][@host][:port,…]` as arg.c's enter_network_address reads it: every part
 * optional, in that order; a protocol other than tcp, udp or udplite is refused with lsof's message.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { CommandContext } from '../../src/shell/command';
import { LsofError, parseLsof } from '../../src/shell/commands/lsof/options';

/** A context for numeric addresses only: nothing is read from the machine. */
const ctx = { fs: { readFile: () => '' }, host: 'cka01', user: { name: 'root', uid: 0, gid: 0 } } as unknown as CommandContext;

const port = fc.integer({ min: 1, max: 65535 });
const portItem = fc.oneof(
  port.map((p) => ({ text: String(p), range: [p, p] as [number, number] })),
  fc.tuple(port, port).map(([a, b]) => ({ text: `${Math.min(a, b)}-${Math.max(a, b)}`, range: [Math.min(a, b), Math.max(a, b)] as [number, number] })),
);

describe('lsof -i address', () => {
  it('reads family, protocol, address and ports, each optional', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('', '4', '6'),
        fc.constantFrom('', 'tcp', 'TCP', 'udp', 'UdpLite'),
        fc.option(fc.tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 0, max: 255 })).map(([a, b]) => `10.${a}.${b}.1`), { nil: undefined }),
        fc.array(portItem, { minLength: 0, maxLength: 3 }),
        (family, proto, address, ports) => {
          // An IPv4 address under -i6 is refused; leave that pair out.
          fc.pre(!(family === '6' && address));
          const spec = `${family}${proto}${address ? `@${address}` : ''}${ports.length ? `:${ports.map((p) => p.text).join(',')}` : ''}`;
          fc.pre(spec !== '' && spec !== '4' && spec !== '6');
          const o = parseLsof(ctx, ['-i', spec]);
          expect(o.nets).toHaveLength(1);
          const net = o.nets[0];
          expect(net.family).toBe(family ? Number(family) : undefined);
          expect(net.protocol).toBe(proto ? proto.toLowerCase() : undefined);
          expect(net.address).toBe(address);
          expect(net.ports).toEqual(ports.length ? ports.map((p) => p.range) : undefined);
        },
      ),
    );
  });

  it('refuses any other protocol name with lsof\'s message', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,8}$/), (name) => {
        fc.pre(!['tcp', 'udp', 'udplite'].includes(name));
        expect(() => parseLsof(ctx, ['-i', `${name}:80`])).toThrow(new LsofError(`lsof: unknown protocol name (${name}) in: -i ${name}:80`));
      }),
    );
  });
});
