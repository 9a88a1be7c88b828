import { build } from 'esbuild';
import { minify } from 'terser';
import { brotliCompressSync, constants } from 'node:zlib';
const entry = `
import * as core from 'echarts/core';
import { RadarChart } from 'echarts/charts';
import { RadarComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
core.use([RadarChart, RadarComponent, SVGRenderer]);
export function init(el, theme, opts) { return core.init(el, theme, Object.assign({}, opts, { renderer: 'svg' })); }
`;
const br = (s) => (brotliCompressSync(Buffer.from(s), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length / 1024).toFixed(1);
const STUBS = {
  'echarts/lib/util/decal.js': 'export function createOrUpdatePatternFromDecal() { return null; }',
  'echarts/lib/i18n/langZH.js': "export { default } from './langEN.js';",
  'echarts/lib/theme/dark.js': 'export default {};',
  'echarts/lib/loading/default.js': 'export default function () {}',
  'zrender/lib/svg/cssAnimation.js': 'export function createCSSAnimation() {}',
};
async function variant(name, stubs) {
  const plugin = { name: 'stub', setup(b) {
    b.onLoad({ filter: /\.js$/ }, (args) => {
      for (const [k, v] of Object.entries(stubs)) if (args.path.endsWith('node_modules/' + k)) return { contents: v, loader: 'js' };
      return undefined;
    });
  } };
  const r = await build({ stdin: { contents: entry, resolveDir: process.cwd(), loader: 'js' }, bundle: true, minify: true, format: 'iife', globalName: 'X', target: 'es2020', write: false, legalComments: 'none', plugins: [plugin] });
  const { code } = await minify(r.outputFiles[0].text, { compress: { passes: 2 }, mangle: true, format: { comments: false } });
  console.log(name, code.length, br(code));
}
await variant('base', {});
for (const k of Object.keys(STUBS)) await variant(k, { [k]: STUBS[k] });
await variant('all', STUBS);
