// The whole build, from the sources to dist/ for both pages, in the order it happens. Each step
// writes its own output and no later step rewrites it: a file is named and digested once, when it
// is final.
//
//   1. ECharts, one bundle per page with only the charts it draws (scripts/build-echarts.mjs)
//   2. cargo: each page's wasm, in a run of its own (its features stay its own)
//   3. the employer's wasm cut at its split point (wasm-split-cli)
//   4. wasm-bindgen: each page's glue; wasm-opt: every wasm
//   5. the glue: the split's loader put in (employer), the encryption worker's side appended
//      (both), minified
//   6. the CSS, minified
//   7. each page's start script and HTML: Trusted Types, the encryption worker, the app, then
//      ECharts and the service worker; the policy, the preloads and the not-working notice
//   8. public/ copied; the service worker with this release's files; _headers and .htaccess
//
//   node scripts/build.mjs [--dev] [--dist DIR]
//
// scripts/tools.sh build_release runs it for the release. `--dev` is the development loop's build
// (scripts/serve --watch): cargo's `wasm-dev` profile (no LTO, incremental) and no wasm-opt, so a
// change is in the browser in seconds instead of minutes; its files are larger, never measured.
//
// Why not Trunk, which did steps 2, 4 and part of 7 before: it cannot split a wasm
// (trunk-rs/trunk#1022), so the employer's wasm went through wasm-bindgen and wasm-opt twice and
// its HTML, names and digests were rewritten after it; see docs/ARCHITECTURE.md, "The build".
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { transform } from 'esbuild';
import { minify } from 'terser';

const root = new URL('..', import.meta.url).pathname;
const dev = process.argv.includes('--dev');
const profile = dev ? 'wasm-dev' : 'release';
const dist = process.argv.includes('--dist') ? process.argv[process.argv.indexOf('--dist') + 1] : join(root, 'dist');
const target = process.env.CARGO_TARGET_DIR ?? join(root, 'target');
const work = join(target, 'vio-build');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });

// A content hash for file names (two releases never share a name, so a cache may keep them for
// good) and subresource integrity (sha384).
const contentHash = (data) => createHash('sha256').update(data).digest('hex').slice(0, 16);
const sri = (data) => `sha384-${createHash('sha384').update(data).digest('base64')}`;
const read = (path) => readFileSync(path, 'utf8');
// Writes `bytes` as `<stem>-<hash><ext>` in `dir` and returns the name.
const writeNamed = (dir, stem, ext, bytes) => {
  const name = `${stem}-${contentHash(bytes)}${ext}`;
  writeFileSync(join(dir, name), bytes);
  return name;
};
const minifyJs = async (code) => (await minify(code, { module: true, compress: { passes: 2 }, mangle: true })).code;

// The two pages. `bin`: the cargo binary (and the name of its files); `pkg`: the package built for
// it; `css`: its stylesheets in order; `pool`: the page may start more encryption workers like its
// first (the accountmanager's, to open result files on every core: crates/ui/src/crypto_worker.rs, `grow`).
// `split`: the employer's wasm is cut at `later_screen` (src/components/mod.rs): the start screen and
// the questionnaire stay in the wasm the page starts with, the later screens go to a file the app
// requests after its first screen has painted.
const PAGES = [
  { html: 'index.html', dir: dist, bin: 'vio', pkg: 'vio', css: ['app'], sw: './sw.js', config: './config.json', pool: false, split: true, manifest: true },
  { html: 'accountmanager/index.html', dir: join(dist, 'accountmanager'), bin: 'accountmanager', pkg: 'vio-accountmanager', css: ['app', 'accountmanager'], sw: '../sw.js', config: '../config.json', pool: true, split: false, manifest: false },
];

const POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "manifest-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  // Trusted Types: no string reaches an HTML or script sink unless a policy the start script made
  // lets it through, and only the start script's two policies may exist (see TRUSTED_TYPES).
  "require-trusted-types-for 'script'",
  "trusted-types vio default",
].join('; ');
const HEADER_POLICY = `${POLICY}; frame-ancestors 'none'`;

// 1. ECharts: built again only when its recipe or the npm packages changed (17 s of every build).
const chartsBundle = (page) => join(target, 'echarts', page, 'echarts.js');
const modified = (path) => (existsSync(path) ? statSync(path).mtimeMs : 0);
const chartsInputs = Math.max(modified(join(root, 'scripts/build-echarts.mjs')), modified(join(root, 'package-lock.json')));
if (!['employer', 'accountmanager'].every((page) => modified(chartsBundle(page)) > chartsInputs)) run('node', ['scripts/build-echarts.mjs']);

// 2. cargo. One run per page: Cargo unifies features over the packages of one run, and the
// employer's wasm must not get the accountmanager's (crates/accountmanager/Cargo.toml).
// Panic messages name their source file; written relative to the crate (`serde_json-1.0.154/src/de.rs`,
// `crates/ui/src/files.rs`) instead of this machine's paths, the wasm is the same wherever it is built, and
// smaller. `--config` adds these flags to .cargo/config.toml's instead of replacing them as RUSTFLAGS would.
const cargoHome = process.env.CARGO_HOME ?? join(process.env.HOME, '.cargo');
const registries = join(cargoHome, 'registry', 'src');
const prefixes = [...(existsSync(registries) ? readdirSync(registries).map((r) => join(registries, r)) : []), root.replace(/\/$/, '')];
const remap = prefixes.map((p) => `"--remap-path-prefix=${p}/="`).join(', ');
for (const page of PAGES) {
  run('cargo', ['build', '--profile', profile, '--target', 'wasm32-unknown-unknown', '-p', page.pkg, '--bin', page.bin, '--config', `target.wasm32-unknown-unknown.rustflags = [${remap}]`]);
}
const artifact = (bin) => join(target, 'wasm32-unknown-unknown', profile, `${bin}.wasm`);

rmSync(work, { recursive: true, force: true });
rmSync(dist, { recursive: true, force: true });
for (const page of PAGES) mkdirSync(page.dir, { recursive: true });

// --converge repeats -Oz until nothing changes: 0.5 KB brotli less on the start screen's wasm for
// some seconds more build time (measured with binaryen 132). --low-memory-unused lets wasm-opt fold
// constant offsets into loads and stores, which is sound when no address below 1024 is used: Rust's
// linker puts the 1 MB stack first, growing down towards 0, so those addresses are only reached by
// a stack about to overflow (it traps a few frames later either way). 1.5 KB brotli less over both
// employer files, measured on the same wasm.
const LOW_MEMORY = '--low-memory-unused';
const WASM_OPT = ['-Oz', '--converge', LOW_MEMORY];
const optimise = (args, input, output) => (dev ? copyFileSync(input, output) : run('wasm-opt', [...args, input, '-o', output]));

// 3 and 4 for one page: its optimised wasm and its glue (not yet final), and the split's later
// files, already in dist/ under their final names.
function bindgen(page) {
  const out = join(work, page.bin);
  mkdirSync(out, { recursive: true });
  let input = artifact(page.bin);
  // Keeps the exports the split's loader needs (the build script emits the linker's relocations for
  // wasm-split-cli, for this binary only).
  const splitFlags = page.split ? ['--keep-lld-exports', '--no-demangle'] : [];
  let loader = null;
  if (page.split) {
    run('wasm-split-cli', [input, join(out, 'split'), '--out-name', page.bin]);
    input = join(out, 'split', `${page.bin}.wasm`);
    loader = read(join(out, 'split', '__wasm_split.js'));
    const chunks = readdirSync(join(out, 'split')).filter((f) => f.endsWith('.wasm') && f !== `${page.bin}.wasm`);
    if (chunks.length === 0) throw new Error('wasm-split-cli found no split point: is `later_screen` still marked?');
    for (const chunk of chunks) {
      optimise(WASM_OPT, join(out, 'split', chunk), join(out, chunk));
      const name = writeNamed(page.dir, chunk.replace(/^split_/, '').replace(/\.wasm$/, ''), '.wasm', readFileSync(join(out, chunk)));
      if (!loader.includes(`"./${chunk}"`)) throw new Error(`__wasm_split.js does not name ${chunk}`);
      loader = loader.replaceAll(`"./${chunk}"`, `"./${name}"`);
    }
  }
  run('wasm-bindgen', ['--target', 'web', '--no-typescript', ...splitFlags, '--out-dir', join(out, 'bindgen'), '--out-name', page.bin, input]);
  if (existsSync(join(out, 'bindgen', 'snippets'))) throw new Error('wasm-bindgen wrote JS snippets, which this build does not copy');
  optimise(page.split ? WASM_OPT : ['-Oz', LOW_MEMORY], join(out, 'bindgen', `${page.bin}_bg.wasm`), join(out, `${page.bin}_bg.wasm`));
  return { wasm: readFileSync(join(out, `${page.bin}_bg.wasm`)), glue: read(join(out, 'bindgen', `${page.bin}.js`)), loader };
}

// 5. The loader goes into the glue instead of a file of its own: the glue imports it statically, so
// as a file it would be one more request before the app can start, in the page and in the
// encryption worker, which runs this glue too.
function withLoader(glue, loader, bin) {
  const importLine = /^import \* as (\w+) from "\.\/__wasm_split\.js"\n/m;
  const loaderImport = `import { initSync } from "./${bin}.js";\n`;
  const [, binding] = glue.match(importLine) ?? [];
  if (!binding || !loader.startsWith(loaderImport)) throw new Error('the glue and the split loader do not import each other as expected');
  const exported = [...loader.matchAll(/^export const (\w+) =/gm)].map((m) => m[1]);
  const inlined = `const ${binding} = (() => {\n${loader.slice(loaderImport.length).replace(/^export const /gm, 'const ')}\nreturn { ${exported.join(', ')} };\n})();\n`;
  return glue.replace(importLine, () => inlined);
}

// Each page's encryption worker runs the page's own wasm through its glue, to which the worker's
// side is appended (crates/crypto-worker/shim.js): it loads the very file the page has loaded.
function withWorker(glue) {
  if (!/\b__wbg_init as default\b/.test(glue) || !/\bfunction serve_crypto_worker\b/.test(glue)) {
    throw new Error('no glue with __wbg_init and serve_crypto_worker for the encryption worker');
  }
  return `${glue}\n${read(join(root, 'crates/crypto-worker/shim.js'))}`;
}

// 7. Shown when the app cannot start (the wasm or its glue could not be fetched or instantiated, or
// WebAssembly is switched off, as in Safari's Lockdown Mode; the start script) or cannot go on (a
// panic or uncaught error; crates/ui/src/fatal.rs). It is in the page itself, in both languages, outside the
// app's own element, because whatever failed cannot be relied on to say so: showing it takes no more
// than two attributes, not even a new element. A <main> of its own: the app's is hidden with the app.
const NOT_WORKING = `<main class="fatal" id="not-working" hidden><div role="alert">
    <h1 tabindex="-1">Er ging iets mis</h1>
    <p>De VIO zelfscan kan in deze browser niet starten of niet verder. Misschien viel de verbinding weg, of staat WebAssembly uit (bijvoorbeeld in de Lockdown-modus van Safari). Niets van wat in deze browser bewaard is, gaat verloren. Laad de pagina opnieuw of gebruik een andere browser.</p>
    <p lang="en">Something went wrong: the VIO zelfscan cannot start or go on in this browser. The connection may have dropped, or WebAssembly may be switched off (for example in Safari's Lockdown Mode). Nothing stored in this browser is lost. Reload the page or use another browser.</p>
    <p><a class="button primary" href="">Pagina opnieuw laden</a></p>
  </div></main>
`;

// The first lines of each start script: Trusted Types. Every string that becomes a script URL or
// markup passes the one named policy `vio`:
// - script URLs (the workers, ECharts, the service worker) only of this origin;
// - markup only as Leptos uses it: the static parts of a view (`<th scope="col">N</th>`) are markup
//   compiled into the wasm, which Leptos sets on a <template> element and clones. The app itself
//   never sets markup (no inner_html anywhere; a test keeps it so), so the setter of <template>
//   alone passes its markup through `vio`, which still refuses anything that could run or load.
// ECharts empties its element with innerHTML = '' (dispose, clear): the default policy lets exactly
// the empty string through, so any other markup on any other element is refused with a TypeError.
// Browsers without Trusted Types get the strings as they are (the CSP's script-src still holds).
const TRUSTED_TYPES = `const trusted = globalThis.trustedTypes;
const vio = trusted ? trusted.createPolicy('vio', {
  createScriptURL(url) {
    const absolute = new URL(url, document.baseURI);
    if (absolute.origin !== location.origin) throw new TypeError('VIO zelfscan: scripts come from this site only');
    return absolute.href;
  },
  createHTML(html) {
    if (/<(script|iframe|object|embed|frame|base|meta|link|style|form)\\b|\\son[a-z]+\\s*=|javascript:|srcdoc/i.test(html)) throw new TypeError('VIO zelfscan: no active markup');
    return html;
  },
}) : { createScriptURL: (url) => url, createHTML: (html) => html };
if (trusted) {
  trusted.createPolicy('default', { createHTML: (html) => (html === '' ? html : null) });
  const setMarkup = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML').set;
  Object.defineProperty(HTMLTemplateElement.prototype, 'innerHTML', {
    configurable: true,
    set(html) { setMarkup.call(this, vio.createHTML(html)); },
  });
}
`;

// The start script, a file (so the policy needs no hash and is the same for every release):
// - the encryption worker starts first, while the wasm downloads: its script, the glue the page
//   loads anyway, is requested long before the app can take a click. crates/ui/src/crypto_worker.rs takes it
//   over; one that failed to start before then is not handed over, so the app says encryption is
//   unavailable;
// - a gemeente's optional config.json (docs/DEPLOY.md) is requested beside the wasm, so it is there
//   before any click; crates/ui/src/site.rs reads the answer (null: there is none);
// - the glue is imported dynamically: a module whose static import fails never runs, so a missing
//   glue could not be told;
// - ECharts and the service worker's precache (not in a development build: it would keep serving
//   the build before) are requested once the app has mounted and its first
//   screen has painted, not beside the wasm: on a slow line they would share its bandwidth and
//   delay the first screen. It is still before any click can reach the app (the frame after the
//   mount), so no request ever follows what the user does.
function startScript(page, glueName, wasmName, chartsName, charts) {
  return `try {
${TRUSTED_TYPES}
try {
  const newWorker = () => new Worker(vio.createScriptURL('./${glueName}'), { type: 'module' });
  const cryptoWorker = newWorker();
  cryptoWorker.onerror = () => { globalThis.vioCryptoWorker = undefined; };
  globalThis.vioCryptoWorker = cryptoWorker;
  ${page.pool ? 'globalThis.vioNewWorker = newWorker;' : ''}
} catch {}
globalThis.vioConfig = fetch('${page.config}', { cache: 'no-cache' }).then((r) => (r.ok ? r.text() : null), () => null);
if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is switched off');
const app = await import('./${glueName}');
await app.default({ module_or_path: './${wasmName}' });
requestAnimationFrame(() => setTimeout(() => {
  const charts = document.createElement('script');
  charts.src = vio.createScriptURL('./${chartsName}');
  charts.integrity = '${sri(charts)}';
  charts.fetchPriority = 'low';
  document.head.append(charts);
  ${dev ? '' : `if ('serviceWorker' in navigator) navigator.serviceWorker.register(vio.createScriptURL('${page.sw}')).catch(() => {});`}
}));
} catch (e) {
  document.getElementById('app').hidden = true;
  document.getElementById('not-working').hidden = false;
  console.warn('VIO zelfscan could not start:', e);
}
`;
}

for (const page of PAGES) {
  const { wasm, glue, loader } = bindgen(page);
  // 5. The glue's final text, then the names: the glue names no file of its own (the start script
  // passes the wasm's URL), so both are named after what the two hold together.
  const finalGlue = await minifyJs(withWorker(loader ? withLoader(glue, loader, page.bin) : glue));
  const stem = `${page.bin}-${contentHash(Buffer.concat([Buffer.from(finalGlue), wasm]))}`;
  const glueName = `${stem}.js`;
  const wasmName = `${stem}_bg.wasm`;
  writeFileSync(join(page.dir, glueName), finalGlue);
  writeFileSync(join(page.dir, wasmName), wasm);

  // 6. The CSS.
  const styles = [];
  for (const css of page.css) {
    const { code } = await transform(read(join(root, 'style', `${css}.css`)), { loader: 'css', minify: true });
    styles.push(`<link rel="stylesheet" href="./${writeNamed(page.dir, css, '.css', code)}" integrity="${sri(code)}">`);
  }

  // 7. The start script and the HTML.
  const charts = readFileSync(chartsBundle(page.bin === 'vio' ? 'employer' : 'accountmanager'));
  const chartsName = writeNamed(page.dir, 'echarts', '.js', charts);
  // Minified: the start script is on the start screen's critical path.
  const start = await minifyJs(startScript(page, glueName, wasmName, chartsName, charts));
  const startName = writeNamed(page.dir, 'start', '.js', start);
  const head = [
    ...styles,
    `<script type="module" src="./${startName}" integrity="${sri(start)}"></script>`,
    `<link rel="modulepreload" href="./${glueName}" crossorigin="anonymous" integrity="${sri(finalGlue)}">`,
    `<link rel="preload" href="./${wasmName}" crossorigin="anonymous" integrity="${sri(wasm)}" as="fetch" type="application/wasm">`,
    ...(page.manifest ? ['<link rel="manifest" href="manifest.webmanifest">'] : []),
  ];
  const template = read(join(root, page.html));
  if (/<script|\sstyle=|<link rel="stylesheet"/.test(template)) throw new Error(`${page.html}: scripts and styles are the build's to add`);
  const html = template
    .replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${POLICY}">`)
    .replace('</head>', `  ${head.join('\n  ')}\n</head>`)
    .replace('</body>', `  ${NOT_WORKING}</body>`);
  if (!html.includes('Content-Security-Policy') || !html.includes('id="not-working"') || !html.includes(startName)) {
    throw new Error(`${page.html}: needs <meta charset="utf-8">, </head> and </body>`);
  }
  writeFileSync(join(page.dir, 'index.html'), html);
}

// 8. What the employer's page ships as it is (the manifest, its icon) is in public/, copied unchanged.
for (const name of readdirSync(join(root, 'public'))) copyFileSync(join(root, 'public', name), join(dist, name));

const files = (dir) => readdirSync(dir).filter((f) => !statSync(join(dir, f)).isDirectory());
const headers = {
  'Content-Security-Policy': HEADER_POLICY,
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};
// The service worker precaches the employer's files only (the accountmanager's page is not part of
// the employer's journey), and its version is the hash of all of them.
const precache = ['./', ...files(dist).map((f) => `./${f}`)].sort();
const version = contentHash(precache.filter((f) => f !== './').map((f) => readFileSync(join(dist, f))).reduce((h, b) => h.update(b), createHash('sha256')).digest('hex'));
// Minified like the glue (a classic script, not a module): its comments are for scripts/sw.js's readers.
const serviceWorker = read(join(root, 'scripts/sw.js')).replace('__VERSION__', version).replace('__PRECACHE__', JSON.stringify(precache));
writeFileSync(join(dist, 'sw.js'), dev ? serviceWorker : (await minify(serviceWorker, { compress: { passes: 2 }, mangle: true })).code);
// Caching: a file named by its content may be kept for good; every other file (the pages, the service
// worker, the manifest, the icon) is asked again each time. A host's cache can then never pin an old
// index.html whose files are gone with its release. A new kind of file without a content hash in its
// name stops the build rather than being kept for good by mistake.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const STABLE = ['index.html', 'sw.js', 'manifest.webmanifest', 'icon.svg'];
// Not in dist/: a gemeente's own config.json, put beside index.html and changed whenever they like.
const DEPLOYERS = ['config.json'];
const CONTENT_NAMED = /-[0-9a-f]{8,}(_bg)?\.(js|wasm|css)$/;
const cacheRules = [];
for (const page of PAGES) {
  const url = `/${relative(dist, page.dir)}${page.dir === dist ? '' : '/'}`;
  for (const f of files(page.dir)) {
    if (STABLE.includes(f)) cacheRules.push([`${url}${f}`, REVALIDATE]);
    else if (CONTENT_NAMED.test(f)) cacheRules.push([`${url}${f}`, IMMUTABLE]);
    else throw new Error(`${join(page.dir, f)}: neither a page's own file nor named by its content; say how it is cached`);
  }
  cacheRules.push([url, REVALIDATE]);
}
for (const f of DEPLOYERS) cacheRules.push([`/${f}`, REVALIDATE]);
const block = (path, h) => `${path}\n${Object.entries(h).map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`;
writeFileSync(join(dist, '_headers'), [block('/*', headers), ...cacheRules.map(([path, c]) => block(path, { 'Cache-Control': c }))].join(''));
writeFileSync(join(dist, '.htaccess'), `<IfModule mod_headers.c>
${Object.entries(headers).map(([k, v]) => `  Header always set ${k} "${v}"`).join('\n')}
  <FilesMatch "^(${[...STABLE, ...DEPLOYERS].map((f) => f.replaceAll('.', '\\.')).join('|')})$">
    Header set Cache-Control "${REVALIDATE}"
  </FilesMatch>
  <FilesMatch "${CONTENT_NAMED.source}">
    Header set Cache-Control "${IMMUTABLE}"
  </FilesMatch>
</IfModule>
AddType application/wasm .wasm
AddType application/manifest+json .webmanifest
`);

console.log(`built ${relative(root, dist) || dist}: release ${version}, ${precache.length} files precached`);
