/**
 * Runs a full-screen state machine (vim, nano) on the controlling terminal: alternate screen,
 * raw keys, redraw after every key, redraw on resize, back to the shell's screen on exit.
 */
import type { Tty } from '../../shell/command';
import { FrameWriter, type Frame } from './screen';

export interface FullScreenApp {
  feed(data: string): void;
  frame(): Frame;
  resize(cols: number, rows: number): void;
  readonly quit: boolean;
}

export function runFullScreen(tty: Tty, app: FullScreenApp): Promise<void> {
  return new Promise((resolve) => {
    const writer = new FrameWriter((d) => tty.write(d));
    writer.enter();
    writer.draw(app.frame());
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      keys.release();
      resize.dispose();
      writer.leave();
      resolve();
    };
    const keys = tty.takeKeys((data) => {
      if (done) return;
      try {
        app.feed(data);
      } catch {
        // A bug in an editor command must never take the terminal down with it.
      }
      if (app.quit) finish();
      else writer.draw(app.frame());
    });
    const resize = tty.onResize((cols, rows) => {
      app.resize(cols, rows);
      writer.invalidate();
      writer.draw(app.frame());
    });
  });
}
