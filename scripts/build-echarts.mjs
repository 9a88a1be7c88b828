// Builds our own ECharts: only the radar chart and the SVG renderer, from the npm package, into
// target/echarts/echarts.js. The page fetches it at low priority while loading; the bundle's code is
// wrapped in a function that runs on the first echarts.init(), so loading it costs no main-thread
// work until a screen draws a chart. init() always asks for the SVG renderer (crisp, printable).
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = `
import * as core from 'echarts/core';
import { RadarChart } from 'echarts/charts';
import { LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
core.use([RadarChart, RadarComponent, TooltipComponent, LegendComponent, SVGRenderer]);
export function init(el, theme, opts) {
  return core.init(el, theme, Object.assign({}, opts, { renderer: 'svg' }));
}
`;

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
const bundle = result.outputFiles[0].text;
const lazy = `/* Apache ECharts (Apache-2.0), custom build for VIO zelfscan */
(function(){var m;window.echarts={init:function(e,t,o){if(!m){m=(function(){${bundle};return __vioEcharts})()}return m.init(e,t,o)}}})();
`;
const out = join(root, 'target', 'echarts', 'echarts.js');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, lazy);
console.log(`echarts.js: ${lazy.length} bytes`);
