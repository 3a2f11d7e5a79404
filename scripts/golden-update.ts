/**
 * `npm run golden:update [-- group…]`: regenerate every golden file from the real tools on this
 * machine (kubectl 1.33, bash and GNU tools, tmux with bash/vim/nano), never by hand. Each recorder
 * is its own script; this runs them in turn. Groups: kubectl, shell, bash, terminal, openapi.
 */
import { spawnSync } from 'node:child_process';

const RECORDERS: Record<string, string[][]> = {
  kubectl: [['scripts/golden/kubectl-help-record.ts'], ['scripts/golden/kubectl-record.ts'], ['scripts/golden/kustomize-record.ts'], ['test/kubectl/top-record.ts'], ['test/kubectl/node-proxy-record.ts'], ['test/kubectl/printers-record.ts']],
  shell: [['test/shell/commands/record.ts']],
  bash: [['test/shell/differential/record.ts']],
  terminal: [['test/terminal/oracle/record-bash.ts'], ['test/terminal/oracle/record-editors.ts'], ['test/terminal/oracle/record-kubectl-completion.ts']],
  openapi: [['scripts/openapi/build.ts']],
};

const wanted = process.argv.slice(2);
const groups = wanted.length ? wanted : Object.keys(RECORDERS);
let failed = 0;
for (const group of groups) {
  const scripts = RECORDERS[group];
  if (!scripts) {
    console.error(`golden:update: unknown group ${group} (known: ${Object.keys(RECORDERS).join(', ')})`);
    process.exit(2);
  }
  for (const [script, ...args] of scripts) {
    console.log(`== ${group}: ${script}`);
    const r = spawnSync('npx', ['tsx', script, ...args], { stdio: 'inherit' });
    if (r.status !== 0) failed++;
  }
}
process.exit(failed ? 1 : 0);
