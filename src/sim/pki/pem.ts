/**
 * PEM armour shared by the simulated certificates, requests and keys: base64 of a small JSON
 * document (our compact stand-in for DER), wrapped at 64 columns like openssl writes it.
 */

export function utf8ToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function base64ToUtf8(b64: string): string | undefined {
  try {
    const bin = atob(b64.replace(/\s+/g, ''));
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

export function armour(label: string, body: string): string {
  const lines = utf8ToBase64(body).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** The decoded body of the first PEM block with one of these labels, with the label found. */
export function unarmour(text: string, labels: readonly string[]): { label: string; body: string } | undefined {
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!labels.includes(m[1])) continue;
    const body = base64ToUtf8(m[2]);
    if (body !== undefined) return { label: m[1], body };
  }
  return undefined;
}

/** A JSON body carrying our magic, or undefined. */
export function parseTagged<T>(body: string, magic: string): T | undefined {
  try {
    const data = JSON.parse(body) as { m?: string };
    return data && data.m === magic ? (data as T) : undefined;
  } catch {
    return undefined;
  }
}
