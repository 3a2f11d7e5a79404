/**
 * A narrator for a control-plane static pod: its container runs the component's image at a
 * version whose texts this simulation knows, with the command line of the machine's manifest.
 * A container of that image that is not a static pod (a learner's own Pod) prints nothing here.
 */
import type { Narrator, NarrationContext } from './index';
import type { ProcessLine } from '../control-plane-processes';
import { commandOf } from '../control-plane-processes';

/** The tag of an image reference (v1.33.4, 3.5.21-0). */
export const imageTag = (image: string): string => image.split(':').pop() ?? '';

export function staticPodNarrator(binary: string, versions: RegExp, lines: (ctx: NarrationContext, argv: readonly string[], version: string) => ProcessLine[]): Narrator {
  return {
    matches: (repo, c) => repo.endsWith(`/${binary}`) && c.namespace === 'kube-system' && versions.test(imageTag(c.image)),
    lines(ctx) {
      const argv = commandOf(ctx.machine, ctx.container);
      if (!argv || argv[0] !== binary) return [];
      return lines(ctx, argv, imageTag(ctx.container.image));
    },
  };
}
