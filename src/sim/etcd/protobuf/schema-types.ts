/** The shape of schema.json (written by scripts/etcd/proto-schema.mjs from the real .proto files). */

/** [field number, JSON name ("" when inline), type, flags: r repeated, p pointer, i inline, o omitempty; place in the Go struct]. */
export type ProtoField = [number, string, string, string, number];

export interface ProtoSchema {
  /** The k8s.io/api tag the schema was read from. */
  tag: string;
  /** "<group>/<version>" (or "v1" for the core group) → proto package. */
  groups: Record<string, string>;
  /** Messages of named Go slices (type ExtraValue []string): their JSON is the list. */
  lists: string[];
  messages: Record<string, ProtoField[]>;
}
