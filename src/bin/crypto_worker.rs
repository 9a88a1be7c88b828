//! The employer's encryption worker: age in a wasm of its own (why: `vio::crypto_worker`).
fn main() {
    vio::crypto_worker::serve();
}
