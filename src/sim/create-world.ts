/**
 * Building a scenario's starting world. Kept apart from world.ts so that restoring a saved world
 * (World.fromJSON) does not pull every scenario builder — and with them the whole cluster — into
 * the code a terminal needs for its first prompt.
 */
import { SimClock } from './clock';
import { SeededRandom } from './random';
import { scenarios } from './scenarios/index';
import { World, type WorldOptions } from './world';

/** Build the starting world of a scenario (see src/sim/scenarios). */
export function createWorld(scenarioName: string, options: WorldOptions = {}): World {
  const scenario = scenarios[scenarioName];
  if (!scenario) throw new Error(`unknown scenario "${scenarioName}" (known: ${Object.keys(scenarios).join(', ')})`);
  const clock = options.clock ?? new SimClock();
  const world = new World(scenarioName, clock, new SeededRandom(options.seed ?? 1));
  scenario.build(world, options);
  return world;
}
