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
async function variant(name, extra, terserOpts = { compress: { passes: 2 }, mangle: true }) {
  const r = await build({ stdin: { contents: entry, resolveDir: process.cwd(), loader: 'js' }, bundle: true, minify: true, format: 'iife', globalName: 'X', target: 'es2020', write: false, legalComments: 'none', ...extra });
  const { code } = await minify(r.outputFiles[0].text, { ...terserOpts, format: { comments: false } });
  console.log(name, code.length, br(code));
  return code;
}
await variant('base', {});
await variant('mangle _', { mangleProps: /^_/ });
await variant('mangle __', { mangleProps: /^__/ });
await variant('passes3', {}, { compress: { passes: 3, pure_getters: true, unsafe_arrows: true, ecma: 2020 }, mangle: true, ecma: 2020 });
