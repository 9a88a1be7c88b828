// Runs after both Trunk builds (scripts/tools.sh build_release). It makes dist/ sealed and offline:
// - moves Trunk's inline start-up script into a file, so the Content-Security-Policy needs no hash
//   and stays the same for every release (docs/DEPLOY.md can give it literally);
// - makes the glue the encryption worker's script too, and starts the worker from the start script;
// - names echarts.js and the employer's glue and wasm by their content, so two releases never share
//   a file name;
// - adds the policy as <meta> (for hosts that cannot set headers) and writes it, with the headers a
//   <meta> cannot carry, as dist/_headers and dist/.htaccess;
// - copies public/ (manifest, icon) and writes the service worker with this release's precache list;
// - minifies wasm-bindgen's glue, which Trunk's minifier cannot parse (the employer's: 46 → 20 KB),
//   and the CSS (Trunk's HTML minifier would also rewrite the markup this script edits).
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { contentHash, sri } from './digests.mjs';
import { transform } from 'esbuild';
import { minify } from 'terser';

const dist = process.argv[2] ?? 'dist';

export const POLICY = [
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

// Shown when the app cannot start (the wasm or its glue could not be fetched or instantiated, or
// WebAssembly is switched off, as in Safari's Lockdown Mode; the start script) or cannot go on (a
// panic or uncaught error; src/fatal.rs). It is in the page itself, in both languages, outside the
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

async function sealPage(dir, swPath, workerScript, pool) {
  const htmlPath = join(dir, 'index.html');
  let html = readFileSync(htmlPath, 'utf8');
  const charts = readFileSync(join(dir, 'echarts.js'));
  const chartsName = `echarts-${contentHash(charts)}.js`;
  renameSync(join(dir, 'echarts.js'), join(dir, chartsName));
  const chartsTag = html.match(/<script src="echarts\.js"[^>]*><\/script>\s*/);
  if (!chartsTag) throw new Error(`${htmlPath}: no echarts.js script found`);
  html = html.replace(chartsTag[0], '');
  const inline = html.match(/<script type="module">([\s\S]*?)<\/script>/);
  if (!inline) throw new Error(`${htmlPath}: no Trunk start-up script found`);
  // The encryption worker starts here, while the wasm downloads: its script, the glue the page has
  // just loaded, is requested long before the app can take a click. src/crypto_worker.rs takes it
  // over; one that failed to start before then is not handed over, so the app says encryption is
  // unavailable.
  const worker = workerScript ? `try {
  const newWorker = () => new Worker(vio.createScriptURL('./${workerScript}'), { type: 'module' });
  const cryptoWorker = newWorker();
  cryptoWorker.onerror = () => { globalThis.vioCryptoWorker = undefined; };
  globalThis.vioCryptoWorker = cryptoWorker;
  ${pool ? 'globalThis.vioNewWorker = newWorker;' : ''}
} catch {}
` : '';
  // ECharts and the service worker's precache are requested once the wasm has mounted the app and
  // its first screen has painted, not beside the wasm: on a slow line they would share its bandwidth
  // and delay the first screen. It is still before any click can reach the app (the frame after the
  // mount), so no request ever follows what the user does.
  // Trunk imports the glue statically, and a module whose import fails never runs: imported
  // dynamically instead, a missing glue is caught like a failed instantiation.
  const staticImport = /^import init, \* as bindings from '([^']+)';$/m;
  const glueUrl = inline[1].match(staticImport);
  if (!glueUrl) throw new Error(`${htmlPath}: Trunk's start-up script does not import the glue as expected`);
  const startApp = inline[1].trim().replace(staticImport, () => `const bindings = await import('${glueUrl[1]}');\nconst init = bindings.default;`);
  const start = `try {
${TRUSTED_TYPES}${worker}
if (typeof WebAssembly !== 'object') throw new Error('WebAssembly is switched off');
${startApp}
requestAnimationFrame(() => setTimeout(() => {
  const charts = document.createElement('script');
  charts.src = vio.createScriptURL('./${chartsName}');
  charts.integrity = '${sri(charts)}';
  charts.fetchPriority = 'low';
  document.head.append(charts);
  if ('serviceWorker' in navigator) navigator.serviceWorker.register(vio.createScriptURL('${swPath}')).catch(() => {});
}));
} catch (e) {
  document.getElementById('app').hidden = true;
  document.getElementById('not-working').hidden = false;
  console.warn('VIO zelfscan could not start:', e);
}
`;
  // Minified: the start script is on the start screen's critical path.
  const { code: startCode } = await minify(start, { module: true, compress: { passes: 2 }, mangle: true });
  const startName = `start-${contentHash(startCode)}.js`;
  writeFileSync(join(dir, startName), startCode);
  html = html.replace(inline[0], `<script type="module" src="./${startName}" integrity="${sri(startCode)}"></script>`);
  if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html) || /\sstyle=/.test(html)) throw new Error(`${htmlPath}: inline script or style left`);
  html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${POLICY}">`);
  if (!html.includes('</body>')) throw new Error(`${htmlPath}: no </body> for the not-working notice`);
  return html.replace('</body>', `  ${NOT_WORKING}</body>`);
}

// The two pages, each with its binary's name: its wasm-bindgen glue is `<bin>-<hash>.js` (Trunk's
// name, or the one nameByContent gives it).
// `pool`: the page may start more workers like its first (the accountmanager's, to open result
// files on every core: src/crypto_worker.rs, `grow`).
const PAGES = [
  { dir: dist, bin: 'vio', sw: './sw.js', pool: false },
  { dir: join(dist, 'accountmanager'), bin: 'accountmanager', sw: '../sw.js', pool: true },
];

function glueOf({ dir, bin }) {
  const name = readdirSync(dir).find((f) => new RegExp(`^${bin}-[0-9a-f]+\\.js$`).test(f));
  if (!name) throw new Error(`${dir}: no ${bin}-<hash>.js`);
  return name;
}

// Each page's encryption worker runs the page's wasm through its glue, to which this appends the
// worker's side (crates/crypto-worker/shim.js).
function sealWorker(page) {
  const { dir } = page;
  const name = glueOf(page);
  const glue = readFileSync(join(dir, name), 'utf8');
  if (!/\b__wbg_init as default\b/.test(glue) || !/\bfunction serve_crypto_worker\b/.test(glue)) {
    throw new Error(`${dir}: no glue with __wbg_init and serve_crypto_worker for the encryption worker`);
  }
  const withWorker = `${glue}\n${readFileSync(new URL('../crates/crypto-worker/shim.js', import.meta.url), 'utf8')}`;
  writeFileSync(join(dir, name), withWorker);
  const htmlPath = join(dir, 'index.html');
  writeFileSync(htmlPath, readFileSync(htmlPath, 'utf8').replaceAll(sri(glue), sri(withWorker)));
}

// Trunk names each page's glue and wasm after its own output; scripts/split.mjs (the employer's) and
// this script change them afterwards, so they are named again after what they hold now: a file that changes
// never keeps its name (a cache that keeps hashed files for good would serve the old one). Returns
// the glue's new name.
function nameByContent(page) {
  const { dir, bin } = page;
  const glue = glueOf(page);
  const stem = glue.slice(0, -'.js'.length);
  const next = `${bin}-${contentHash(Buffer.concat([readFileSync(join(dir, glue)), readFileSync(join(dir, `${stem}_bg.wasm`))]))}`;
  renameSync(join(dir, glue), join(dir, `${next}.js`));
  renameSync(join(dir, `${stem}_bg.wasm`), join(dir, `${next}_bg.wasm`));
  const htmlPath = join(dir, 'index.html');
  writeFileSync(htmlPath, readFileSync(htmlPath, 'utf8').replaceAll(stem, next));
  return `${next}.js`;
}

const files = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? [] : [f]));

async function minifyCode(dir) {
  let html = readFileSync(join(dir, 'index.html'), 'utf8');
  for (const f of files(dir).filter((f) => /^(vio|accountmanager)\b.*\.js$/.test(f))) {
    const path = join(dir, f);
    const glue = readFileSync(path, 'utf8');
    const { code } = await minify(glue, { module: true, compress: { passes: 2 }, mangle: true });
    writeFileSync(path, code);
    // Trunk's preload carries the glue's subresource integrity.
    html = html.replaceAll(sri(glue), sri(code));
  }
  for (const f of files(dir).filter((f) => f.endsWith('.css'))) {
    const css = readFileSync(join(dir, f), 'utf8');
    const { code } = await transform(css, { loader: 'css', minify: true });
    writeFileSync(join(dir, f), code);
    html = html.replaceAll(sri(css), sri(code));
  }
  writeFileSync(join(dir, 'index.html'), html);
}
for (const page of PAGES) {
  sealWorker(page);
  await minifyCode(page.dir);
}
// The accountmanager's page first: the employer's precache list must not include it.
for (const page of [...PAGES].reverse()) {
  let html = await sealPage(page.dir, page.sw, nameByContent(page), page.pool);
  if (page.dir === dist) html = html.replace('</head>', '<link rel="manifest" href="manifest.webmanifest">\n</head>');
  writeFileSync(join(page.dir, 'index.html'), html);
}

// What the employer's page ships as it is (the manifest, its icon) is in public/, copied unchanged.
const PUBLIC = new URL('../public/', import.meta.url);
for (const name of readdirSync(PUBLIC)) copyFileSync(new URL(name, PUBLIC), join(dist, name));

const headers = {
  'Content-Security-Policy': HEADER_POLICY,
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
};
const precache = ['./', ...files(dist).filter((f) => !['sw.js', '_headers', '.htaccess'].includes(f)).map((f) => `./${f}`)].sort();
const version = contentHash(precache.filter((f) => f !== './').map((f) => readFileSync(join(dist, f))).reduce((h, b) => h.update(b), createHash('sha256')).digest('hex'));
const sw = readFileSync(new URL('./sw.js', import.meta.url), 'utf8').replace('__VERSION__', version).replace('__PRECACHE__', JSON.stringify(precache));
writeFileSync(join(dist, 'sw.js'), sw);
// Caching: a file named by its content may be kept for good; every other file (the pages, the service
// worker, the manifest, the icon) is asked again each time. A host's cache can then never pin an old
// index.html whose files are gone with its release. A new kind of file without a content hash in its
// name stops the build rather than being kept for good by mistake.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';
const STABLE = ['index.html', 'sw.js', 'manifest.webmanifest', 'icon.svg'];
const CONTENT_NAMED = /-[0-9a-f]{8,}(_bg)?\.(js|wasm|css)$/;
const cacheRules = [];
for (const [folder, url] of [[dist, '/'], [join(dist, 'accountmanager'), '/accountmanager/']]) {
  for (const f of files(folder).filter((f) => !['_headers', '.htaccess'].includes(f))) {
    if (STABLE.includes(f)) cacheRules.push([`${url}${f}`, REVALIDATE]);
    else if (CONTENT_NAMED.test(f)) cacheRules.push([`${url}${f}`, IMMUTABLE]);
    else throw new Error(`${join(folder, f)}: neither a page's own file nor named by its content; say how it is cached`);
  }
  cacheRules.push([url, REVALIDATE]);
}
const block = (path, h) => `${path}\n${Object.entries(h).map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`;
writeFileSync(join(dist, '_headers'), [block('/*', headers), ...cacheRules.map(([path, c]) => block(path, { 'Cache-Control': c }))].join(''));
writeFileSync(join(dist, '.htaccess'), `<IfModule mod_headers.c>
${Object.entries(headers).map(([k, v]) => `  Header always set ${k} "${v}"`).join('\n')}
  <FilesMatch "^(${STABLE.map((f) => f.replaceAll('.', '\\.')).join('|')})$">
    Header set Cache-Control "${REVALIDATE}"
  </FilesMatch>
  <FilesMatch "${CONTENT_NAMED.source}">
    Header set Cache-Control "${IMMUTABLE}"
  </FilesMatch>
</IfModule>
AddType application/wasm .wasm
AddType application/manifest+json .webmanifest
`);

console.log(`sealed ${relative('.', dist)}: release ${version}, ${precache.length} files precached`);
