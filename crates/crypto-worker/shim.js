// Appended by scripts/build.mjs to each page's wasm-bindgen glue, which is thus also the script of
// the encryption worker: the worker runs the page's own wasm and, loading the very file the page
// has already loaded, makes one request, while the page loads (the start script creates it). The
// page sends the wasm module it has compiled as the first message (crates/ui/src/crypto_worker.rs, `start`),
// so the worker downloads no code of its own. Jobs that arrive while the module is being
// instantiated wait here and go to the Rust handler in order; if it cannot be instantiated, every
// job is answered as one this worker does not know, which the page reports as "encryption
// unavailable". `__wbg_init` is the glue's own name for its default export.
if (typeof WorkerGlobalScope === 'function' && self instanceof WorkerGlobalScope) {
  self.onmessage = (first) => {
    const early = [];
    self.onmessage = (e) => early.push(e);
    __wbg_init({ module_or_path: first.data })
      .then(serve_crypto_worker, () => {
        self.onmessage = (e) => self.postMessage([e.data[0], null]);
      })
      .then(() => early.forEach((e) => self.onmessage(e)));
  };
}
