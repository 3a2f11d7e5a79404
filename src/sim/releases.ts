/**
 * What a Kubernetes release's binaries say about their build (version.Info: the commit, the build
 * date, the Go toolchain), shared by everything that prints it: the API server's /version, `kubectl
 * version -o yaml`, `kubeadm version`, `kubelet --version`.
 *
 * The releases in BUILDS are recorded from the real binaries (`kubectl version --client -o json`
 * of each release); one release's binaries come from one build, so the API server and kubeadm of a
 * release show the same commit, date and Go version as its kubectl. Any other release gets a stable
 * made-up commit and date and its minor's Go version, so that what it prints has the real shape.
 */

export interface ReleaseBuild {
  gitCommit: string;
  buildDate: string;
  goVersion: string;
}

const BUILDS: Record<string, ReleaseBuild> = {
  'v1.27.16': { gitCommit: 'cbb86e0d7f4a049666fac0551e8b02ef3d6c3d9a', buildDate: '2024-07-17T01:53:56Z', goVersion: 'go1.22.5' },
  'v1.28.15': { gitCommit: '841856557ef0f6a399096c42635d114d6f2cf7f4', buildDate: '2024-10-22T20:34:56Z', goVersion: 'go1.22.8' },
  'v1.29.14': { gitCommit: '4f359b2e16764ab5e175195ee6992dfb53b36acf', buildDate: '2025-02-12T21:34:28Z', goVersion: 'go1.22.12' },
  'v1.30.13': { gitCommit: '50af91c466658b6a33d123fae8a487db1630971c', buildDate: '2025-05-15T09:56:59Z', goVersion: 'go1.23.8' },
  'v1.31.9': { gitCommit: '8f3800390d488f54f74111f22973059e133f9cba', buildDate: '2025-05-15T09:17:16Z', goVersion: 'go1.23.8' },
  'v1.32.5': { gitCommit: '9894294ef13a5b32803e3ca2c0d620a088cc84d1', buildDate: '2025-05-15T09:12:10Z', goVersion: 'go1.23.8' },
  'v1.33.1': { gitCommit: '8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828', buildDate: '2025-05-15T08:27:33Z', goVersion: 'go1.24.2' },
};

/** The Go version a minor's later patch releases are built with (cmd/kubeadm's pins came from them). */
const GO_OF_MINOR: Record<number, string> = {
  20: 'go1.15.14', 21: 'go1.16.7', 27: 'go1.22.5', 28: 'go1.22.5', 29: 'go1.23.6', 30: 'go1.23.6',
  31: 'go1.23.12', 32: 'go1.23.12', 33: 'go1.24.5', 34: 'go1.24.6',
};

/** A stable 40-hex-digit commit for a release we have no record of (FNV-1a over its name, five rounds). */
function madeUpCommit(version: string): string {
  let out = '';
  for (let round = 0; out.length < 40; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < version.length; i++) h = Math.imul(h ^ version.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

/**
 * The day each minor's .0 came out (kubernetes/sig-release): a patch release follows about a month
 * after the one before it, so a made-up build date falls where the real one did, within days.
 */
const DOT_ZERO: Record<number, [number, number, number]> = {
  20: [2020, 12, 8], 21: [2021, 4, 8], 22: [2021, 8, 4], 23: [2021, 12, 7], 24: [2022, 5, 3], 25: [2022, 8, 23],
  26: [2022, 12, 8], 27: [2023, 4, 11], 28: [2023, 8, 15], 29: [2023, 12, 13], 30: [2024, 4, 17], 31: [2024, 8, 13],
  32: [2024, 12, 11], 33: [2025, 4, 23], 34: [2025, 8, 27], 35: [2025, 12, 17],
};

/** The build of a release ('v1.33.1'): recorded when known, made up in the real shape otherwise. */
export function releaseBuild(gitVersion: string): ReleaseBuild {
  const known = BUILDS[gitVersion];
  if (known) return known;
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(gitVersion);
  const minor = m ? Number(m[2]) : 33;
  const patch = m ? Number(m[3]) : 4;
  const [year, month, day] = DOT_ZERO[minor] ?? DOT_ZERO[33];
  // Patch releases land in the middle of a month (the .0 day for .0 itself), built the day before or so.
  const date = new Date(Date.UTC(year, month - 1 + patch, patch === 0 ? day : 12 + (patch % 5)));
  const p2 = (n: number) => String(n).padStart(2, '0');
  return {
    gitCommit: madeUpCommit(gitVersion),
    buildDate: `${date.getUTCFullYear()}-${p2(date.getUTCMonth() + 1)}-${p2(date.getUTCDate())}T${p2(8 + (patch % 12))}:${p2((minor * 7) % 60)}:${p2((patch * 13) % 60)}Z`,
    goVersion: GO_OF_MINOR[minor] ?? GO_OF_MINOR[minor < 28 ? 21 : 33],
  };
}
