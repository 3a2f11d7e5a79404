/**
 * kubectl's credentials prompt on a terminal (headless xterm on a cluster world): a context whose
 * user does not exist has no credentials, so kubectl asks for a username (echoed) and a password
 * (not echoed, and Enter moves no line, as with term.ReadPassword); the API server then refuses
 * basic auth.
 */
import { describe, expect, it } from 'vitest';
import { bootWorld, openSystemSession } from '../../src/runtime/session';
import { sessionBackend } from '../../src/terminal/session-backend';
import { startController } from './support/headless';

describe('kubectl asks for missing credentials on a terminal', () => {
  it('reads the username with echo and the password without', async () => {
    const world = bootWorld('cluster');
    const session = openSystemSession(world, { host: 'cka01', user: 'root' });
    await session.ready;
    const { rig } = startController(sessionBackend(session), { cols: 200, rows: 40 });
    await rig.flush();
    const type = async (data: string, until: RegExp) => {
      rig.type(data);
      for (let i = 0; i < 2000 && !until.test(rig.screen()); i++) await rig.flush();
      expect(rig.screen()).toMatch(until);
    };
    await type('kubectl config set-context nouser --cluster=kubernetes --user=ghost\r', /Context "nouser" created\.\nroot@cka01:~#$/);
    await type('kubectl --context=nouser get pods\r', /Please enter Username:$/);
    await type('bob\r', /Please enter Username: bob\nPlease enter Password:$/);
    await type('secret\r', /root@cka01:~#$/);
    expect(rig.screen()).not.toContain('secret');
    expect(rig.screen()).toMatch(/Please enter Password: E\d{4} [^\n]*memcache\.go:265\] "Unhandled Error" err="couldn't get current server API group list: the server has asked for the client to provide credentials"\n/);
    expect(rig.screen()).toMatch(/error: You must be logged in to the server \(the server has asked for the client to provide credentials\)\nroot@cka01:~#$/);
  });
});
