/** Anchors, aliases, tags and directives as go-yaml v2's scanner reads them, with its errors. */
import { URI_CHARS, code, isAlpha, isBlank, isBlankZ, isBreakZ, isDigit, isHex } from './chars';
import { copyMark, type Mark } from './error';
import type { Scanner } from './scanner';
import { T, type Token } from './tokens';

/** What may follow an anchor or alias name. */
const AFTER_ANCHOR = new Set([...'?:,]}%@`'].map((c) => code(c)));

export function scanAnchor(s: Scanner, type: T.Anchor | T.Alias): Token {
  const cur = s.cur;
  const start = copyMark(cur.mark);
  cur.skip();
  let name = '';
  while (isAlpha(cur.at())) name += cur.read();
  const end = copyMark(cur.mark);
  if (!name || !(isBlankZ(cur.at()) || AFTER_ANCHOR.has(cur.at()))) {
    s.error(type === T.Anchor ? 'while scanning an anchor' : 'while scanning an alias', start, 'did not find expected alphabetic or numeric character');
  }
  return { type, start, end, value: name };
}

function tagError(s: Scanner, directive: boolean, start: Mark, problem: string): never {
  s.error(directive ? 'while parsing a %TAG directive' : 'while parsing a tag', start, problem);
}

function scanTagHandle(s: Scanner, directive: boolean, start: Mark): string {
  const cur = s.cur;
  if (cur.at() !== code('!')) tagError(s, directive, start, "did not find expected '!'");
  let handle = cur.read();
  while (isAlpha(cur.at())) handle += cur.read();
  if (cur.at() === code('!')) handle += cur.read();
  else if (directive && handle !== '!') tagError(s, directive, start, "did not find expected '!'");
  return handle;
}

/** %XX escapes of one UTF-8 character in a tag URI. */
function scanUriEscapes(s: Scanner, directive: boolean, start: Mark): string {
  const cur = s.cur;
  const bytes: number[] = [];
  let width = 1024;
  while (width > 0) {
    if (!(cur.at() === code('%') && isHex(cur.at(1)) && isHex(cur.at(2)))) tagError(s, directive, start, 'did not find URI escaped octet');
    const octet = parseInt(String.fromCodePoint(cur.at(1), cur.at(2)), 16);
    if (width === 1024) {
      width = (octet & 0x80) === 0 ? 1 : (octet & 0xe0) === 0xc0 ? 2 : (octet & 0xf0) === 0xe0 ? 3 : (octet & 0xf8) === 0xf0 ? 4 : 0;
      if (width === 0) tagError(s, directive, start, 'found an incorrect leading UTF-8 octet');
    } else if ((octet & 0xc0) !== 0x80) tagError(s, directive, start, 'found an incorrect trailing UTF-8 octet');
    bytes.push(octet);
    cur.skip();
    cur.skip();
    cur.skip();
    width--;
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

function scanTagUri(s: Scanner, directive: boolean, head: string, start: Mark): string {
  const cur = s.cur;
  let uri = head.length > 1 ? head.slice(1) : '';
  let hasTag = head.length > 0;
  while (isAlpha(cur.at()) || URI_CHARS.has(cur.at())) {
    uri += cur.at() === code('%') ? scanUriEscapes(s, directive, start) : cur.read();
    hasTag = true;
  }
  if (!hasTag) tagError(s, directive, start, 'did not find expected tag URI');
  return uri;
}

export function scanTag(s: Scanner): Token {
  const cur = s.cur;
  const start = copyMark(cur.mark);
  let handle: string;
  let suffix: string;
  if (cur.at(1) === code('<')) {
    cur.skip();
    cur.skip();
    handle = '';
    suffix = scanTagUri(s, false, '', start);
    if (cur.at() !== code('>')) s.error('while scanning a tag', start, "did not find the expected '>'");
    cur.skip();
  } else {
    handle = scanTagHandle(s, false, start);
    if (handle.length > 1 && handle.endsWith('!')) suffix = scanTagUri(s, false, '', start);
    else {
      suffix = scanTagUri(s, false, handle, start);
      handle = '!';
      if (!suffix) [handle, suffix] = ['', '!'];
    }
  }
  if (!isBlankZ(cur.at())) s.error('while scanning a tag', start, 'did not find expected whitespace or line break');
  return { type: T.Tag, start, end: copyMark(cur.mark), value: handle, suffix };
}

function scanVersionNumber(s: Scanner, start: Mark): number {
  const cur = s.cur;
  let value = 0;
  let length = 0;
  while (isDigit(cur.at())) {
    if (++length > 2) s.error('while scanning a %YAML directive', start, 'found extremely long version number');
    value = value * 10 + cur.at() - code('0');
    cur.skip();
  }
  if (!length) s.error('while scanning a %YAML directive', start, 'did not find expected version number');
  return value;
}

export function scanDirective(s: Scanner): Token {
  const cur = s.cur;
  const start = copyMark(cur.mark);
  cur.skip();
  let name = '';
  while (isAlpha(cur.at())) name += cur.read();
  if (!name) s.error('while scanning a directive', start, 'could not find expected directive name');
  if (!isBlankZ(cur.at())) s.error('while scanning a directive', start, 'found unexpected non-alphabetical character');
  let token: Token;
  if (name === 'YAML') {
    while (isBlank(cur.at())) cur.skip();
    const major = scanVersionNumber(s, start);
    if (cur.at() !== code('.')) s.error('while scanning a %YAML directive', start, "did not find expected digit or '.' character");
    cur.skip();
    const minor = scanVersionNumber(s, start);
    token = { type: T.VersionDirective, start, end: copyMark(cur.mark), major, minor };
  } else if (name === 'TAG') {
    while (isBlank(cur.at())) cur.skip();
    const handle = scanTagHandle(s, true, start);
    if (!isBlank(cur.at())) s.error('while scanning a %TAG directive', start, 'did not find expected whitespace');
    while (isBlank(cur.at())) cur.skip();
    const prefix = scanTagUri(s, true, '', start);
    if (!isBlankZ(cur.at())) s.error('while scanning a %TAG directive', start, 'did not find expected whitespace or line break');
    token = { type: T.TagDirective, start, end: copyMark(cur.mark), value: handle, suffix: prefix };
  } else s.error('while scanning a directive', start, 'found unknown directive name');
  while (isBlank(cur.at())) cur.skip();
  if (cur.at() === code('#')) while (!isBreakZ(cur.at())) cur.skip();
  if (!isBreakZ(cur.at())) s.error('while scanning a directive', start, 'did not find expected comment or line break');
  cur.skipLine();
  return token;
}
