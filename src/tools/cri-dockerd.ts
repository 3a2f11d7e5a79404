/**
 * The cri-dockerd binary of a minikube node (kicbase v0.0.47: CRI_DOCKERD_VERSION v0.4.0, commit
 * b9b8893). Only `--version` is modelled; the daemon itself runs under systemd (cri-docker.service).
 *
 * What `--version` prints: cmd/server.go (v0.4.0) writes `%s %s\n` of version.PlatformName and
 * version.FullVersion() to stdout, FullVersion being `Version (GitCommit)` (cmd/version/version.go,
 * defaults "dev" and "HEAD"). minikube builds the binary it ships with
 * hack/update/cri_dockerd_version/build_and_upload_cri_dockerd_binaries.sh, whose -ldflags set
 * `github.com/Mirantis/cri-dockerd/version.Version` and `.GitCommit`: that package moved to
 * cmd/version in 2021 (cri-dockerd 907273e4), and Go's linker ignores -X for a symbol no package
 * defines, so the kicbase binary keeps the defaults and says `cri-dockerd dev (HEAD)`.
 */
import type { Program } from '../shell/command';
import { CRI_DOCKERD_FULL_VERSION } from '../sim/systemd/cri-dockerd';

const CRI_DOCKERD_PLATFORM = 'cri-dockerd';

/** pflag's bool: `--version`, `--version=true`, `--version=1` … */
function boolFlag(args: string[], name: string): boolean {
  let on = false;
  for (const a of args) {
    if (a === `--${name}`) on = true;
    else if (a.startsWith(`--${name}=`)) on = ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(a.slice(name.length + 3));
  }
  return on;
}

export const criDockerd: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  // Run() parses the flags, refuses positional words, answers --help, then --version.
  const flagsOnly = args.every((a) => a.startsWith('-'));
  const help = args.includes('-h') || boolFlag(args, 'help');
  if (flagsOnly && !help && boolFlag(args, 'version')) {
    ctx.stdout.write(`${CRI_DOCKERD_PLATFORM} ${CRI_DOCKERD_FULL_VERSION}\n`);
    return 0;
  }
  ctx.stderr.write('cri-dockerd: only --version is modelled here; the daemon runs as cri-docker.service (systemctl status cri-docker)\n');
  return 1;
};
