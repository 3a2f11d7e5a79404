/**
 * crictl's help and usage errors, as cri-tools v1.33.0 (urfave/cli v2.27.6, its go.mod) prints
 * them. No crictl binary runs here: the expected texts are assembled from the sources.
 *
 * - golden/crictl/*-help.txt: urfave/cli template.go (AppHelpTemplate, CommandHelpTemplate,
 *   SubcommandHelpTemplate), help.go printHelpCustom (tabwriter minwidth 1, padding 2; wrap at
 *   10000 columns) and flag.go stringifyFlag, filled with cmd/crictl/main.go's app and flags and
 *   each command's declaration (container.go:610 ps, sandbox.go:301 pods, image.go:148 images,
 *   logs.go:44, container.go:491 inspect, exec.go:49, container.go:206 create); commands sorted
 *   with strings.Compare and flags with cli.FlagsByName as main.go does, then help (and the
 *   app's version) appended by App.Setup / Command.setup. Each was read line by line against those.
 * - *-subcommand-help.txt are the *-help.txt with SubcommandHelpTemplate's COMMANDS section (the
 *   help command Command.setup adds): ShowCommandHelp picks that template for an incorrect usage
 *   (command.go:170-180, help.go:250-270) and actions call cli.ShowSubcommandHelp.
 * - "Incorrect Usage: ERR" then the help go to the app's Writer (stdout); Run's error reaches
 *   main.go's logrus.Fatal (FATA line on stderr, exit 1). ERR texts are Go's flag package
 *   (parseOne) and urfave/cli's normalizeFlags (flag.go:209). "No help topic for 'X'" is help.go
 *   ShowCommandHelp's cli.Exit(…, 3), printed by HandleExitCoder on stderr.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bootWorld, runScript } from '../../src/runtime/session';

const golden = (name: string) => readFileSync(join(__dirname, 'golden', 'crictl', `${name}.txt`), 'utf8');
const APP = golden('app-help');
const fata = (m: string) => `FATA[0000] ${m.padEnd(44)} \n`;
const MISSING = 'WARN[0000] Config "/etc/crictl.yaml" does not exist, trying next: "/usr/bin/crictl.yaml" \n';
const ENDPOINT = "printf 'runtime-endpoint: unix:///run/containerd/containerd.sock\\n' > /etc/crictl.yaml";

type World = ReturnType<typeof bootWorld>;
const run = (world: World, script: string) => runScript(world, 'cka01', script);

describe('crictl help', () => {
  let world: World;
  beforeAll(async () => {
    world = bootWorld('cluster');
    await run(world, ENDPOINT);
  });

  it('prints the app help for --help, -h, help and no command at all', async () => {
    for (const line of ['crictl --help', 'crictl -h', 'crictl help', 'crictl h', 'crictl', 'crictl help -h']) {
      const r = await run(world, `${line}; echo rc=$?`);
      expect({ line, ...r }).toMatchObject({ line, stdout: `${APP}rc=0\n`, stderr: '' });
    }
  });

  it("prints a command's help for --help, -h, help CMD, CMD help and --help CMD", async () => {
    const ps = golden('ps-help');
    for (const line of ['crictl ps --help', 'crictl ps -h', 'crictl help ps', 'crictl ps help', 'crictl ps h', 'crictl --help ps', 'crictl ps -a --help']) {
      const r = await run(world, `${line}; echo rc=$?`);
      expect({ line, ...r }).toMatchObject({ line, stdout: `${ps}rc=0\n`, stderr: '' });
    }
  });

  it.each([['pods'], ['images'], ['logs'], ['inspect'], ['exec'], ['create']])('crictl %s --help', async (name) => {
    const r = await run(world, `crictl ${name} --help; echo rc=$?`);
    expect(r).toMatchObject({ stdout: `${golden(`${name}-help`)}rc=0\n`, stderr: '' });
  });

  it('names a command by its name in the help of an alias', async () => {
    const r = await run(world, 'crictl img --help');
    expect(r.stdout).toBe(golden('images-help'));
  });

  it('has the app Before read the config file for a command help, not for the app flags', async () => {
    const fresh = bootWorld('cluster');
    const own = await run(fresh, 'crictl --help >/dev/null; crictl ps --help >/dev/null; crictl help >/dev/null');
    expect(own.stderr).toBe(`${MISSING}${MISSING}`);
  });

  it('prints the help of an action given the wrong number of arguments, before connecting', async () => {
    const r = await run(world, 'crictl ps extra; echo rc=$?');
    expect(r).toMatchObject({ stdout: `${golden('ps-subcommand-help')}rc=0\n`, stderr: '' });
    const id = await run(world, 'crictl logs; echo rc=$?; crictl stop; echo rc=$?');
    expect(id).toMatchObject({ stdout: 'rc=1\nrc=1\n', stderr: `${fata('ID cannot be empty')}${fata('ID cannot be empty')}` });
  });

  it("prints the help command's own help with the name urfave/cli has given it by then", async () => {
    // App.Setup names the app's commands (HelpName) before it appends helpCommand, so `--help help`
    // renders an empty HelpName; `help help` first runs helpCommand's setup, which names its
    // subcommand (helpCommand itself) fmt.Sprintf("%s %s", "", "help"); `ps help` names it "crictl ps help".
    const body = (name: string) =>
      `NAME:\n   ${name} - Shows a list of commands or help for one command\n\nUSAGE:\n   ${name} [command options] [command]\n\nOPTIONS:\n   --help, -h  show help\n`;
    expect((await run(world, 'crictl --help help')).stdout).toBe(body(''));
    expect((await run(world, 'crictl help help')).stdout).toBe(body(' help'));
    expect((await run(world, 'crictl ps --help help')).stdout).toBe(body('crictl ps help'));
    expect((await run(world, 'crictl ps help h')).stdout).toBe(body('crictl ps help'));
  });

  it('prints the version for --version and -v', async () => {
    const r = await run(world, 'crictl --version; crictl -v');
    expect(r).toMatchObject({ stdout: 'crictl version v1.33.0\ncrictl version v1.33.0\n', stderr: '' });
  });
});

describe('crictl usage errors', () => {
  let world: World;
  beforeAll(async () => {
    world = bootWorld('cluster');
    await run(world, ENDPOINT);
  });

  const incorrect = (error: string, help: string) => ({ stdout: `Incorrect Usage: ${error}\n\n${help}rc=1\n`, stderr: fata(error) });

  it.each([
    ['crictl ps --bogus', 'flag provided but not defined: -bogus', 'ps'],
    ['crictl ps -x', 'flag provided but not defined: -x', 'ps'],
    // UseShortOptionHandling splits -az only when every letter is a flag.
    ['crictl ps -az', 'flag provided but not defined: -az', 'ps'],
    ['crictl ps --name', 'flag needs an argument: -name', 'ps'],
    ['crictl ps -n', 'flag needs an argument: -n', 'ps'],
    ['crictl ps --last x', 'invalid value "x" for flag -last: parse error', 'ps'],
    ['crictl ps --last 9223372036854775808', 'invalid value "9223372036854775808" for flag -last: value out of range', 'ps'],
    ['crictl ps --all=maybe', 'invalid boolean value "maybe" for -all: parse error', 'ps'],
    ['crictl ps -a --all', 'Cannot use two forms of the same flag: a all', 'ps'],
    ['crictl ps ---x', 'bad flag syntax: ---x', 'ps'],
    ['crictl pods --all', 'flag provided but not defined: -all', 'pods'],
    ['crictl pods --label', 'flag needs an argument: -label', 'pods'],
  ])('%s', async (line, error, name) => {
    const r = await run(world, `${line}; echo rc=$?`);
    expect(r).toMatchObject(incorrect(error, golden(`${name}-subcommand-help`)));
  });

  it('refuses an unknown global flag with the app help', async () => {
    const r = await run(world, 'crictl --bogus ps; echo rc=$?');
    expect(r).toMatchObject(incorrect('flag provided but not defined: -bogus', APP));
    // The app has no short option handling: -Dx is one unknown flag.
    const short = await run(world, 'crictl -Dx ps; echo rc=$?');
    expect(short).toMatchObject(incorrect('flag provided but not defined: -Dx', APP));
    const value = await run(world, 'crictl --config; echo rc=$?');
    expect(value).toMatchObject(incorrect('flag needs an argument: -config', APP));
  });

  it('answers an unknown command or help topic with exit status 3', async () => {
    const r = await run(world, 'crictl foo; echo rc=$?; crictl help foo; echo rc=$?; crictl ps help foo; echo rc=$?');
    expect(r).toMatchObject({ stdout: 'rc=3\nrc=3\nrc=3\n', stderr: "No help topic for 'foo'\n".repeat(3) });
  });

  it('logs an unknown help topic after --help at FATA (Command.Run returns the help action error as it is)', async () => {
    const r = await run(world, 'crictl --help foo; echo rc=$?; crictl ps --help foo; echo rc=$?; crictl help --help foo; echo rc=$?');
    expect(r).toMatchObject({ stdout: 'rc=1\nrc=1\nrc=1\n', stderr: fata("No help topic for 'foo'").repeat(3) });
  });

  it('takes the flags urfave/cli takes: combined short flags, --flag=value, one dash, -- and flags before the arguments', async () => {
    const all = await run(world, 'crictl ps -a -q | sort');
    expect(all.stdout).not.toBe('');
    for (const line of ['crictl ps -aq', 'crictl ps -qa', 'crictl ps -all -quiet', 'crictl ps --all=true -q', 'crictl ps -q -a --']) {
      const r = await run(world, `${line} | sort`);
      expect({ line, ...r }).toMatchObject({ line, stdout: all.stdout, stderr: '' });
    }
    const one = await run(world, 'crictl ps -qn 1; echo rc=$?');
    expect(one.stdout).toMatch(/^[0-9a-f]{64}\nrc=0\n$/);
  });
});
