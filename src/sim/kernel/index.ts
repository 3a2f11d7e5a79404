/** Kernel state of a simulated machine: modules, sysctl, swap, hostname, SELinux, boot. */
export * from './modules';
export * from './sysctl';
export * from './swap';
export * from './state';
