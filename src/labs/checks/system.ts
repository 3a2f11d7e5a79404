/**
 * Checks on a machine's system state, read the way an administrator would: packages through dpkg and
 * apt-mark, units through systemctl, the kernel through /proc. What the tools say is the truth.
 */
import { fail, pass, type CheckHandler } from './types';

export const packageCheck: CheckHandler<'package'> = async (check, target) => {
  const q = await target.exec(check.host, `dpkg-query -W -f='\${Status}|\${Version}' ${check.name} 2>/dev/null`);
  const [status = '', version = ''] = q.stdout.split('|');
  const installed = q.status === 0 && /\bok installed$/.test(status.trim());
  const where = `${check.name} on ${check.host}`;
  const whereZh = `${check.host} 上的 ${check.name}`;
  if (!check.installed) {
    return installed
      ? fail(`${where} is still installed (${version}).`, `${whereZh} 仍已安装（${version}）。`, { expected: 'not installed', actual: version })
      : pass(`${where} is not installed.`, `${whereZh} 未安装。`);
  }
  if (!installed) return fail(`${where} is not installed.`, `${whereZh} 尚未安装。`, { expected: check.version ?? 'installed', actual: 'not installed' });
  if (check.version && !version.startsWith(check.version)) {
    return fail(`${where} is at ${version}; the task asks for ${check.version}.`, `${whereZh} 的版本是 ${version}，任务要求 ${check.version}。`, { expected: check.version, actual: version });
  }
  if (check.held !== undefined) {
    const holds = await target.exec(check.host, 'apt-mark showhold');
    const held = holds.stdout.split('\n').includes(check.name);
    if (held !== check.held) {
      return check.held
        ? fail(`${where} is not held: an upgrade would move it.`, `${whereZh} 没有被 hold，升级时会被一起更新。`, { expected: 'held', actual: 'not held' })
        : fail(`${where} is still held.`, `${whereZh} 仍处于 hold 状态。`, { expected: 'not held', actual: 'held' });
    }
  }
  return pass(`${where} is ${version}${check.held ? ', held' : ''}.`, `${whereZh} 版本为 ${version}${check.held ? '，已 hold' : ''}。`);
};

export const serviceCheck: CheckHandler<'service'> = async (check, target) => {
  const unit = check.unit.includes('.') ? check.unit : `${check.unit}.service`;
  if (check.active !== undefined) {
    const r = await target.exec(check.host, `systemctl is-active ${unit}`);
    const state = r.stdout.trim() || 'unknown';
    if ((state === 'active') !== check.active) {
      return fail(`${unit} on ${check.host} is ${state}; the task asks for it to be ${check.active ? 'active' : 'stopped'}.`, `${check.host} 上的 ${unit} 当前为 ${state}，任务要求${check.active ? '处于运行状态' : '停止'}。`, {
        expected: check.active ? 'active' : 'inactive',
        actual: state,
      });
    }
  }
  if (check.enabled !== undefined) {
    const r = await target.exec(check.host, `systemctl is-enabled ${unit}`);
    const state = r.stdout.trim() || 'unknown';
    if ((state === 'enabled') !== check.enabled) {
      return fail(`${unit} on ${check.host} is ${state} at boot; the task asks for it to be ${check.enabled ? 'enabled' : 'disabled'}.`, `${check.host} 上的 ${unit} 开机状态为 ${state}，任务要求${check.enabled ? '开机自启（enabled）' : '禁用（disabled）'}。`, {
        expected: check.enabled ? 'enabled' : 'disabled',
        actual: state,
      });
    }
  }
  return pass(`${unit} on ${check.host} is as the task asks.`, `${check.host} 上的 ${unit} 符合要求。`);
};

export const kernelCheck: CheckHandler<'kernel'> = (check, target) => {
  if (check.module) {
    const modules = target.readFile(check.host, '/proc/modules') ?? '';
    if (!modules.split('\n').some((l) => l.split(' ')[0] === check.module)) {
      return fail(`The kernel module ${check.module} is not loaded on ${check.host}.`, `${check.host} 上没有加载内核模块 ${check.module}。`, { expected: `${check.module} loaded`, actual: 'not loaded' });
    }
  }
  if (check.sysctl) {
    const path = `/proc/sys/${check.sysctl.key.replace(/\./g, '/')}`;
    const value = target.readFile(check.host, path)?.trim();
    if (value !== check.sysctl.value) {
      return fail(`${check.sysctl.key} is ${value ?? '(absent)'} on ${check.host}; the task asks for ${check.sysctl.value}.`, `${check.host} 上 ${check.sysctl.key} 为 ${value ?? '（不存在）'}，任务要求 ${check.sysctl.value}。`, {
        expected: check.sysctl.value,
        actual: value ?? '(absent)',
      });
    }
  }
  if (check.swapOff) {
    const areas = (target.readFile(check.host, '/proc/swaps') ?? '').split('\n').slice(1).filter((l) => l.trim());
    if (areas.length) {
      return fail(`Swap is still on on ${check.host} (${areas[0].split(/\s+/)[0]}).`, `${check.host} 上的 swap 仍然开启（${areas[0].split(/\s+/)[0]}）。`, { expected: 'no swap', actual: areas[0].split(/\s+/)[0] });
    }
  }
  return pass(`The kernel of ${check.host} is as the task asks.`, `${check.host} 的内核状态符合要求。`);
};
