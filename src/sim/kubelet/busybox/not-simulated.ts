/**
 * An applet the busybox image has (its /bin holds every applet of the build, image-applets.json)
 * that this simulation does not run. It must not pretend to work: it answers as the codebase
 * answers for every binary it does not simulate (container-control-plane.ts), `NAME: command not
 * found` and status 127, words no real shell prints, so the learner can tell the simulation's
 * limit from the image's behaviour.
 */
import type { Program } from '../../../shell/command';

export const notSimulated: Program = async (p) => {
  p.stderr.write(`${p.argv[0]}: command not found\n`);
  return 127;
};
