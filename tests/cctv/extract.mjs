// Writes the C2SP CCTV age test vectors (npm package cctv-age) to target/cctv/, one file each, for the
// core's `cargo test` (crates/core/tests/cctv.rs), which checks every applicable vector's outcome.
// Large vectors are zlib-compressed in the package ("compressed: zlib"); they are inflated here.
import * as vectors from 'cctv-age';
import { mkdirSync, writeFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

const out = new URL('../../target/cctv/', import.meta.url);
mkdirSync(out, { recursive: true });
for (const [name, bytes] of Object.entries(vectors)) {
  const buf = Buffer.from(bytes);
  const split = buf.indexOf('\n\n');
  let header = buf.subarray(0, split).toString('latin1');
  let body = buf.subarray(split + 2);
  if (/^compressed: zlib$/m.test(header)) {
    header = header.replace(/^compressed: zlib\n?/m, '').replace(/\n$/, '');
    body = inflateSync(body);
  }
  writeFileSync(new URL(name, out), Buffer.concat([Buffer.from(header + '\n\n', 'latin1'), body]));
}
console.log(`${Object.keys(vectors).length} CCTV vectors in target/cctv/`);
