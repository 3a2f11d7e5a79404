/** Packages of a simulated machine: repositories, the dpkg database, sources and keys. */
export { REPOSITORIES, PACKAGE_INFO, K8S_LATEST_PATCH, findRepo, type RepoDef, type CatalogueEntry } from './catalogue';
export { packagesState, availableVersions, versionsOf, candidateOf, upgradable, installPackage, removePackage, type PackagesState, type InstalledPackage } from './db';
export { compareDebVersions, satisfies } from './version';
export { publishedKey, dearmor } from './keys';
export { readSources, parseSourcesList } from './sources';
export { downloadArtefact, packageHostAddress } from './downloads';
