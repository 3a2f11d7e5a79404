/** systemd of a simulated machine: unit files, the service manager, the journal. */
export { Systemd, systemdOf, type SystemdState, type UnitRuntime, type ActionResult } from './manager';
export { loadUnit, unitName, parseUnitText, enablement, type UnitFile } from './units';
export { SERVICE_BEHAVIOURS, kubeletStartError, type ServiceBehaviour, type ServiceEnv } from './services';
export { bootSystemd } from './boot';
export type { JournalEntry } from './journal';
