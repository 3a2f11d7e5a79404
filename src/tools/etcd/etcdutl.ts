/** etcdutl 3.5.21: version, snapshot status and restore (offline operations on files). */
import type { Program } from '../../shell/command';
import { out } from '../lib/context';
import { restoreSnapshot, snapshotStatus } from './snapshot';
import { ETCD_API_VERSION, ETCD_VERSION } from './usage';

/** Its few flags: -w/--write-out (global) and restore's --data-dir; the other restore flags take a value and are accepted. */
function parse(argv: string[]): { write: string; dataDir: string; rest: string[] } {
  const f = { write: 'simple', dataDir: '', rest: [] as string[] };
  const valued = new Set(['--name', '--initial-cluster', '--initial-advertise-peer-urls', '--initial-cluster-token', '--wal-dir', '--bump-revision', '--initial-memory-map-size']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const [name, inline] = eq > 0 ? [a.slice(0, eq), a.slice(eq + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i] ?? '';
    if (name === '-w' || name === '--write-out') f.write = value();
    else if (name === '--data-dir') f.dataDir = value();
    else if (valued.has(name)) value();
    else if (name !== '--skip-hash-check' && name !== '--mark-compacted') f.rest.push(a);
  }
  return f;
}

export const etcdutl: Program = async (ctx) => {
  const f = parse(ctx.argv.slice(1));
  const [cmd, sub, ...args] = f.rest;
  if (cmd === 'version') {
    out(ctx.stdout, `etcdutl version: ${ETCD_VERSION}\nAPI version: ${ETCD_API_VERSION}`);
    return 0;
  }
  if (cmd !== 'snapshot' || (sub !== 'status' && sub !== 'restore')) {
    ctx.stderr.write(`Error: unknown command "${[cmd, sub].filter(Boolean).join(' ')}" for "etcdutl"\n`);
    return 1;
  }
  return sub === 'status' ? snapshotStatus(ctx, f.write, args) : restoreSnapshot(ctx, args, f.dataDir);
};
