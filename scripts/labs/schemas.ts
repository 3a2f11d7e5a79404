/**
 * JSON Schemas of the lab files for editors, generated from the zod schemas in src/labs/schema.ts
 * (the single source of truth). See scripts/labs/json-schema.ts.
 */
import { zodToJsonSchema } from 'zod-to-json-schema';
import { Lab, LabTests } from '../../src/labs/schema';

export function labJsonSchemas(): Record<string, string> {
  const render = (schema: Parameters<typeof zodToJsonSchema>[0], name: string) =>
    JSON.stringify(zodToJsonSchema(schema, { name, $refStrategy: 'none', target: 'jsonSchema7' }), null, 2) + '\n';
  return { 'lab.schema.json': render(Lab, 'Lab'), 'tests.schema.json': render(LabTests, 'LabTests') };
}
