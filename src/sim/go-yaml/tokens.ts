/** The scanner's tokens (yamlh.go's yaml_token_type_t), as far as the checker needs them. */
import type { Mark } from './error';

export const enum T {
  StreamStart,
  StreamEnd,
  VersionDirective,
  TagDirective,
  DocumentStart,
  DocumentEnd,
  BlockSequenceStart,
  BlockMappingStart,
  BlockEnd,
  FlowSequenceStart,
  FlowSequenceEnd,
  FlowMappingStart,
  FlowMappingEnd,
  BlockEntry,
  FlowEntry,
  Key,
  Value,
  Alias,
  Anchor,
  Tag,
  Scalar,
}

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

export interface Token {
  type: T;
  start: Mark;
  end: Mark;
  /** Anchor or alias name, tag handle, scalar text. */
  value?: string;
  /** A tag's suffix, a %TAG directive's prefix. */
  suffix?: string;
  style?: ScalarStyle;
  major?: number;
  minor?: number;
}
