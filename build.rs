//! Keeps the linker's relocations in the employer's wasm only: `wasm-split-cli` needs them to cut
//! that wasm at its split point (scripts/split.mjs). The accountmanager's page and the encryption
//! worker are not split, and with relocations left in them wasm-opt cannot shrink them.
fn main() {
    if std::env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32")) {
        println!("cargo:rustc-link-arg-bin=vio=--emit-relocs");
    }
}
