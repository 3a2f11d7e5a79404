/**
 * The directory watch (inotify as fsnotify reports it): which operations give which events, on
 * which directory, and that a watch belongs to the directory's inode, not to its path.
 */
import { describe, expect, it } from 'vitest';
import { FsError } from '../../../src/shell/command';
import { MemFs, type DirEvent } from '../../../src/sim/machine/fs';

function watched(path = '/d') {
  const fs = new MemFs(() => 0).admin;
  fs.mkdir(path, { recursive: true });
  const events: DirEvent[] = [];
  const stop = fs.watchDirectory(path, (e) => events.push(e));
  return { fs, events, stop };
}

describe('watchDirectory', () => {
  it('reports a file created (and written when it has content), rewritten, appended to, chmod and chown, removed', () => {
    const { fs, events } = watched();
    fs.writeFile('/d/a.yaml', 'x');
    fs.writeFile('/d/empty', '');
    fs.writeFile('/d/a.yaml', 'y');
    fs.writeFile('/d/a.yaml', 'z', { append: true });
    fs.chmod('/d/a.yaml', 0o600);
    fs.chown('/d/a.yaml', 1000, 1000);
    fs.remove('/d/a.yaml');
    expect(events).toEqual([
      { op: 'create', name: 'a.yaml' },
      { op: 'write', name: 'a.yaml' },
      { op: 'create', name: 'empty' },
      { op: 'write', name: 'a.yaml' },
      { op: 'write', name: 'a.yaml' },
      { op: 'chmod', name: 'a.yaml' },
      { op: 'chmod', name: 'a.yaml' },
      { op: 'remove', name: 'a.yaml' },
    ]);
  });

  it('a move is a rename where it left and a create where it arrived; directories, symlinks and devices made are creates', () => {
    const { fs, events } = watched();
    fs.mkdir('/elsewhere');
    fs.writeFile('/elsewhere/in.yaml', 'x');
    fs.rename('/elsewhere/in.yaml', '/d/in.yaml');
    fs.rename('/d/in.yaml', '/d/renamed.yaml');
    fs.rename('/d/renamed.yaml', '/elsewhere/out.yaml');
    fs.mkdir('/d/sub');
    fs.symlink('/etc', '/d/link');
    fs.mknod('/d/null', 'null');
    expect(events).toEqual([
      { op: 'create', name: 'in.yaml' },
      { op: 'rename', name: 'in.yaml' },
      { op: 'create', name: 'renamed.yaml' },
      { op: 'rename', name: 'renamed.yaml' },
      { op: 'create', name: 'sub' },
      { op: 'create', name: 'link' },
      { op: 'create', name: 'null' },
    ]);
  });

  it('hears nothing of other directories, nor of files in its subdirectories, nor after it is stopped', () => {
    const { fs, events, stop } = watched();
    fs.mkdir('/d/sub');
    events.length = 0;
    fs.writeFile('/d/sub/x', 'x');
    fs.writeFile('/other', 'x');
    expect(events).toEqual([]);
    stop();
    stop();
    fs.writeFile('/d/late', 'x');
    expect(events).toEqual([]);
  });

  it('follows the inode: a watched directory moved keeps reporting; one removed and made again does not', () => {
    const { fs, events } = watched('/a/d');
    fs.rename('/a/d', '/a/moved');
    fs.writeFile('/a/moved/f', '');
    expect(events).toEqual([{ op: 'create', name: 'f' }]);
    fs.remove('/a/moved', { recursive: true });
    fs.mkdir('/a/moved');
    fs.writeFile('/a/moved/g', '');
    expect(events).toEqual([
      { op: 'create', name: 'f' },
      { op: 'remove', name: 'f' },
    ]);
  });

  it('a write through a symlink is reported in the directory of the file it reaches', () => {
    const { fs, events } = watched();
    fs.writeFile('/d/target', 'x');
    fs.symlink('/d/target', '/pointer');
    events.length = 0;
    fs.writeFile('/pointer', 'y');
    expect(events).toEqual([{ op: 'write', name: 'target' }]);
  });

  it('fails as inotify_add_watch does: no such directory, not a directory', () => {
    const fs = new MemFs(() => 0).admin;
    fs.writeFile('/file', '');
    expect(() => fs.watchDirectory('/missing', () => {})).toThrow(new FsError('ENOENT', '/missing'));
    expect(() => fs.watchDirectory('/file', () => {})).toThrow(new FsError('ENOTDIR', '/file'));
  });
});
