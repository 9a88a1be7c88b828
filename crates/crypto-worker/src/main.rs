//! The encryption worker's wasm (why it exists: the crate's documentation).
fn main() {
    vio_crypto_worker::serve();
}
