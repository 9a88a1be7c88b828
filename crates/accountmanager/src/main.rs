//! The accountmanager's page: key management, opening result files, het goede gesprek. Its encryption
//! worker, which opens passphrase files off the page's thread, runs this same wasm (`vio::crypto_worker`
//! says how).
use wasm_bindgen::prelude::*;

fn main() {
    // In the worker there is no page to mount; its script calls `serve_crypto_worker`.
    if web_sys::window().is_some() {
        vio::accountmanager::start();
    }
}

/// The worker's entry point, called by its script (`crates/crypto-worker/shim.js`).
#[wasm_bindgen]
pub fn serve_crypto_worker() {
    vio_crypto_worker::serve();
}
