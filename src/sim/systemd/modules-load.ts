/**
 * systemd-modules-load.service: at boot, and whenever it is (re)started, it loads the modules named
 * in /etc/modules-load.d/*.conf (and the other modules-load.d directories). A name the kernel does
 * not have fails the unit, with the message systemd-modules-load logs.
 */
import type { ServiceBehaviour } from './services';
import { loadModule, modulesToLoadAtBoot } from '../kernel/modules';
import { ensureProcFiles } from '../kernel/state';

export const modulesLoad: ServiceBehaviour = {
  start(env) {
    const fs = env.machine.rootFs;
    ensureProcFiles(fs);
    const logs: string[] = [];
    let failed = false;
    for (const name of modulesToLoadAtBoot(fs)) {
      const r = loadModule(fs, name);
      if (r === 'loaded') logs.push(`Inserted module '${name.replace(/-/g, '_')}'`);
      else if (r === 'unknown') {
        logs.push(`Failed to find module '${name}'`);
        failed = true;
      }
    }
    return failed ? { ok: false, exitStatus: 1, logs } : { ok: true, logs };
  },
};

/** chronyd starts; offline, its pools never resolve, so it has no sources (chronyc shows that). */
export const chronyd: ServiceBehaviour = {
  start(env) {
    const version = env.machine.os.id === 'ubuntu' ? '4.2' : '3.4';
    const features = env.machine.os.id === 'ubuntu' ? '+CMDMON +NTP +REFCLOCK +RTC +PRIVDROP +SCFILTER +SIGND +ASYNCDNS +NTS +SECHASH +IPV6 -DEBUG' : '+CMDMON +NTP +REFCLOCK +RTC +PRIVDROP +SCFILTER +SIGND +ASYNCDNS +SECHASH +IPV6 +DEBUG';
    return { ok: true, logs: [`chronyd version ${version} starting (${features})`, 'Frequency 0.000 +/- 1000000.000 ppm read from /var/lib/chrony/chrony.drift'] };
  },
};
