/**
 * Repository signing keys as files: the ASCII-armored key a repository publishes (Release.key,
 * gpg, apt-key.gpg), what `gpg --dearmor` makes of it, and whether a keyring file holds a key id.
 * The "binary" form is a marker line plus the key ids, which is all apt needs to decide.
 */
import { DOCKER_KEY_ID, GOOGLE_KEY_ID, K8S_KEY_ID } from './catalogue';

const BINARY_MAGIC = '\u0099\u0001\r\u0004keyring:';

function armor(body: string): string {
  const b64 = btoa(body);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n${lines.join('\n')}\n=${b64.slice(0, 4)}\n-----END PGP PUBLIC KEY BLOCK-----\n`;
}

export function armoredKey(keyId: string, uid: string): string {
  return armor(`pgp-public-key ${keyId} ${uid}`);
}

/** Published keys by URL (served by the offline network). */
export function publishedKey(url: string): string | undefined {
  if (/^https:\/\/pkgs\.k8s\.io\/core:\/stable:\/v1\.(2[89]|3[0-4])\/deb\/Release\.key$/.test(url)) return armoredKey(K8S_KEY_ID, 'isv:kubernetes OBS Project <isv:kubernetes@build.opensuse.org>');
  if (url === 'https://download.docker.com/linux/ubuntu/gpg') return armoredKey(DOCKER_KEY_ID, 'Docker Release (CE deb) <docker@docker.com>');
  if (/^https:\/\/(mirrors\.aliyun\.com|mirrors\.tuna\.tsinghua\.edu\.cn)\/kubernetes\/apt\/doc\/apt-key\.gpg$/.test(url) || url === 'https://packages.cloud.google.com/apt/doc/apt-key.gpg') {
    return armoredKey(GOOGLE_KEY_ID, 'Rapture Automatic Signing Key (cloud-rapture-signing-key-2022-03-07-08_01_01.pub)');
  }
  return undefined;
}

/** gpg --dearmor: the binary keyring of an armored block, or null when the input is not armored. */
export function dearmor(text: string): string | null {
  const m = /-----BEGIN PGP PUBLIC KEY BLOCK-----\n(?:[^\n]*:[^\n]*\n)*\n?([\s\S]*?)\n=[^\n]*\n-----END PGP PUBLIC KEY BLOCK-----/.exec(text);
  if (!m) return null;
  try {
    const body = atob(m[1].replace(/\s+/g, ''));
    const id = /^pgp-public-key (\S+)/.exec(body)?.[1] ?? 'UNKNOWN';
    return `${BINARY_MAGIC}${id}\n`;
  } catch {
    return null;
  }
}

export function isArmored(text: string): boolean {
  return text.includes('-----BEGIN PGP PUBLIC KEY BLOCK-----');
}

/** Key ids a keyring file holds: binary keyrings of any name; armored ones only as *.asc (apt's rule). */
export function keyIdsIn(path: string, text: string): { ids: string[]; unsupported: boolean } {
  if (text.startsWith(BINARY_MAGIC)) return { ids: text.split('\n').filter((l) => l.startsWith(BINARY_MAGIC)).map((l) => l.slice(BINARY_MAGIC.length)), unsupported: false };
  if (isArmored(text)) {
    if (!path.endsWith('.asc')) return { ids: [], unsupported: true };
    const bin = dearmor(text);
    return { ids: bin ? [bin.slice(BINARY_MAGIC.length).trim()] : [], unsupported: false };
  }
  return { ids: [], unsupported: text.length > 0 };
}
