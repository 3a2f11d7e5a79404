/**
 * `crictl config` on a cluster node. No crictl runs on this machine, so the expected texts are
 * worked out from cri-tools v1.33.0's source (cmd/crictl/config.go, pkg/common/file.go: yaml.v3
 * node round-trip; urfave/cli v2.27.6's help template and tabwriter; logrus's terminal format)
 * and written here by hand; golden/crictl/config-help.txt is the help as that template renders.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

const HELP = readFileSync(join(__dirname, 'golden', 'crictl', 'config-help.txt'), 'utf8');
/**
 * SubcommandHelpTemplate: what ShowSubcommandHelp (the action with nothing to do) and an incorrect
 * usage print (command.go Run: ShowCommandHelp picks it once setup gave the command its help subcommand).
 */
const SUBCOMMAND_HELP = readFileSync(join(__dirname, 'golden', 'crictl', 'config-subcommand-help.txt'), 'utf8');
const MISSING = 'WARN[0000] Config "/etc/crictl.yaml" does not exist, trying next: "/usr/bin/crictl.yaml" \n';
const ENDPOINTS = '[unix:///run/containerd/containerd.sock unix:///run/crio/crio.sock unix:///var/run/cri-dockerd.sock]';
// `crictl ps` dials the runtime service, then the image service (container.go:691, 696): a warning for each.
const DEFAULTS = `WARN[0000] runtime connect using default endpoints: ${ENDPOINTS}. As the default settings are now deprecated, you should set the endpoint instead. \nWARN[0000] Image connect using default endpoints: ${ENDPOINTS}. As the default settings are now deprecated, you should set the endpoint instead. \n`;
/** logrus's terminal line: the message padded to 44 characters, then a space. */
const fata = (m: string) => `FATA[0000] ${m.padEnd(44)} \n`;

const run = (world: ReturnType<typeof bootWorld>, script: string) => runScript(world, 'cka01', script);

describe('crictl config', () => {
  it('--set on a node without /etc/crictl.yaml writes every option; the empty string stays quoted', async () => {
    const world = bootWorld('cluster');
    const r = await run(world, 'crictl config --set runtime-endpoint=unix:///run/containerd/containerd.sock; echo rc=$?; cat /etc/crictl.yaml; stat -c %a /etc/crictl.yaml');
    // WriteConfig(nil) writes `runtime-endpoint: ""` first; the value set keeps that node's quotes.
    expect(r.stdout).toBe(
      'rc=0\nruntime-endpoint: "unix:///run/containerd/containerd.sock"\nimage-endpoint: ""\ntimeout: 0\ndebug: false\npull-image-on-create: false\ndisable-pull-on-run: false\n644\n',
    );
    expect(r.stderr).toBe(MISSING);
    // The endpoint set, crictl no longer warns.
    const ps = await run(world, 'crictl ps >/dev/null; echo rc=$?');
    expect(ps).toMatchObject({ stdout: 'rc=0\n', stderr: '' });
  });

  it('--get prints one option, --list all of them after clearing the screen', async () => {
    const world = bootWorld('cluster');
    await run(world, "printf 'runtime-endpoint: unix:///run/containerd/containerd.sock\\ntimeout: 10\\n' > /etc/crictl.yaml");
    const get = await run(world, 'crictl config --get runtime-endpoint; crictl config --get timeout; crictl config --get=debug; crictl config --get image-endpoint');
    expect(get).toMatchObject({ stdout: 'unix:///run/containerd/containerd.sock\n10\nfalse\n\n', stderr: '' });
    const list = await run(world, 'crictl config --list');
    expect(list.stdout).toBe(
      '\x1b[2J\x1b[HKEY                    VALUE\n' +
        'runtime-endpoint       unix:///run/containerd/containerd.sock\n' +
        'image-endpoint         \n' +
        'timeout                10\n' +
        'debug                  false\n' +
        'pull-image-on-create   false\n' +
        'disable-pull-on-run    false\n',
    );
    // Neither writes the file.
    expect((await run(world, 'cat /etc/crictl.yaml')).stdout).toBe('runtime-endpoint: unix:///run/containerd/containerd.sock\ntimeout: 10\n');
  });

  it('the old form KEY VALUE logs what it sets; options the file lacks are appended, its comments kept', async () => {
    const world = bootWorld('cluster');
    await run(world, "cat > /etc/crictl.yaml <<'EOF'\n# written by hand\n\nruntime-endpoint: unix:///run/containerd/containerd.sock # containerd\n# the image service\nimage-endpoint: 'unix:///run/containerd/containerd.sock'\nEOF");
    const r = await run(world, 'crictl config debug true; echo rc=$?; cat /etc/crictl.yaml');
    expect(r.stderr).toBe(`INFO[0000] No --get, --set or --list provided, setting key "debug" to value "true" \n`);
    expect(r.stdout).toBe(
      'rc=0\n# written by hand\n\nruntime-endpoint: unix:///run/containerd/containerd.sock # containerd\n# the image service\nimage-endpoint: \'unix:///run/containerd/containerd.sock\'\ntimeout: 0\ndebug: true\npull-image-on-create: false\ndisable-pull-on-run: false\n',
    );
    const many = await run(world, 'crictl config --set timeout=5,debug=false --set pull-image-on-create=1; crictl config --list | tail -4');
    expect(many.stdout).toBe('timeout                5\ndebug                  false\npull-image-on-create   true\ndisable-pull-on-run    false\n');
  });

  it('a text that is no longer a string when unquoted is written quoted', async () => {
    const world = bootWorld('cluster');
    const r = await run(world, "printf 'runtime-endpoint: x\\n' > /etc/crictl.yaml; crictl config --set runtime-endpoint=true; crictl config --set image-endpoint=10; head -2 /etc/crictl.yaml");
    expect(r.stdout).toBe('runtime-endpoint: "true"\nimage-endpoint: "10"\n');
  });

  it('refuses unknown options and values Go cannot parse, changing nothing', async () => {
    const world = bootWorld('cluster');
    await run(world, 'crictl config --list >/dev/null');
    const before = (await run(world, 'cat /etc/crictl.yaml')).stdout;
    const cases: [string, string][] = [
      ['crictl config --get colour', fata('no configuration option named colour')],
      ['crictl config --set colour=blue', fata('no configuration option named colour')],
      ['crictl config --set timeout=soon', fata(`parse timeout value 'soon': strconv.Atoi: parsing "soon": invalid syntax`)],
      ['crictl config --set debug=yes', fata(`parse debug value 'yes': strconv.ParseBool: parsing "yes": invalid syntax`)],
      ['crictl config --set runtime-endpoint', fata('incorrectly specified option: runtime-endpoint')],
      ['crictl config --set runtime-endpoint=unix:///a=b', fata('incorrectly specified option: runtime-endpoint=unix:///a=b')],
      ['crictl config timeout', `INFO[0000] No --get, --set or --list provided, setting key "timeout" to value "" \n${fata(`set "timeout" to "": parse timeout value '': strconv.Atoi: parsing "": invalid syntax`)}`],
    ];
    for (const [command, stderr] of cases) {
      const r = await run(world, `${command}; echo rc=$?`);
      expect({ command, stderr: r.stderr, stdout: r.stdout }).toEqual({ command, stderr, stdout: 'rc=1\n' });
    }
    expect((await run(world, 'cat /etc/crictl.yaml')).stdout).toBe(before);
  });

  it('prints its help for --help and with nothing to do; an unknown flag is an incorrect usage', async () => {
    const world = bootWorld('cluster');
    const help = await run(world, 'crictl config --help; echo rc=$?');
    expect(help.stdout).toBe(`${HELP}rc=0\n`);
    // --help is answered before the action: no file yet, so the app's Before warned.
    expect(help.stderr).toBe(MISSING);
    expect((await run(world, 'test -e /etc/crictl.yaml; echo $?')).stdout).toBe('1\n');
    const bare = await run(world, 'crictl config; echo rc=$?; test -e /etc/crictl.yaml && echo created');
    expect(bare.stdout).toBe(`${SUBCOMMAND_HELP}rc=0\ncreated\n`);
    const bad = await run(world, 'crictl config --colour; echo rc=$?');
    expect(bad.stdout).toBe(`Incorrect Usage: flag provided but not defined: -colour\n\n${SUBCOMMAND_HELP}rc=1\n`);
    expect(bad.stderr).toBe(fata('flag provided but not defined: -colour'));
    const noValue = await run(world, 'crictl config --get; echo rc=$?');
    expect(noValue.stdout).toBe(`Incorrect Usage: flag needs an argument: -get\n\n${SUBCOMMAND_HELP}rc=1\n`);
    expect(noValue.stderr).toBe(fata('flag needs an argument: -get'));
  });

  it('a broken file fails config and is passed over by the other commands', async () => {
    const world = bootWorld('cluster');
    await run(world, "printf 'runtime-endpoint: unix:///run/containerd/containerd.sock\\ncolour: blue\\n' > /etc/crictl.yaml");
    const r = await run(world, 'crictl config --get debug; echo rc=$?; crictl ps >/dev/null; echo rc=$?');
    expect(r.stdout).toBe('rc=1\nrc=0\n');
    expect(r.stderr).toBe(`${fata("load config file: Config option 'colour' is not valid")}${DEFAULTS}`);
    await run(world, "printf 'timeout: [1\\n' > /etc/crictl.yaml");
    const syntax = await run(world, 'crictl config --list; echo rc=$?');
    expect(syntax.stderr).toBe(fata("load config file: yaml: line 1: did not find expected ',' or ']'"));
  });

  it('--config names another file; one that does not exist stops crictl before the command', async () => {
    const world = bootWorld('cluster');
    const r = await run(world, 'crictl --config /tmp/c.yaml config --list; echo rc=$?');
    expect(r.stdout).toBe('rc=1\n');
    expect(r.stderr).toBe(`WARN[0000] Config "/tmp/c.yaml" does not exist, trying next: "/usr/bin/crictl.yaml" \n${fata('load config file: stat /usr/bin/crictl.yaml: no such file or directory')}`);
    const ok = await run(world, 'touch /tmp/c.yaml; CRI_CONFIG_FILE=/tmp/c.yaml crictl config --set debug=true; cat /tmp/c.yaml; test -e /etc/crictl.yaml; echo $?');
    expect(ok.stdout).toBe('runtime-endpoint: ""\nimage-endpoint: ""\ntimeout: 0\ndebug: true\npull-image-on-create: false\ndisable-pull-on-run: false\n1\n');
  });

  it('a user who may not write /etc gets the write error', async () => {
    const world = bootWorld('cluster');
    const r = await run(world, 'useradd -m bob; su bob -c "crictl config --set debug=true"; echo rc=$?');
    expect(r.stdout).toBe('rc=1\n');
    expect(r.stderr).toBe(`${MISSING}${fata('open /etc/crictl.yaml: permission denied')}`);
  });
});
