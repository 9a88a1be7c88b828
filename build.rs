//! Keeps the linker's relocations in the employer's wasm only: `wasm-split-cli` needs them to cut
//! that wasm at its split point (scripts/build.mjs). The accountmanager's page (its own package) is
//! not split, and with relocations left in it wasm-opt could not shrink it.
fn main() {
    if std::env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32")) {
        println!("cargo:rustc-link-arg-bin=vio=--emit-relocs");
    }
}
