// Builds our own ECharts from the npm package, one per page, each with only what that page draws:
// target/echarts/employer/echarts.js (radar; its legend is HTML, see crates/ui/src/chart.rs) and target/echarts/accountmanager/echarts.js (radar and
// the regional stacked bars). A page fetches its bundle at low priority while loading; the bundle's
// code is wrapped in a function that runs on echarts.load() or the first echarts.init(), so loading
// it costs no main-thread work until a screen draws a chart; the app calls load() in a task of its
// own before the first drawing, so neither task is long. init() always asks for the SVG renderer (crisp,
// printable).
import { build } from 'esbuild';
import { minify } from 'terser';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Modules of ECharts' core that `echarts/core` always brings but neither page uses, each replaced by
// the least that keeps its importers working. Measured on the employer's bundle: 110.7 → 100.5 KB
// brotli, and 97.1 with the pointer-input stubs below. `tests/e2e/journey.spec.js` compares the radar this bundle draws with the one drawn by
// ECharts unchanged (`scripts/build-echarts.mjs --reference`), so a stub that changes a drawing fails.
const UNUSED = {
  // Decal patterns (aria.decal, never switched on); they also bring the Canvas painter's brush.
  'echarts/lib/util/decal.js': 'export function createOrUpdatePatternFromDecal() { return null; }',
  // ECharts' own texts (toolbox, aria, loading) in Chinese, chosen for a Chinese browser; we show none.
  'echarts/lib/i18n/langZH.js': "export { default } from './langEN.js';",
  'echarts/lib/theme/dark.js': 'export default {};',
  'echarts/lib/loading/default.js': 'export default function () {}',
  // CSS animations and hover styles of server-side rendered SVG (renderToSVGString); the browser's
  // SVG painter animates and highlights by itself.
  'zrender/lib/svg/cssAnimation.js': 'export function createCSSAnimation() {}',
  'zrender/lib/svg/cssEmphasis.js': 'export function createCSSEmphasis() {}',
  // ECharts 4's select events (pieselectchanged, mapselectchanged): neither page has a pie or a map.
  'echarts/lib/legacy/dataSelectAction.js': 'export function createLegacyDataSelectAction() {}\nexport function handleLegacySelectEvents() {}',
  // Options written for ECharts 2 and 3; ours are written for this version (crates/ui/src/chart.rs).
  'echarts/lib/preprocessor/backwardCompat.js': 'export default function () {}',
  'echarts/lib/chart/radar/backwardCompat.js': 'export default function () {}',
  // Progressive rendering of very large series (scatter, lines); our charts have a few dozen points.
  'zrender/lib/graphic/IncrementalDisplayable.js': 'export default class IncrementalDisplayable {}',
  // Transforms of a `dataset` (filter, sort, aggregate); our series carry their own data.
  'echarts/lib/data/helper/transform.js': `export function registerExternalTransform() {}
export function applyDataTransform() { throw new Error('dataset transforms are not in this build'); }`,
  // A series' default tooltip text: neither page has a tooltip (ECharts writes it as markup, which the
  // pages' Trusted Types refuse), and the radar series formats its own.
  'echarts/lib/component/tooltip/seriesFormatTooltip.js': 'export function defaultSeriesFormatTooltip() { return null; }',
  // zrender's own stable sort; the browser's Array.prototype.sort has been stable since ES2019.
  'zrender/lib/core/timsort.js': `export default function sort(array, compare, lo = 0, hi = array.length) {
  const part = array.slice(lo, hi).sort(compare);
  for (let i = 0; i < part.length; i++) array[lo + i] = part[i];
}`,
};
// The employer's radar takes no pointer input (no tooltip, legend or hover state that matters; the
// table beside it has the values), so its bundle has no DOM event handling.
const NO_POINTER = {
  'zrender/lib/dom/HandlerProxy.js': 'export default class HandlerProxy { on() {} setCursor() {} dispose() {} }',
  // Hit testing of shapes and pinch gestures: asked only by pointer events.
  'zrender/lib/contain/path.js': 'export function contain() { return false; }\nexport function containStroke() { return false; }',
  'zrender/lib/core/GestureMgr.js': 'export class GestureMgr { recognize() {} clear() { return this; } }',
  // zrender's pointer handler (hover, drag, gestures), fed by the proxy stubbed above: what remains
  // is the event registry ECharts' own events use, and the calls zrender makes on every chart.
  'zrender/lib/Handler.js': `import Eventful from './core/Eventful.js';
export default class Handler extends Eventful {
  setHandlerProxy() {} resize() {} setCursorStyle() {} dispose() {} dispatch() {}
  findHover() { return {}; }
}`,
  // ECharts' English words for time axes, the legend's selector, the toolbox and aria: the radar has
  // none of these (its axis names and legend are ours), so only the shape remains.
  'echarts/lib/i18n/langEN.js': 'export default { time: {}, legend: { selector: {} }, toolbox: {}, series: { typeNames: {} }, aria: {} };',
  // Named easing curves of animations: the radar grows in along a straight line instead of a
  // curve; where it ends, which the drawing test compares, is the same.
  'zrender/lib/animation/easing.js': 'export default new Proxy({}, { get: () => (p) => p });',
  // Rounded corners of sectors (pie, polar bars); a radar draws polygons and circles.
  'zrender/lib/graphic/helper/roundSector.js': 'export function buildPath() {}',
};

const PAGES = {
  employer: { charts: ['RadarChart'], components: ['RadarComponent'], stubs: { ...UNUSED, ...NO_POINTER } },
  accountmanager: { charts: ['RadarChart', 'BarChart'], components: ['RadarComponent', 'LegendComponent', 'GridComponent'], stubs: UNUSED },
};
// `--reference`: the employer's charts with ECharts unchanged, for the browser test that compares drawings.
const reference = process.argv.includes('--reference');

for (const [page, { charts, components, stubs }] of Object.entries(PAGES)) {
  if (reference && page !== 'employer') continue;
  const entry = `
import * as core from 'echarts/core';
import { ${charts.join(', ')} } from 'echarts/charts';
import { ${components.join(', ')} } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
core.use([${[...charts, ...components].join(', ')}, SVGRenderer]);
export function init(el, theme, opts) {
  return core.init(el, theme, Object.assign({}, opts, { renderer: 'svg' }));
}
`;
  const out = join(process.env.CARGO_TARGET_DIR ?? join(root, 'target'), 'echarts', reference ? 'reference' : page, 'echarts.js');
  const size = await bundle(entry, out, reference ? {} : stubs);
  console.log(`${relative(root, out)}: ${size} bytes`);
}

async function bundle(entry, out, stubs) {
  const stub = {
    name: 'stub-unused',
    setup(b) {
      b.onLoad({ filter: /\.js$/ }, ({ path }) => {
        const module = Object.keys(stubs).find((m) => path.endsWith(`/node_modules/${m}`));
        return module && { contents: stubs[module], loader: 'js' };
      });
    },
  };
  const result = await build({
    plugins: [stub],
    stdin: { contents: entry, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: '__vioEcharts',
    target: 'es2020',
    write: false,
    legalComments: 'none',
  });
  // terser after esbuild: its second compress pass takes 5 % more off (6 KB brotli for the employer).
  const { code } = await minify(result.outputFiles[0].text, { compress: { passes: 2 }, mangle: true, format: { comments: false } });
  // V8's explicit compile hint (Chromium 136+; a plain comment elsewhere): every function is compiled
  // on a background thread while the file streams in, instead of on the main thread the first time
  // the radar is drawn. Measured on the result screen, CPU 4× slowed: ECharts' first drawing 200–290
  // → 90–110 ms, and its set-up no longer a long task.
  // `option(json)`: the app's chart options name their colours by the stylesheet's custom properties
  // (`"--rood"`), which ECharts cannot draw (it writes colours into SVG attributes); this parses the
  // option and puts the stylesheet's values in, so every colour is defined once, in style/app.css.
  const lazy = `//# allFunctionsCalledOnLoad
/* Apache ECharts (Apache-2.0), custom build for VIO zelfscan */
(function(){var m;function load(){if(!m){m=(function(){${code};return __vioEcharts})()}return m}
function option(t){var s=getComputedStyle(document.documentElement),c=function(v){return typeof v=="string"&&v.slice(0,2)=="--"?s.getPropertyValue(v).trim():v};return JSON.parse(t,function(k,v){return k=="color"?(Array.isArray(v)?v.map(c):c(v)):v})}
window.echarts={load:load,option:option,init:function(e,t,o){return load().init(e,t,o)}}})();
`;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, lazy);
  return lazy.length;
}
