//! The employer's page: the questionnaire and its result. The encryption worker runs this same wasm
//! (`vio_ui::crypto_worker` says why).
use wasm_bindgen::prelude::*;

fn main() {
    // In the encryption worker there is no page to mount; its script calls `serve_crypto_worker`.
    if web_sys::window().is_some() {
        vio::start_employer();
    }
}

/// The encryption worker's entry point, called by its script (`crates/crypto-worker/shim.js`).
#[wasm_bindgen]
pub fn serve_crypto_worker() {
    vio_crypto_worker::serve();
}
