// The development loop (scripts/serve --watch): a quick build (scripts/build.mjs --dev), served on
// http://127.0.0.1:8080/ with the deployed headers, and built again whenever a source is saved.
// Reload the page to see the change; code that does not compile leaves the last build served.
import { spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { join, relative } from 'node:path';
import { serve } from '../tests/serve.mjs';

const root = new URL('..', import.meta.url).pathname;
const SOURCES = ['src', 'crates', 'style', 'public', 'index.html', 'accountmanager/index.html', 'scripts/build.mjs', 'scripts/build-echarts.mjs', 'Cargo.toml'];
const dist = join(root, 'target', 'vio-dev-dist');

let building = false;
let again = false;
function build() {
  if (building) {
    again = true;
    return;
  }
  building = true;
  const started = Date.now();
  spawn('node', ['scripts/build.mjs', '--dev', '--dist', dist], { cwd: root, stdio: 'inherit' }).on('exit', (code) => {
    console.log(code === 0 ? `built in ${((Date.now() - started) / 1000).toFixed(1)} s: reload the page` : 'the build failed (above)');
    building = false;
    if (again) {
      again = false;
      build();
    }
  });
}

// Built into a folder of its own, so a failed build never leaves the release's dist/ half written.
serve({ port: 8080, dir: () => dist, prefix: '/', headers: true });
console.log('serving the development build on http://127.0.0.1:8080/ (Ctrl+C stops)');
build();
let pause;
for (const source of SOURCES) {
  watch(join(root, source), { recursive: true }, (_, file) => {
    if (file && /(^|\/)(target|node_modules)\/|~$|\.swp$/.test(join(source, file))) return;
    clearTimeout(pause);
    pause = setTimeout(() => {
      console.log(`changed: ${relative(root, join(root, source, file ?? ''))}`);
      build();
    }, 200);
  });
}
