// Builds our own ECharts from the npm package, one per page, each with only what that page draws:
// target/echarts/employer/echarts.js (radar; its legend is HTML, see src/chart.rs) and target/echarts/accountmanager/echarts.js (radar and
// the regional stacked bars). A page fetches its bundle at low priority while loading; the bundle's
// code is wrapped in a function that runs on echarts.load() or the first echarts.init(), so loading
// it costs no main-thread work until a screen draws a chart; the app calls load() in a task of its
// own before the first drawing, so neither task is long. init() always asks for the SVG renderer (crisp,
// printable).
import { build } from 'esbuild';
import { minify } from 'terser';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PAGES = {
  employer: { charts: ['RadarChart'], components: ['RadarComponent'] },
  accountmanager: { charts: ['RadarChart', 'BarChart'], components: ['RadarComponent', 'TooltipComponent', 'LegendComponent', 'GridComponent'] },
};

for (const [page, { charts, components }] of Object.entries(PAGES)) {
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
  const out = join(root, 'target', 'echarts', page, 'echarts.js');
  const size = await bundle(entry, out);
  console.log(`${page}/echarts.js: ${size} bytes`);
}

async function bundle(entry, out) {
  const result = await build({
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
  const lazy = `//# allFunctionsCalledOnLoad
/* Apache ECharts (Apache-2.0), custom build for VIO zelfscan */
(function(){var m;function load(){if(!m){m=(function(){${code};return __vioEcharts})()}return m}window.echarts={load:load,init:function(e,t,o){return load().init(e,t,o)}}})();
`;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, lazy);
  return lazy.length;
}
