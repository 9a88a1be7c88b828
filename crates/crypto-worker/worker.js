// The encryption worker's script: scripts/seal.mjs writes it into dist/ with the name of this
// release's glue. The worker runs the page's own wasm; the page sends the module it has compiled as
// the first message (src/crypto_worker.rs, `start`), so the worker downloads nothing. Jobs that arrive
// while the module is being instantiated wait here and go to the Rust handler in order; if it cannot
// be instantiated, every job is answered as one this worker does not know, which the page reports as
// "encryption unavailable".
import init, { serve_crypto_worker } from './__GLUE__';

self.onmessage = (first) => {
  const early = [];
  self.onmessage = (e) => early.push(e);
  init({ module_or_path: first.data })
    .then(serve_crypto_worker, () => {
      self.onmessage = (e) => self.postMessage([e.data[0], null]);
    })
    .then(() => early.forEach((e) => self.onmessage(e)));
};
