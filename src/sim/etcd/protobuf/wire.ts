/**
 * Protocol-buffers wire format, as gogo-protobuf's generated Marshal writes it: varints (negative
 * int32 and int64 sign-extended to ten bytes: encodeVarintGenerated(uint64(v))), length-delimited
 * fields, little-endian fixed64 for doubles.
 */

export const WIRE = { varint: 0, fixed64: 1, bytes: 2, fixed32: 5 } as const;

export class ProtoWriter {
  private chunks: number[] = [];

  get length(): number {
    return this.chunks.length;
  }

  varint(value: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.chunks.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.chunks.push(Number(v));
  }

  tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  /** A length-delimited field: tag, length, bytes. */
  bytes(field: number, data: Uint8Array | number[]): void {
    this.tag(field, WIRE.bytes);
    this.varint(data.length);
    for (const b of data) this.chunks.push(b);
  }

  raw(data: Uint8Array | number[]): void {
    for (const b of data) this.chunks.push(b);
  }

  double(field: number, value: number): void {
    this.tag(field, WIRE.fixed64);
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value, true);
    this.raw(new Uint8Array(view.buffer));
  }

  float(field: number, value: number): void {
    this.tag(field, WIRE.fixed32);
    const view = new DataView(new ArrayBuffer(4));
    view.setFloat32(0, value, true);
    this.raw(new Uint8Array(view.buffer));
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

const utf8 = new TextEncoder();

export function utf8Bytes(text: string): Uint8Array {
  return utf8.encode(text);
}
