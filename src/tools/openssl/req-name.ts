/** Subject names for requests: `-subj` strings and attribute lists (OpenSSL's short names). */
import type { DistinguishedName } from '../../sim/pki/cert';

export const SHORT_NAMES: Record<string, string> = {
  commonName: 'CN', organizationName: 'O', countryName: 'C', stateOrProvinceName: 'ST', localityName: 'L', organizationalUnitName: 'OU',
  CN: 'CN', O: 'O', C: 'C', ST: 'ST', L: 'L', OU: 'OU', emailAddress: 'emailAddress', DC: 'DC', serialNumber: 'serialNumber',
};

/** A name from its attributes in order: CN and O also kept apart (the API server reads those). */
export function nameFromAttributes(attributes: [string, string][]): DistinguishedName {
  const commonName = attributes.find(([t]) => t === 'CN')?.[1] ?? '';
  const organizations = attributes.filter(([t]) => t === 'O').map(([, v]) => v);
  const onlyCnAndO = attributes.every(([t]) => t === 'CN' || t === 'O');
  const cnFirst = attributes.length === 0 || attributes[0][0] === 'CN';
  return onlyCnAndO ? { commonName, organizations, cnFirst } : { commonName, organizations, cnFirst, attributes };
}

/**
 * `-subj /CN=jane/O=dev`, in order; undefined when it is not in that format. Unknown or empty
 * attributes are skipped with OpenSSL's warning (written to warn).
 */
export function parseSubject(subj: string, warn: (line: string) => void = () => {}): DistinguishedName | undefined {
  if (!subj.startsWith('/')) return undefined;
  const parts = subj.slice(1).split(/(?<!\\)\//).filter((p) => p !== '');
  const attributes: [string, string][] = [];
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    const type = part.slice(0, eq);
    const value = part.slice(eq + 1).replace(/\\(.)/g, '$1');
    const short = SHORT_NAMES[type];
    if (!short) warn(`req warning: Skipping unknown subject name attribute "${type}"\n`);
    else if (value === '') warn(`req warning: No value provided for subject name attribute "${type}", skipped\n`);
    else attributes.push([short, value]);
  }
  return nameFromAttributes(attributes);
}
