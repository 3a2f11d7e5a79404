/** Tables of custom resources: NAME plus the CRD's additionalPrinterColumns (else NAME and AGE). */
import type { KubeObject } from '../../../sim/apiserver/types';
import { age } from '../duration';
import { executeJsonPath, parseJsonPath } from '../jsonpath';
import { relaxedJsonPath } from '../custom-columns';
import { cols, type Obj, type TableDef } from './types';

export function crdTable(crd: KubeObject, version: string): TableDef | undefined {
  const versions = (((crd.spec as Obj)?.versions ?? []) as Obj[]);
  const v = versions.find((x) => x.name === version) ?? versions[0];
  const columns = ((v?.additionalPrinterColumns ?? []) as Obj[]);
  if (columns.length === 0) return undefined;
  const parsed = columns.map((c) => ({ c, tpl: parseJsonPath(relaxedJsonPath(String(c.jsonPath))) }));
  return {
    columns: [
      { name: 'Name', priority: 0 },
      ...columns.map((c) => ({ name: String(c.name), priority: (c.priority ? 1 : 0) as 0 | 1 })),
    ],
    cells(o, now) {
      const data = JSON.parse(JSON.stringify(o)) as unknown;
      return [
        o.metadata?.name ?? '',
        ...parsed.map(({ c, tpl }) => {
          const text = executeJsonPath(tpl, data, { allowMissingKeys: true });
          if (c.type === 'date') return text ? age(text, now) : '<unknown>';
          return text;
        }),
      ];
    },
  };
}

export { cols };
