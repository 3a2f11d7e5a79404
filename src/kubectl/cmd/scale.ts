/** kubectl scale (TYPE NAME | TYPE/NAME | -f) --replicas=N [--current-replicas=N] */
import type { KubeObject } from '../../sim/apiserver/types';
import { fail } from '../errors';
import type { Invocation } from '../invocation';
import { checkRequired } from './create/generator';
import { mutate } from './mutate';
import { register } from './registry';

async function scale(inv: Invocation): Promise<number> {
  checkRequired(inv, ['replicas']);
  const replicas = inv.flags.int('replicas');
  if (replicas < 0) throw fail('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const expected = inv.flags.int('current-replicas');
  return mutate(inv, {
    done: 'scaled',
    nothingFound: 'no objects passed to scale',
    // PATCH …/scale as kubectl's scaler does: the server records it under subresource "scale"
    subresource: 'scale',
    change(obj: KubeObject) {
      const spec = (obj.spec = (obj.spec as Record<string, unknown>) ?? {}) as Record<string, unknown>;
      const current = (spec.replicas as number | undefined) ?? 1;
      if (expected >= 0 && current !== expected) throw fail(`Expected replicas to be ${expected}, was ${current}`);
      spec.replicas = replicas;
      return true;
    },
  });
}

register('scale', scale);
