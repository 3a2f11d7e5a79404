/**
 * -o custom-columns as custom_column_printer.go prints a cell: every value the path finds, each as
 * Go's %v prints it (a message keeps its spaces, labels are map[k:v]), joined with ','.
 */
import { describe, expect, it } from 'vitest';
import { parseCustomColumns, renderCustomColumns } from '../../src/kubectl/printers/custom-columns';

describe('renderCustomColumns', () => {
  const pod = {
    metadata: { name: 'web', labels: { tier: 'fe', app: 'web' } },
    spec: { containers: [{ name: 'a', ports: [{ containerPort: 80 }] }, { name: 'b' }] },
    status: { message: 'Back-off restarting failed container', startTime: null },
  };
  it('keeps spaces, joins several values with commas, prints maps and nulls as Go does', () => {
    const cols = parseCustomColumns('M:.status.message,C:.spec.containers[*].name,L:.metadata.labels,P:.spec.containers[0].ports,S:.status.startTime,X:.spec.nothing');
    expect(renderCustomColumns([pod], cols, true)).toBe('Back-off restarting failed container   a,b   map[app:web tier:fe]   [map[containerPort:80]]   <nil>   <none>\n');
  });
});
