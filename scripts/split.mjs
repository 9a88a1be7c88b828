// Runs after Trunk's build of the employer's page, before scripts/seal.mjs (scripts/tools.sh
// build_release). It cuts the employer's wasm in two at its split point (`later_screen` in
// src/components/mod.rs, Leptos's wasm_split): the start screen and the questionnaire stay in the
// wasm the page starts with; the result, share and analyses screens go to a second file that the
// app requests in the frame after its first screen has painted (src/lib.rs). Trunk cannot split (trunk-rs/trunk#1022), so this redoes
// its last steps for that one wasm, from the same cargo artifact, with the same tools and names:
//   wasm-split-cli → wasm-bindgen (Trunk's flags, plus the two that keep the split's exports)
//   → wasm-opt -Oz --converge → dist/, with the subresource integrity Trunk wrote
//   updated to the new files.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { contentHash, sri } from './digests.mjs';

const dist = process.argv[2] ?? 'dist';
const target = process.env.CARGO_TARGET_DIR ?? 'target';
const input = join(target, 'wasm32-unknown-unknown', 'release', 'vio.wasm');
const work = join(target, 'wasm-split');
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });

const glueName = readdirSync(dist).find((f) => /^vio-[0-9a-f]+\.js$/.test(f));
if (!glueName) throw new Error(`${dist}: no vio-<hash>.js from Trunk`);
const stem = glueName.slice(0, -'.js'.length);
const wasmName = `${stem}_bg.wasm`;
const oldGlue = readFileSync(join(dist, glueName));
const oldWasm = readFileSync(join(dist, wasmName));

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
run('wasm-split-cli', [input, join(work, 'split'), '--out-name', stem]);
run('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--no-demangle',
  '--out-dir', join(work, 'bindgen'), '--out-name', stem, join(work, 'split', `${stem}.wasm`)]);
if (existsSync(join(work, 'bindgen', 'snippets'))) throw new Error('wasm-bindgen wrote JS snippets, which this script does not copy');
// --converge repeats -Oz until nothing changes: 0.5 KB brotli less on the start screen's wasm for
// some seconds more build time (measured with binaryen 132).
const WASM_OPT = ['-Oz', '--converge'];
run('wasm-opt', [...WASM_OPT, join(work, 'bindgen', wasmName), '-o', join(dist, wasmName)]);

// Every file gets its content's hash in its name, so two releases never share a file name.
let loader = readFileSync(join(work, 'split', '__wasm_split.js'), 'utf8');
const chunks = readdirSync(join(work, 'split')).filter((f) => f.endsWith('.wasm') && f !== `${stem}.wasm`);
if (chunks.length === 0) throw new Error('wasm-split-cli found no split point: is `later_screen` still marked?');
for (const chunk of chunks) {
  const optimised = join(work, `${chunk}.opt`);
  run('wasm-opt', [...WASM_OPT, join(work, 'split', chunk), '-o', optimised]);
  const bytes = readFileSync(optimised);
  const name = `${chunk.replace(/^split_/, '').replace(/\.wasm$/, '')}-${contentHash(bytes)}.wasm`;
  writeFileSync(join(dist, name), bytes);
  if (!loader.includes(`"./${chunk}"`)) throw new Error(`__wasm_split.js does not name ${chunk}`);
  loader = loader.replaceAll(`"./${chunk}"`, `"./${name}"`);
}
// The loader goes into the glue instead of a file of its own: the glue imports it statically, so as
// a file it would be one more request before the app can start, in the page and in the encryption
// worker, which runs this glue too (crates/crypto-worker/shim.js).
const glue = readFileSync(join(work, 'bindgen', `${stem}.js`), 'utf8');
const importLine = /^import \* as (\w+) from "\.\/__wasm_split\.js"\n/m;
const loaderImport = `import { initSync } from "./${stem}.js";\n`;
const [, binding] = glue.match(importLine) ?? [];
if (!binding || !loader.startsWith(loaderImport)) throw new Error('the glue and the split loader do not import each other as expected');
const exported = [...loader.matchAll(/^export const (\w+) =/gm)].map((m) => m[1]);
const inlined = `const ${binding} = (() => {\n${loader.slice(loaderImport.length).replace(/^export const /gm, 'const ')}\nreturn { ${exported.join(', ')} };\n})();\n`;
const newGlue = glue.replace(importLine, () => inlined);
writeFileSync(join(dist, glueName), newGlue);

const htmlPath = join(dist, 'index.html');
let html = readFileSync(htmlPath, 'utf8');
for (const [before, after] of [[oldGlue, newGlue], [oldWasm, readFileSync(join(dist, wasmName))]]) {
  if (!html.includes(sri(before))) throw new Error(`${htmlPath}: Trunk's integrity digest not found`);
  html = html.replaceAll(sri(before), sri(after));
}
writeFileSync(htmlPath, html);
console.log(`split ${wasmName}: ${chunks.length} later file(s), loader in ${glueName}`);
