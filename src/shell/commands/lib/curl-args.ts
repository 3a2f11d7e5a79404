/**
 * curl's command line (tool_getparam.c rules): short options cluster (`-sSLo FILE`, `-ofile`), an
 * option that takes a value uses the rest of its word or the next word, long options never take
 * `--name=value`, and every refusal is one of curl's own sentences (exit status 2).
 */

export interface CurlOptions {
  urls: string[];
  /** -o values, in order: the n-th URL is written to the n-th file. */
  outputs: string[];
  /** -O given this many times (each names one URL's file); --remote-name-all names them all. */
  remoteNames: number;
  remoteNameAll: boolean;
  method?: string;
  headers: string[];
  /** -d values; `@file` reads a file unless raw (--data-raw, --data-urlencode). */
  data: Array<{ value: string; raw: boolean }>;
  user?: string;
  writeOut?: string;
  maxTime?: number;
  connectTimeout?: number;
  maxRedirs: number;
  silent: boolean;
  showError: boolean;
  location: boolean;
  insecure: boolean;
  fail: boolean;
  include: boolean;
  head: boolean;
  verbose: boolean;
  get: boolean;
  noProgressMeter: boolean;
  /** --cacert, --cert (-E), --key: files for TLS. */
  cacert?: string;
  cert?: string;
  key?: string;
}

type Setter = (o: CurlOptions, value: string) => string | void;
interface OptionSpec {
  long: string;
  short?: string;
  /** Takes a value; the setter returns an error sentence when the value is refused. */
  arg?: Setter;
  flag?: (o: CurlOptions, on: boolean) => void;
}

const numeric = (set: (o: CurlOptions, n: number) => void): Setter => (o, v) => {
  if (!/^\d+(\.\d+)?$/.test(v)) return 'expected a proper numerical parameter';
  set(o, Number(v));
};

const OPTIONS: OptionSpec[] = [
  { long: 'output', short: 'o', arg: (o, v) => void o.outputs.push(v) },
  { long: 'remote-name', short: 'O', flag: (o) => void o.remoteNames++ },
  { long: 'remote-name-all', flag: (o, on) => void (o.remoteNameAll = on) },
  { long: 'request', short: 'X', arg: (o, v) => void (o.method = v) },
  { long: 'header', short: 'H', arg: (o, v) => void o.headers.push(v) },
  { long: 'data', short: 'd', arg: (o, v) => void o.data.push({ value: v, raw: false }) },
  { long: 'data-ascii', arg: (o, v) => void o.data.push({ value: v, raw: false }) },
  { long: 'data-binary', arg: (o, v) => void o.data.push({ value: v, raw: false }) },
  { long: 'data-raw', arg: (o, v) => void o.data.push({ value: v, raw: true }) },
  { long: 'data-urlencode', arg: (o, v) => void o.data.push({ value: encodeURIComponent(v.replace(/^=/, '')), raw: true }) },
  { long: 'user', short: 'u', arg: (o, v) => void (o.user = v) },
  { long: 'write-out', short: 'w', arg: (o, v) => void (o.writeOut = v) },
  { long: 'max-time', short: 'm', arg: numeric((o, n) => (o.maxTime = n)) },
  { long: 'connect-timeout', arg: numeric((o, n) => (o.connectTimeout = n)) },
  { long: 'max-redirs', arg: (o, v) => (/^-?\d+$/.test(v) ? void (o.maxRedirs = Number(v)) : 'expected a proper numerical parameter') },
  { long: 'silent', short: 's', flag: (o, on) => void (o.silent = on) },
  { long: 'show-error', short: 'S', flag: (o, on) => void (o.showError = on) },
  { long: 'location', short: 'L', flag: (o, on) => void (o.location = on) },
  { long: 'insecure', short: 'k', flag: (o, on) => void (o.insecure = on) },
  { long: 'fail', short: 'f', flag: (o, on) => void (o.fail = on) },
  { long: 'include', short: 'i', flag: (o, on) => void (o.include = on) },
  { long: 'head', short: 'I', flag: (o, on) => void (o.head = on) },
  { long: 'verbose', short: 'v', flag: (o, on) => void (o.verbose = on) },
  { long: 'get', short: 'G', flag: (o, on) => void (o.get = on) },
  { long: 'no-progress-meter', flag: (o, on) => void (o.noProgressMeter = on) },
  { long: 'url', arg: (o, v) => void o.urls.push(v) },
  { long: 'cacert', arg: (o, v) => void (o.cacert = v) },
  { long: 'cert', short: 'E', arg: (o, v) => void (o.cert = v) },
  { long: 'key', arg: (o, v) => void (o.key = v) },
  // Accepted and without effect in the simulated network.
  ...[['compressed'], ['globoff', 'g'], ['http1.1'], ['http2'], ['ipv4', '4'], ['ipv6', '6'], ['progress-bar', '#'], ['no-buffer', 'N'],
    ['create-dirs'], ['tlsv1.2'], ['netrc', 'n'], ['retry-connrefused'], ['fail-early']]
    .map(([long, short]): OptionSpec => ({ long, short, flag: () => {} })),
  ...[['A', 'user-agent'], ['e', 'referer'], ['b', 'cookie'], ['c', 'cookie-jar'], ['x', 'proxy'], ['r', 'range'], ['F', 'form'], ['T', 'upload-file']]
    .map(([short, long]): OptionSpec => ({ long, short, arg: () => {} })),
  ...['capath', 'resolve', 'retry', 'retry-delay', 'limit-rate', 'unix-socket', 'interface', 'noproxy', 'oauth2-bearer']
    .map((long): OptionSpec => ({ long, arg: () => {} })),
];

const byShort = new Map(OPTIONS.filter((o) => o.short).map((o) => [o.short!, o]));
const byLong = new Map(OPTIONS.map((o) => [o.long, o]));

export const CURL_TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";

export function defaultCurlOptions(): CurlOptions {
  return {
    urls: [], outputs: [], remoteNames: 0, remoteNameAll: false, headers: [], data: [], maxRedirs: 50,
    silent: false, showError: false, location: false, insecure: false, fail: false, include: false, head: false,
    verbose: false, get: false, noProgressMeter: false,
  };
}

/** Parses argv (without `curl`); an error is the complete stderr text to print. */
export function parseCurlArgs(argv: readonly string[]): { options: CurlOptions } | { error: string } {
  const o = defaultCurlOptions();
  const refuse = (word: string, why: string) => ({ error: `curl: option ${word}: ${why}\n${CURL_TRY}` });
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word.startsWith('--') && word.length > 2) {
      const name = word.slice(2);
      const spec = byLong.get(name);
      const negated = !spec && name.startsWith('no-') && byLong.get(name.slice(3))?.flag ? byLong.get(name.slice(3)) : undefined;
      if (negated) {
        negated.flag!(o, false);
        continue;
      }
      if (!spec) return refuse(word, 'is unknown');
      if (spec.flag) spec.flag(o, true);
      else {
        if (i + 1 >= argv.length) return refuse(word, 'requires parameter');
        const why = spec.arg!(o, argv[++i]);
        if (why) return refuse(word, why);
      }
    } else if (word.startsWith('-') && word.length > 1 && word !== '--') {
      for (let j = 1; j < word.length; j++) {
        const spec = byShort.get(word[j]);
        if (!spec) return refuse(word, 'is unknown');
        if (spec.flag) {
          spec.flag(o, true);
          continue;
        }
        // The rest of the word is the value (-ofile); otherwise the next word (-sSLo FILE).
        let value: string;
        if (j + 1 < word.length) value = word.slice(j + 1);
        else if (i + 1 < argv.length) value = argv[++i];
        else return refuse(word, 'requires parameter');
        const why = spec.arg!(o, value);
        if (why) return refuse(word, why);
        break;
      }
    } else o.urls.push(word);
  }
  return { options: o };
}
