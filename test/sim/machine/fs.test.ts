import { describe, expect, it } from 'vitest';
import { FsError } from '../../../src/shell/command';
import { MemFs, directoryEntriesGeneration, normalizePath } from '../../../src/sim/machine/fs';
import { Machine } from '../../../src/sim/machine/machine';

function ubuntu(): Machine {
  let now = 1_000;
  return Machine.ubuntu({ hostname: 'cka01', ip: '192.168.6.171', programs: ['ls', 'cat', 'sudo', 'sysctl'] }, () => now++);
}

const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof FsError ? e.code : 'other';
  }
  return undefined;
};

describe('MemFs paths', () => {
  it('normalises relative and dotted paths', () => {
    expect(normalizePath('a/../b/./c', '/x')).toBe('/x/b/c');
    expect(normalizePath('../../..', '/a')).toBe('/');
    expect(normalizePath('/usr//bin/')).toBe('/usr/bin');
  });
});

describe('permissions', () => {
  const m = ubuntu();
  const ubuntuUser = m.user('ubuntu')!;
  const fs = m.fs.view(ubuntuUser.creds, '/home/ubuntu');

  it('lets a normal user write in their home but not in /etc', () => {
    fs.writeFile('notes.txt', 'hi\n');
    expect(fs.readFile('/home/ubuntu/notes.txt')).toBe('hi\n');
    expect(fs.stat('notes.txt')).toMatchObject({ uid: 1000, gid: 1000, mode: 0o644, type: 'file' });
    expect(code(() => fs.writeFile('/etc/hosts', 'x'))).toBe('EACCES');
    expect(code(() => fs.writeFile('/etc/newfile', 'x'))).toBe('EACCES');
  });

  it('hides /etc/shadow and /root from a normal user; root bypasses', () => {
    expect(code(() => fs.readFile('/etc/shadow'))).toBe('EACCES');
    expect(code(() => fs.readdir('/root'))).toBe('EACCES');
    expect(m.rootFs.readFile('/etc/shadow')).toContain('root:');
  });

  it('keeps the sticky bit of /tmp: others cannot delete your files', () => {
    m.rootFs.writeFile('/tmp/root-file', 'r');
    expect(code(() => fs.remove('/tmp/root-file'))).toBe('EACCES');
    fs.writeFile('/tmp/mine', 'u');
    fs.remove('/tmp/mine');
    expect(fs.stat('/tmp/mine')).toBeNull();
  });

  it('refuses chmod and chown of files one does not own', () => {
    expect(code(() => fs.chmod('/etc/hosts', 0o777))).toBe('EPERM');
    expect(code(() => fs.chown('notes.txt', 0, 0))).toBe('EPERM');
  });

  it('applies the umask to new files and directories', () => {
    const v = m.fs.view(ubuntuUser.creds, '/home/ubuntu');
    v.umask = 0o077;
    v.mkdir('private');
    expect(v.stat('private')!.mode).toBe(0o700);
  });
});

describe('symlinks and errors', () => {
  const m = ubuntu();
  const fs = m.rootFs;
  it('follows merged-/usr links', () => {
    expect(fs.lstat('/bin')!.type).toBe('symlink');
    expect(fs.stat('/bin/ls')!.type).toBe('file');
    expect(fs.realpath('/bin/ls')).toBe('/usr/bin/ls');
    expect(fs.readFile('/etc/os-release')).toContain('VERSION_ID="22.04"');
  });

  it('reports ELOOP, ENOTDIR, EISDIR, ENOTEMPTY, EEXIST', () => {
    fs.symlink('/loop2', '/loop1');
    fs.symlink('/loop1', '/loop2');
    expect(code(() => fs.readFile('/loop1'))).toBe('ELOOP');
    expect(code(() => fs.readFile('/etc/hosts/x'))).toBe('ENOTDIR');
    expect(code(() => fs.readFile('/etc'))).toBe('EISDIR');
    expect(code(() => fs.remove('/etc'))).toBe('ENOTEMPTY');
    expect(code(() => fs.mkdir('/etc'))).toBe('EEXIST');
    expect(code(() => fs.readFile('/nope'))).toBe('ENOENT');
  });

  it('discards writes to /dev/null and reads it empty', () => {
    fs.writeFile('/dev/null', 'gone');
    expect(fs.readFile('/dev/null')).toBe('');
    expect(fs.stat('/dev/null')!.type).toBe('chardev');
  });

  it('renames files and refuses to move a directory into itself', () => {
    fs.mkdir('/srv/a/b', { recursive: true });
    fs.writeFile('/srv/a/f', '1');
    fs.rename('/srv/a/f', '/srv/g');
    expect(fs.readFile('/srv/g')).toBe('1');
    expect(code(() => fs.rename('/srv/a', '/srv/a/b/c'))).toBe('EINVAL');
  });

  it('counts directory links as ls -l shows them', () => {
    fs.mkdir('/data/x', { recursive: true });
    fs.mkdir('/data/y');
    expect(fs.stat('/data')!.nlink).toBe(4);
  });
});

describe('serialisation', () => {
  it('round-trips the whole tree with owners, modes and times', () => {
    const m = ubuntu();
    m.rootFs.writeFile('/root/a.txt', 'ä\n');
    m.ext.kernel = { modules: ['overlay'] };
    const json = JSON.parse(JSON.stringify(m.toJSON()));
    const back = Machine.fromJSON(json, () => 0);
    expect(JSON.stringify(back.toJSON())).toBe(JSON.stringify(m.toJSON()));
    expect(back.rootFs.readFile('/root/a.txt')).toBe('ä\n');
    expect(back.rootFs.stat('/etc/shadow')!.mode).toBe(0o640);
    expect(back.ext.kernel).toEqual({ modules: ['overlay'] });
  });

  it('is compact (a fresh machine stays well under 100 KB of JSON)', () => {
    expect(JSON.stringify(ubuntu().toJSON()).length).toBeLessThan(100_000);
  });

  it('keeps an empty MemFs consistent', () => {
    const fs = new MemFs(() => 5);
    expect(MemFs.fromJSON(fs.toJSON()).admin.readdir('/')).toEqual([]);
  });
});

describe('directory entries generation', () => {
  it('moves on every change of a directory\'s entries in any filesystem, not on content writes or reads', () => {
    const a = new MemFs(() => 0).admin;
    const b = new MemFs(() => 0).admin;
    const seen: number[] = [directoryEntriesGeneration()];
    const step = (f: () => void): boolean => {
      f();
      const g = directoryEntriesGeneration();
      const moved = g !== seen[seen.length - 1];
      seen.push(g);
      return moved;
    };
    expect(step(() => a.mkdir('/d'))).toBe(true);
    expect(step(() => a.writeFile('/d/f', 'x'))).toBe(true);
    expect(step(() => a.writeFile('/d/f', 'y'))).toBe(false);
    expect(step(() => a.readdir('/d'))).toBe(false);
    expect(step(() => a.chmod('/d/f', 0o600))).toBe(false);
    expect(step(() => a.rename('/d/f', '/d/g'))).toBe(true);
    expect(step(() => a.symlink('/d/g', '/d/h'))).toBe(true);
    expect(step(() => a.remove('/d/h'))).toBe(true);
    expect(step(() => b.mkdir('/other'))).toBe(true);
    expect(step(() => b.mknod('/other/null', 'null'))).toBe(true);
  });
});
