// A plain static file server for the tests and benchmarks: dist/ under /vio/ (a subfolder, as on a
// municipality's site), no rewrites, optional compression and the security headers of dist/_headers.
// CLI: node tests/serve.mjs [--port 8080] [--dir dist] [--prefix /vio/] [--compress] [--headers]
// Tests import `serve` to switch the served folder between two releases.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { pathToFileURL } from 'node:url';

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.png': 'image/png' };

/**
 * The headers a host would send for `path` (from the deploy root, e.g. `/index.html`), read from
 * dist/_headers (written by scripts/build.mjs) as Netlify and Cloudflare Pages read it: every block
 * whose path is `/*` or the path itself.
 */
export function deployHeaders(dir, path = '/') {
  const found = {};
  let applies = false;
  for (const line of readFileSync(join(dir, '_headers'), 'utf8').split('\n')) {
    if (line.startsWith('/')) applies = line === '/*' || line === path;
    else if (applies && /^\s+\S+:/.test(line)) {
      const t = line.trim();
      const i = t.indexOf(':');
      found[t.slice(0, i).toLowerCase()] = t.slice(i + 1).trim();
    }
  }
  return found;
}

/**
 * `dir` may be a function, so a test can serve another release from the same address. `hostCache`
 * is the Cache-Control of a file the deploy headers say nothing about (or of every file, without
 * them): `no-cache` by default; GitHub Pages, which cannot be told otherwise, sends `max-age=600`.
 */
export function serve({ port, dir, prefix = '/', compress = false, headers = false, hostCache = 'no-cache' }) {
  const folder = typeof dir === 'function' ? dir : () => dir;
  return createServer(async (req, res) => {
    const root = folder();
    const url = new URL(req.url, 'http://localhost');
    if (!url.pathname.startsWith(prefix)) { res.writeHead(404).end('not found'); return; }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html';
    if (rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(root, rel));
    if (!file.startsWith(normalize(root))) { res.writeHead(403).end(); return; }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      let body = await readFile(file);
      const path = `/${decodeURIComponent(url.pathname.slice(prefix.length))}`;
      const head = { 'cache-control': hostCache, ...(headers ? deployHeaders(root, path) : {}), 'content-type': types[extname(file)] ?? 'application/octet-stream' };
      if (compress && /br/.test(req.headers['accept-encoding'] ?? '') && !file.endsWith('.png')) {
        body = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
        head['content-encoding'] = 'br';
      }
      res.writeHead(200, head).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  }).listen(port, '127.0.0.1');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
  const options = { port: Number(opt('--port', 8080)), dir: opt('--dir', 'dist'), prefix: opt('--prefix', '/'), compress: args.includes('--compress'), headers: args.includes('--headers') };
  serve(options).on('listening', () => console.log(`serving ${options.dir} at http://127.0.0.1:${options.port}${options.prefix}`));
}
