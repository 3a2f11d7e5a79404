import { describe, expect, it } from 'vitest';
import { toolNames } from '../../src/tools/index';
import { machineToolTable } from '../../src/tools/table';

describe('machine tool names', () => {
  it('lists exactly the programs of the lazily loaded table, in its order', () => {
    expect([...toolNames]).toEqual(Object.keys(machineToolTable));
  });
});
