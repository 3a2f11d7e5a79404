/** The helm subcommands, one handler each (flags parsed per command as cobra would). */
import { parseGoDuration } from '../../sim/go-parse-duration';
import { parse as parseYaml, stringify } from 'yaml';
import type { CommandContext } from '../../shell/command';
import type { KubeObject } from '../../sim/apiserver/types';
import { CHART_REPOSITORIES, chartRepository, chartYaml, type Chart, type RenderedObject } from '../../sim/addons/charts';
import { list, parseArgs, str, HelmUsageError, type FlagSpec, type ParsedArgs } from './args';
import { HelmError, kubeClient, type HelmDeps, type KubeClient } from './client';
import { applyObjects, checkOwnership, deleteObjects, manifestOf, objectsOfManifest, runHooks, waitReady, withHookAnnotations } from './apply';
import { ansic, releaseSummary, table } from './print';
import { goTime } from '../../sim/go-time';
import { deleteReleaseSecrets, history, latest, listReleases, storeRelease, updateRelease, type Release } from './release';
import { cachedIndex, deprecatedRepoError, fetchIndex, readRepos, resolveChart, writeRepos } from './repo';
import { applySet, mergeValues, type Values } from './values';

export interface HelmInvocation {
  ctx: CommandContext;
  deps: HelmDeps;
  argv: string[];
}

type Handler = (inv: HelmInvocation) => Promise<number>;

export const HELM_VERSION = { version: 'v3.17.3', commit: 'e4da49785aa6e6ee2b86efd5dd9e43400318262b', go: 'go1.23.7' };

const out = (inv: HelmInvocation, s: string) => inv.ctx.stdout.write(s);

function client(inv: HelmInvocation, p: ParsedArgs): KubeClient {
  return kubeClient(inv.ctx, inv.deps, { kubeconfig: str(p, 'kubeconfig') ?? inv.ctx.env.KUBECONFIG?.split(':')[0], context: str(p, 'kube-context'), namespace: str(p, 'namespace') ?? inv.ctx.env.HELM_NAMESPACE });
}

function needArgs(p: ParsedArgs, command: string, usage: string, min: number, max = min): void {
  const n = p.args.length;
  if (n >= min && n <= max) return;
  const what = min === max ? `${min} argument${min === 1 ? '' : 's'}` : n < min ? `at least ${min} argument${min === 1 ? '' : 's'}` : `at most ${max} argument${max === 1 ? '' : 's'}`;
  const verb = min === max ? 'accepts' : 'requires';
  throw new HelmUsageError(`"helm ${command}" ${min === max ? `requires ${what}` : `${verb} ${what}`}\n\nUsage:  ${usage}`);
}

const now = (inv: HelmInvocation) => new Date(inv.ctx.clock.now()).toISOString();

/** Values from -f files then --set / --set-string, as Helm coalesces them. */
function userValues(inv: HelmInvocation, p: ParsedArgs): Values {
  let v: Values = {};
  for (const f of list(p, 'values')) {
    let text: string;
    try {
      text = inv.ctx.fs.readFile(inv.ctx.fs.resolve(f));
    } catch {
      throw new HelmError(`open ${f}: no such file or directory`);
    }
    const doc = parseYaml(text) as Values | null;
    if (doc && typeof doc === 'object') v = mergeValues(v, doc);
  }
  for (const s of list(p, 'set')) applySet(v, s);
  for (const s of list(p, 'set-string')) applySet(v, s, true);
  return v;
}

const RELEASE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function checkName(name: string): void {
  if (!RELEASE_NAME.test(name) || name.length > 53) throw new HelmError(`release name "${name}": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53`);
}

function timeoutMs(p: ParsedArgs): number {
  const t = str(p, 'timeout') ?? '5m0s';
  const d = parseGoDuration(t);
  if ('error' in d) throw new HelmUsageError(`invalid argument "${t}" for "--timeout" flag: ${d.error}`);
  return d.ms;
}

const dryRun = (p: ParsedArgs) => p.bools.has('dry-run');

function render(chart: Chart, name: string, namespace: string, values: Values, revision: number, isInstall: boolean): { items: RenderedObject[]; merged: Values } {
  const defaults = (parseYaml(chart.valuesYaml) as Values | null) ?? {};
  const merged = mergeValues(defaults, values);
  const items = withHookAnnotations(chart.render({ name, namespace, revision, isInstall }, merged));
  return { items, merged };
}

function newRelease(chart: Chart, name: string, namespace: string, version: number, config: Values, manifest: string, notes: string, at: string, first: string, description: string): Release {
  return {
    name,
    namespace,
    version,
    info: { first_deployed: first, last_deployed: at, deleted: '', description, status: 'pending-install', notes },
    chart: { metadata: { name: chart.name, version: chart.version, appVersion: chart.appVersion, description: chart.description, apiVersion: 'v2' }, values: {} },
    config,
    manifest,
  };
}

function ensureNamespace(c: KubeClient, namespace: string, create: boolean): void {
  const r = c.request({ verb: 'get', group: '', version: 'v1', resource: 'namespaces', name: namespace });
  if (r.code === 200) return;
  if (!create) throw new HelmError(`create: failed to create: namespaces "${namespace}" not found`);
  c.request({ verb: 'create', group: '', version: 'v1', resource: 'namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { name: namespace } } } });
}

const INSTALL_FLAGS: FlagSpec = {
  values: ['set', 'set-string', 'values', 'version', 'timeout', 'description', 'name-template', 'output'],
  bools: ['create-namespace', 'generate-name', 'dry-run', 'wait', 'atomic', 'replace', 'skip-crds', 'devel', 'install', 'reuse-values', 'reset-values', 'force', 'cleanup-on-fail', 'wait-for-jobs', 'dependency-update'],
  shorts: { f: 'values', g: 'generate-name', o: 'output', i: 'install' },
};

function parseInstallish(argv: string[]): ParsedArgs {
  // --dry-run=client|server is a bool with an optional mode.
  return parseArgs(argv.map((a) => (/^--dry-run=(client|server|true)$/.test(a) ? '--dry-run' : a)), INSTALL_FLAGS);
}

async function doInstall(inv: HelmInvocation, p: ParsedArgs, name: string, chartRef: string, prefix: string): Promise<number> {
  const c = client(inv, p);
  const namespace = c.namespace;
  const chart = resolveChart(inv.ctx, chartRef, str(p, 'version'));
  checkName(name);
  const config = userValues(inv, p);
  const existing = latest(listReleases(c, namespace, name));
  if (existing.length && existing[0].info.status !== 'uninstalled' && !p.bools.has('replace')) throw new HelmError(`${prefix}cannot re-use a name that is still in use`);
  const { items, merged } = render(chart, name, namespace, config, 1, true);
  const at = now(inv);
  const main = items.filter((i) => !i.hook);
  const rel = newRelease(chart, name, namespace, 1, config, manifestOf(main), chart.notes({ name, namespace, revision: 1, isInstall: true }, merged), at, at, 'Dry run complete');
  if (dryRun(p)) {
    out(inv, releaseSummary(rel, { dryRun: true, hooks: manifestOf(items.filter((i) => i.hook)) }));
    return 0;
  }
  try {
    ensureNamespace(c, namespace, p.bools.has('create-namespace'));
    checkOwnership(c, main.map((i) => i.object), name, namespace);
    rel.info.description = 'Initial install underway';
    storeRelease(c, rel);
    const timeout = timeoutMs(p);
    await runHooks(c, inv.ctx.clock, items, 'pre-install', name, namespace, timeout, inv.ctx.signal);
    applyObjects(c, main.map((i) => i.object), name, namespace, 'create');
    await runHooks(c, inv.ctx.clock, items, 'post-install', name, namespace, timeout, inv.ctx.signal);
    if (p.bools.has('wait') && !(await waitReady(c, inv.ctx.clock, main.map((i) => i.object), namespace, timeout, inv.ctx.signal))) {
      rel.info.status = 'failed';
      rel.info.description = 'Release "' + name + '" failed: context deadline exceeded';
      updateRelease(c, rel);
      throw new HelmError('context deadline exceeded');
    }
  } catch (e) {
    if (e instanceof HelmError) {
      // The stored revision records the failure (helm list shows it as failed).
      if (rel.info.status === 'pending-install' && rel.info.description !== 'Dry run complete') {
        rel.info.status = 'failed';
        rel.info.description = `Release "${name}" failed: ${e.message}`;
        updateRelease(c, rel);
      }
      throw new HelmError(`${prefix}${e.message}`);
    }
    throw e;
  }
  rel.info.status = 'deployed';
  rel.info.description = 'Install complete';
  updateRelease(c, rel);
  out(inv, releaseSummary(rel));
  return 0;
}

const install: Handler = async (inv) => {
  const p = parseInstallish(inv.argv);
  if (p.bools.has('help')) return usage(inv, 'helm install [NAME] [CHART] [flags]');
  needArgs(p, 'install', 'helm install [NAME] [CHART] [flags]', 1, 2);
  let name: string;
  let chartRef: string;
  if (p.bools.has('generate-name')) {
    chartRef = p.args[p.args.length - 1];
    name = `${chartRef.replace(/^.*\//, '')}-${Math.floor(inv.ctx.clock.now() / 1000)}`;
  } else {
    if (p.args.length < 2) throw new HelmError('INSTALLATION FAILED: must either provide a name or specify --generate-name');
    [name, chartRef] = p.args;
  }
  try {
    return await doInstall(inv, p, name, chartRef, 'INSTALLATION FAILED: ');
  } catch (e) {
    if (e instanceof HelmError && !e.message.startsWith('INSTALLATION FAILED: ')) throw new HelmError(`INSTALLATION FAILED: ${e.message}`);
    throw e;
  }
};

function usage(inv: HelmInvocation, line: string): number {
  out(inv, `Usage:\n  ${line}\n`);
  return 0;
}

const upgrade: Handler = async (inv) => {
  const p = parseInstallish(inv.argv);
  needArgs(p, 'upgrade', 'helm upgrade [RELEASE] [CHART] [flags]', 2);
  const [name, chartRef] = p.args;
  const c = client(inv, p);
  const namespace = c.namespace;
  const revisions = history(c, namespace, name);
  const deployed = revisions.filter((r) => r.info.status === 'deployed').pop();
  if (!deployed) {
    if (p.bools.has('install') && !revisions.some((r) => r.info.status !== 'uninstalled')) {
      if (!dryRun(p)) out(inv, `Release "${name}" does not exist. Installing it now.\n`);
      try {
        return await doInstall(inv, p, name, chartRef, '');
      } catch (e) {
        if (e instanceof HelmError) throw new HelmError(`${e.message}`);
        throw e;
      }
    }
    throw new HelmError(`UPGRADE FAILED: "${name}" has no deployed releases`);
  }
  try {
    const chart = resolveChart(inv.ctx, chartRef, str(p, 'version'));
    let config = userValues(inv, p);
    if (p.bools.has('reuse-values')) config = mergeValues(deployed.config, config);
    const revision = revisions[revisions.length - 1].version + 1;
    const { items, merged } = render(chart, name, namespace, config, revision, false);
    const main = items.filter((i) => !i.hook);
    const at = now(inv);
    const rel = newRelease(chart, name, namespace, revision, config, manifestOf(main), chart.notes({ name, namespace, revision, isInstall: false }, merged), at, deployed.info.first_deployed, 'Preparing upgrade');
    if (dryRun(p)) {
      rel.info.status = 'pending-upgrade';
      out(inv, `Release "${name}" has been upgraded. Happy Helming!\n${releaseSummary(rel, { dryRun: true, hooks: manifestOf(items.filter((i) => i.hook)) })}`);
      return 0;
    }
    rel.info.status = 'pending-upgrade';
    storeRelease(c, rel);
    const timeout = timeoutMs(p);
    await runHooks(c, inv.ctx.clock, items, 'pre-upgrade', name, namespace, timeout, inv.ctx.signal);
    replaceObjects(c, objectsOfManifest(deployed.manifest), main.map((i) => i.object), name, namespace);
    await runHooks(c, inv.ctx.clock, items, 'post-upgrade', name, namespace, timeout, inv.ctx.signal);
    if (p.bools.has('wait') && !(await waitReady(c, inv.ctx.clock, main.map((i) => i.object), namespace, timeout, inv.ctx.signal))) throw new HelmError('context deadline exceeded');
    deployed.info.status = 'superseded';
    updateRelease(c, deployed);
    rel.info.status = 'deployed';
    rel.info.description = 'Upgrade complete';
    updateRelease(c, rel);
    out(inv, `Release "${name}" has been upgraded. Happy Helming!\n${releaseSummary(rel)}`);
    return 0;
  } catch (e) {
    if (e instanceof HelmError) throw new HelmError(`UPGRADE FAILED: ${e.message}`);
    throw e;
  }
};

const key = (o: KubeObject) => `${o.apiVersion}/${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;

/** Bring the live objects from the old manifest to the new one (update, create, delete what left). */
function replaceObjects(c: KubeClient, old: KubeObject[], next: KubeObject[], name: string, namespace: string): void {
  applyObjects(c, next, name, namespace, 'upgrade');
  const keep = new Set(next.map(key));
  deleteObjects(c, old.filter((o) => !keep.has(key(o))), namespace);
}

const rollback: Handler = async (inv) => {
  const p = parseArgs(inv.argv, { values: ['timeout'], bools: ['wait', 'dry-run', 'force', 'recreate-pods', 'cleanup-on-fail', 'no-hooks'] });
  needArgs(p, 'rollback', 'helm rollback <RELEASE> [REVISION] [flags]', 1, 2);
  const c = client(inv, p);
  const revisions = history(c, c.namespace, p.args[0]);
  if (!revisions.length) throw new HelmError('release: not found');
  const current = revisions[revisions.length - 1];
  const wanted = p.args[1] !== undefined ? Number(p.args[1]) : (revisions.filter((r) => r.info.status === 'superseded').pop()?.version ?? 0);
  const target = revisions.find((r) => r.version === wanted);
  if (!target) throw new HelmError(p.args[1] !== undefined ? 'release: not found' : 'no revision to roll back to');
  if (!dryRun(p)) {
    const at = now(inv);
    const rel: Release = { ...target, version: current.version + 1, info: { ...target.info, last_deployed: at, status: 'deployed', description: `Rollback to ${wanted}` } };
    replaceObjects(c, objectsOfManifest(current.manifest), objectsOfManifest(target.manifest), rel.name, rel.namespace);
    for (const r of revisions.filter((x) => x.info.status === 'deployed')) {
      r.info.status = 'superseded';
      updateRelease(c, r);
    }
    storeRelease(c, rel);
  }
  out(inv, 'Rollback was a success! Happy Helming!\n');
  return 0;
};

const uninstall: Handler = async (inv) => {
  const p = parseArgs(inv.argv, { values: ['timeout', 'cascade', 'description'], bools: ['keep-history', 'dry-run', 'no-hooks', 'wait', 'ignore-not-found'] });
  needArgs(p, 'uninstall', 'helm uninstall RELEASE_NAME [...] [flags]', 1, 99);
  const c = client(inv, p);
  for (const name of p.args) {
    const revisions = history(c, c.namespace, name);
    const current = revisions[revisions.length - 1];
    if (!current || current.info.status === 'uninstalled') {
      if (p.bools.has('ignore-not-found')) continue;
      throw new HelmError(`uninstall: Release not loaded: ${name}: release: not found`);
    }
    if (!dryRun(p)) {
      deleteObjects(c, objectsOfManifest(current.manifest), c.namespace);
      if (p.bools.has('keep-history')) {
        current.info.status = 'uninstalled';
        current.info.deleted = now(inv);
        current.info.description = 'Uninstallation complete';
        updateRelease(c, current);
      } else deleteReleaseSecrets(c, revisions);
    }
    out(inv, `release "${name}" uninstalled\n`);
  }
  return 0;
};

const listCmd: Handler = async (inv) => {
  const p = parseArgs(inv.argv, { values: ['output', 'max', 'filter', 'selector'], bools: ['all-namespaces', 'all', 'short', 'deployed', 'failed', 'pending', 'superseded', 'uninstalled', 'date', 'reverse', 'no-headers'], shorts: { A: 'all-namespaces', a: 'all', q: 'short', o: 'output', m: 'max', l: 'selector', d: 'date', r: 'reverse', f: 'filter' } });
  const c = client(inv, p);
  const all = p.bools.has('all-namespaces');
  let rels = latest(listReleases(c, all ? undefined : c.namespace));
  const states = ['deployed', 'failed', 'pending', 'superseded', 'uninstalled'].filter((s) => p.bools.has(s));
  rels = rels.filter((r) => (p.bools.has('all') ? true : states.length ? states.some((s) => r.info.status.startsWith(s)) : r.info.status === 'deployed' || r.info.status === 'failed'));
  const filter = str(p, 'filter');
  if (filter) rels = rels.filter((r) => new RegExp(filter).test(r.name));
  rels.sort((a, b) => a.name.localeCompare(b.name));
  if (p.bools.has('reverse')) rels.reverse();
  const format = str(p, 'output') ?? 'table';
  const rows = rels.map((r) => ({ name: r.name, namespace: r.namespace, revision: String(r.version), updated: goTime(r.info.last_deployed), status: r.info.status, chart: `${r.chart.metadata.name}-${r.chart.metadata.version}`, app_version: r.chart.metadata.appVersion }));
  if (p.bools.has('short')) {
    out(inv, rows.map((r) => `${r.name}\n`).join(''));
    return 0;
  }
  if (format === 'json') out(inv, `${JSON.stringify(rows)}\n`);
  else if (format === 'yaml') out(inv, rows.length ? stringify(rows, { indentSeq: false }) : '[]\n');
  else if (format === 'table') {
    const head = p.bools.has('no-headers') ? [] : [['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION']];
    const body = rows.map((r) => [r.name, r.namespace, r.revision, r.updated, r.status, r.chart, r.app_version]);
    if (head.length || body.length) out(inv, table([...head, ...body]));
  } else throw new HelmError(`invalid format type`);
  return 0;
};

function currentRelease(c: KubeClient, name: string, revision?: number): Release {
  const revisions = history(c, c.namespace, name);
  const r = revision !== undefined ? revisions.find((x) => x.version === revision) : revisions[revisions.length - 1];
  if (!r) throw new HelmError('release: not found');
  return r;
}

const status: Handler = async (inv) => {
  const p = parseArgs(inv.argv, { values: ['revision', 'output'], bools: ['show-desc', 'show-resources'], shorts: { o: 'output' } });
  needArgs(p, 'status', 'helm status RELEASE_NAME [flags]', 1);
  const c = client(inv, p);
  const r = currentRelease(c, p.args[0], str(p, 'revision') ? Number(str(p, 'revision')) : undefined);
  out(inv, releaseSummary(r).replace('TEST SUITE: None\n', `${p.bools.has('show-desc') ? `DESCRIPTION: ${r.info.description}\n` : ''}TEST SUITE: None\n`));
  return 0;
};

const historyCmd: Handler = async (inv) => {
  const p = parseArgs(inv.argv, { values: ['max', 'output'], bools: [], shorts: { o: 'output' } });
  needArgs(p, 'history', 'helm history RELEASE_NAME [flags]', 1);
  const c = client(inv, p);
  const revs = history(c, c.namespace, p.args[0]);
  if (!revs.length) throw new HelmError('release: not found');
  const max = Number(str(p, 'max') ?? 256);
  const rows = revs.slice(-max).map((r) => [String(r.version), ansic(r.info.last_deployed), r.info.status, `${r.chart.metadata.name}-${r.chart.metadata.version}`, r.chart.metadata.appVersion, r.info.description]);
  out(inv, table([['REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION'], ...rows]));
  return 0;
};

const getCmd: Handler = async (inv) => {
  const p = parseArgs(inv.argv, { values: ['revision', 'output', 'template'], bools: ['all'], shorts: { a: 'all', o: 'output' } });
  const [what, name] = p.args;
  const subs = ['all', 'hooks', 'manifest', 'metadata', 'notes', 'values'];
  if (!what || !subs.includes(what)) {
    out(inv, `\nThis command consists of multiple subcommands which can be used to\nget extended information about the release, including:\n\n- The values used to generate the release\n- The generated manifest file\n- The notes provided by the chart of the release\n- The hooks associated with the release\n- The metadata of the release\n\nUsage:\n  helm get [command]\n\nAvailable Commands:\n  all         download all information for a named release\n  hooks       download all hooks for a named release\n  manifest    download the manifest for a named release\n  metadata    This command fetches metadata for a given release\n  notes       download the notes for a named release\n  values      download the values file for a named release\n`);
    return 0;
  }
  if (!name || p.args.length !== 2) throw new HelmUsageError(`"helm get ${what}" requires 1 argument\n\nUsage:  helm get ${what} RELEASE_NAME [flags]`);
  const c = client(inv, p);
  const r = currentRelease(c, name, str(p, 'revision') ? Number(str(p, 'revision')) : undefined);
  const valuesText = (v: Values) => (str(p, 'output') === 'json' ? `${JSON.stringify(v)}\n` : Object.keys(v).length ? stringify(v, { indentSeq: false, sortMapEntries: true }) : 'null\n');
  if (what === 'values') {
    if (p.bools.has('all')) out(inv, `COMPUTED VALUES:\n${valuesText(r.config)}`);
    else out(inv, str(p, 'output') ? valuesText(r.config) : `USER-SUPPLIED VALUES:\n${valuesText(r.config)}`);
  } else if (what === 'manifest') out(inv, `${r.manifest}\n`);
  else if (what === 'notes') out(inv, r.info.notes ? `NOTES:\n${r.info.notes}` : '');
  else if (what === 'hooks') out(inv, '');
  else if (what === 'metadata') out(inv, `NAME: ${r.name}\nCHART: ${r.chart.metadata.name}\nVERSION: ${r.chart.metadata.version}\nAPP_VERSION: ${r.chart.metadata.appVersion}\nNAMESPACE: ${r.namespace}\nREVISION: ${r.version}\nSTATUS: ${r.info.status}\nDEPLOYED_AT: ${r.info.last_deployed}\n`);
  else out(inv, `${releaseSummary(r, { showNotes: false })}USER-SUPPLIED VALUES:\n${valuesText(r.config)}\nCOMPUTED VALUES:\n${valuesText(r.config)}\nHOOKS:\nMANIFEST:\n${r.manifest}\n${r.info.notes ? `NOTES:\n${r.info.notes}` : ''}`);
  return 0;
};

const template: Handler = async (inv) => {
  const p = parseInstallish(inv.argv);
  needArgs(p, 'template', 'helm template [NAME] [CHART] [flags]', 1, 2);
  const chartRef = p.args[p.args.length - 1];
  const name = p.args.length === 2 ? p.args[0] : 'release-name';
  checkName(name);
  const chart = resolveChart(inv.ctx, chartRef, str(p, 'version'));
  const namespace = str(p, 'namespace') ?? 'default';
  const { items } = render(chart, name, namespace, userValues(inv, p), 1, true);
  out(inv, manifestOf(items));
  return 0;
};

const show: Handler = async (inv) => {
  const p = parseArgs(inv.argv, { values: ['version', 'jsonpath'], bools: ['devel'] });
  const [what, ref] = p.args;
  if (!what || !['all', 'chart', 'crds', 'readme', 'values'].includes(what)) {
    out(inv, `\nThis command consists of multiple subcommands to display information about a chart\n\nUsage:\n  helm show [command]\n\nAliases:\n  show, inspect\n\nAvailable Commands:\n  all         show all information of the chart\n  chart       show the chart's definition\n  crds        show the chart's CRDs\n  readme      show the chart's README\n  values      show the chart's values\n`);
    return 0;
  }
  if (!ref) throw new HelmUsageError(`"helm show ${what}" requires 1 argument\n\nUsage:  helm show ${what} [CHART] [flags]`);
  const chart = resolveChart(inv.ctx, ref, str(p, 'version'));
  if (what === 'values') out(inv, chart.valuesYaml);
  else if (what === 'chart') out(inv, chartYaml(chart));
  else if (what === 'readme') out(inv, `# ${chart.name}\n\n${chart.description}\n`);
  else if (what === 'crds') out(inv, '');
  else out(inv, `${chartYaml(chart)}---\n${chart.valuesYaml}---\n# ${chart.name}\n\n${chart.description}\n`);
  return 0;
};

const repo: Handler = async (inv) => {
  const [sub, ...rest] = inv.argv.filter((a, i) => i > 0 || !a.startsWith('-'));
  const p = parseArgs(rest, { values: ['username', 'password', 'ca-file', 'cert-file', 'key-file', 'output'], bools: ['force-update', 'pass-credentials', 'insecure-skip-tls-verify', 'allow-deprecated-repos', 'fail-on-repo-update-fail'], shorts: { o: 'output' } });
  const repos = readRepos(inv.ctx);
  switch (sub) {
    case 'add': {
      needArgs(p, 'repo add', 'helm repo add [NAME] [URL] [flags]', 2);
      const [name, url] = p.args;
      const deprecated = deprecatedRepoError(url);
      if (deprecated && !p.bools.has('allow-deprecated-repos')) throw new HelmError(deprecated);
      const same = repos.find((r) => r.name === name);
      if (same && same.url === url) {
        out(inv, `"${name}" already exists with the same configuration, skipping\n`);
        return 0;
      }
      if (same && !p.bools.has('force-update')) throw new HelmError(`repository name (${name}) already exists, please specify a different name`);
      const failure = fetchIndex(inv.ctx, inv.deps, { name, url });
      if (failure) throw new HelmError(`looks like "${url}" is not a valid chart repository or cannot be reached: ${failure}`);
      writeRepos(inv.ctx, [...repos.filter((r) => r.name !== name), { name, url }]);
      out(inv, `"${name}" has been added to your repositories\n`);
      return 0;
    }
    case 'update':
    case 'up': {
      if (!repos.length) throw new HelmError('no repositories found. You must add one before updating');
      const chosen = p.args.length ? repos.filter((r) => p.args.includes(r.name)) : repos;
      for (const a of p.args) if (!repos.some((r) => r.name === a)) throw new HelmError(`no repositories found matching '${a}'.  Nothing will be updated`);
      out(inv, 'Hang tight while we grab the latest from your chart repositories...\n');
      const failed: string[] = [];
      for (const r of chosen) {
        const failure = fetchIndex(inv.ctx, inv.deps, r);
        if (failure) {
          out(inv, `...Unable to get an update from the "${r.name}" chart repository (${r.url}):\n\t${failure}\n`);
          failed.push(r.url);
        } else out(inv, `...Successfully got an update from the "${r.name}" chart repository\n`);
      }
      if (failed.length && p.bools.has('fail-on-repo-update-fail')) throw new HelmError(`Failed to update the following repositories: [${failed.join(' ')}]`);
      out(inv, 'Update Complete. ⎈Happy Helming!⎈\n');
      return 0;
    }
    case 'list':
    case 'ls': {
      if (!repos.length) throw new HelmError('no repositories to show');
      if (str(p, 'output') === 'json') out(inv, `${JSON.stringify(repos)}\n`);
      else if (str(p, 'output') === 'yaml') out(inv, stringify(repos, { indentSeq: false }));
      else out(inv, table([['NAME', 'URL'], ...repos.map((r) => [r.name, r.url])]));
      return 0;
    }
    case 'remove':
    case 'rm': {
      needArgs(p, 'repo remove', 'helm repo remove [REPO1 [REPO2 ...]] [flags]', 1, 99);
      if (!repos.length) throw new HelmError('no repositories configured');
      let left = repos;
      for (const name of p.args) {
        if (!left.some((r) => r.name === name)) throw new HelmError(`no repo named "${name}" found`);
        left = left.filter((r) => r.name !== name);
        writeRepos(inv.ctx, left);
        for (const f of [`${name}-index.yaml`, `${name}-charts.txt`]) {
          try {
            inv.ctx.fs.remove(`${inv.ctx.env.HOME ?? inv.ctx.user.home}/.cache/helm/repository/${f}`);
          } catch {
            // already gone
          }
        }
        out(inv, `"${name}" has been removed from your repositories\n`);
      }
      return 0;
    }
    default:
      out(inv, `\nThis command consists of multiple subcommands to interact with chart repositories.\n\nIt can be used to add, remove, list, and index chart repositories.\n\nUsage:\n  helm repo [command]\n\nAvailable Commands:\n  add         add a chart repository\n  index       generate an index file given a directory containing packaged charts\n  list        list chart repositories\n  remove      remove one or more chart repositories\n  update      update information of available charts locally from chart repositories\n`);
      return 0;
  }
};

const search: Handler = async (inv) => {
  const [sub, ...rest] = inv.argv;
  const p = parseArgs(rest, { values: ['version', 'output', 'max-col-width', 'endpoint'], bools: ['versions', 'regexp', 'devel', 'list-repo-url', 'fail-on-no-result'], shorts: { l: 'versions', r: 'regexp', o: 'output' } });
  const keyword = (p.args[0] ?? '').toLowerCase();
  const width = Number(str(p, 'max-col-width') ?? 50);
  if (sub === 'hub') {
    const rows: string[][] = [];
    for (const r of CHART_REPOSITORIES)
      for (const c of r.charts.filter((x, i, a) => a.findIndex((y) => y.name === x.name) === i))
        if (!keyword || c.name.includes(keyword) || c.description.toLowerCase().includes(keyword)) {
          const org = r.url.includes('bitnami') ? 'bitnami' : r.url.includes('ingress-nginx') ? 'ingress-nginx' : r.url.includes('metrics-server') ? 'metrics-server' : r.url.includes('headlamp') ? 'headlamp' : 'stable';
          rows.push([`https://artifacthub.io/packages/helm/${org}/${c.name}`, c.version, c.appVersion, c.description]);
        }
    if (!rows.length) out(inv, 'No results found\n');
    else out(inv, table([['URL', 'CHART VERSION', 'APP VERSION', 'DESCRIPTION'], ...rows], width));
    return 0;
  }
  if (sub !== 'repo') {
    out(inv, `\nSearch provides the ability to search for Helm charts in the various places\nthey can be stored including the Artifact Hub and repositories you have added.\nUse search subcommands to search different locations for charts.\n\nUsage:\n  helm search [command]\n\nAvailable Commands:\n  hub         search for charts in the Artifact Hub or your own hub instance\n  repo        search repositories for a keyword in charts\n`);
    return 0;
  }
  const repos = readRepos(inv.ctx);
  if (!repos.length) throw new HelmError('no repositories configured');
  const rows: string[][] = [];
  for (const r of repos) {
    const idx = cachedIndex(inv.ctx, r) ?? [];
    const seen = new Set<string>();
    for (const c of idx) {
      if (!p.bools.has('versions') && seen.has(c.name)) continue;
      seen.add(c.name);
      const full = `${r.name}/${c.name}`;
      if (keyword && !full.toLowerCase().includes(keyword) && !c.description.toLowerCase().includes(keyword)) continue;
      if (str(p, 'version') && c.version !== str(p, 'version')) continue;
      rows.push([full, c.version, c.appVersion, c.description]);
    }
  }
  rows.sort((a, b) => a[0].localeCompare(b[0]));
  if (!rows.length) {
    if (p.bools.has('fail-on-no-result')) throw new HelmError('no results found');
    out(inv, 'No results found\n');
    return 0;
  }
  out(inv, table([['NAME', 'CHART VERSION', 'APP VERSION', 'DESCRIPTION'], ...rows], width));
  return 0;
};

const version: Handler = async (inv) => {
  const p = parseArgs(inv.argv, { values: ['template'], bools: ['short', 'client'], shorts: { c: 'client' } });
  const v = HELM_VERSION;
  const tpl = str(p, 'template');
  if (tpl !== undefined) {
    const fields: Record<string, string> = { Version: v.version, GitCommit: v.commit, GitTreeState: 'clean', GoVersion: v.go };
    out(inv, tpl.replace(/\{\{-?\s*\.(\w+)\s*-?\}\}/g, (_m, k: string) => fields[k] ?? '<no value>'));
    return 0;
  }
  if (p.bools.has('short')) out(inv, `${v.version}+g${v.commit.slice(0, 7)}\n`);
  else out(inv, `version.BuildInfo{Version:"${v.version}", GitCommit:"${v.commit}", GitTreeState:"clean", GoVersion:"${v.go}"}\n`);
  return 0;
};

const env: Handler = async (inv) => {
  const home = inv.ctx.env.HOME ?? inv.ctx.user.home;
  const vars: Array<[string, string]> = [
    ['HELM_BIN', 'helm'],
    ['HELM_BURST_LIMIT', '100'],
    ['HELM_CACHE_HOME', `${home}/.cache/helm`],
    ['HELM_CONFIG_HOME', `${home}/.config/helm`],
    ['HELM_DATA_HOME', `${home}/.local/share/helm`],
    ['HELM_DEBUG', 'false'],
    ['HELM_KUBECONTEXT', ''],
    ['HELM_NAMESPACE', 'default'],
    ['HELM_PLUGINS', `${home}/.local/share/helm/plugins`],
    ['HELM_REGISTRY_CONFIG', `${home}/.config/helm/registry/config.json`],
    ['HELM_REPOSITORY_CACHE', `${home}/.cache/helm/repository`],
    ['HELM_REPOSITORY_CONFIG', `${home}/.config/helm/repositories.yaml`],
  ];
  out(inv, vars.map(([k, v]) => `${k}="${v}"\n`).join(''));
  return 0;
};

export const COMMANDS: Record<string, Handler> = {
  version,
  repo,
  search,
  install,
  upgrade,
  uninstall,
  list: listCmd,
  status,
  history: historyCmd,
  rollback,
  get: getCmd,
  template,
  show,
  env,
};

export const ALIASES: Record<string, string> = { ls: 'list', un: 'uninstall', del: 'uninstall', delete: 'uninstall', hist: 'history', inspect: 'show' };

void chartRepository;
