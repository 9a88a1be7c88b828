// Appended to the encryption worker's wasm-bindgen glue by scripts/seal.mjs. The page fetches and
// compiles the worker's wasm itself at start-up and sends the module as the first message, so that
// every request leaves while the page loads (src/crypto_worker.rs, `start`). Jobs that arrive
// while the module is being instantiated wait here and go to the Rust handler in order.
self.onmessage = (first) => {
  const early = [];
  self.onmessage = (e) => early.push(e);
  wasm_bindgen({ module_or_path: first.data }).then(() => early.forEach((e) => self.onmessage(e)));
};
