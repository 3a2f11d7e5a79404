import { basic } from './basic';
import { grepCases } from './grep';
import { text2Cases } from './text2';
import { miscCases } from './misc';
import { jqCases } from './jq';
import { systemCases } from './system';
import { filesCases } from './files';
import { moreCases } from './more';
import { awkCases, awkCases2 } from './awk';
import { sedCases, sedCases2 } from './sed';
import { textCases, textCases2 } from './text';
import { boundsCases } from './bounds';
import type { Case } from './types';

/** Every case group; each is recorded to golden/<name>.json. */
export const groups: Record<string, Case[]> = {
  basic,
  grep: grepCases,
  text2: text2Cases,
  misc: miscCases,
  jq: jqCases,
  system: systemCases,
  files: filesCases,
  more: moreCases,
  awk: awkCases,
  awk2: awkCases2,
  sed: sedCases,
  sed2: sedCases2,
  text: textCases,
  text3: textCases2,
  bounds: boundsCases,
};
