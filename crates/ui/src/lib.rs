//! What both pages of the VIO zelfscan show and do in the browser, as a thin Leptos layer over
//! `vio-core`: the employer's page (the root package) and the accountmanager's page
//! (`crates/accountmanager`) depend on this crate, never on each other.
//!
//! Layout:
//! - [`components`]: the page shell, the result and plan views, the comparison, the chart, the text
//!   field and other pieces both pages show.
//! - [`router`]: screens as URL fragments (`#/resultaat`), so every screen survives a reload on a
//!   plain static file server, also from a subfolder.
//! - [`share_link`]: the share link's fragment, which the accountmanager's page writes and the
//!   employer's page reads.
//! - [`i18n`]: the current language and UI texts as a context both pages provide.
//! - [`browser_storage`]: localStorage (through gloo-storage) behind the core's `KeyValue` trait.
//! - [`crypto_worker`]: the page's side of the encryption worker (`crates/crypto-worker`), which
//!   runs the page's own wasm, so that scrypt never freezes the page.
//! - [`chart`]: draws charming charts through our own ECharts bundle (SVG renderer).
//! - [`site`]: this copy's optional `config.json` (who runs it, contact, default team keys).
//! - [`files`]: downloads, the share sheet, reading picked or dropped files, today's date.
//! - [`fatal`]: a panic shows a readable error screen instead of a blank page.

pub mod browser_storage;
pub mod chart;
pub mod components;
pub mod crypto_worker;
pub mod fatal;
pub mod files;
pub mod i18n;
pub mod router;
pub mod share_link;
pub mod site;

// Both pages and the encryption worker (which runs the page's wasm) allocate through talc instead
// of Rust's default dlmalloc: 1–2 KB brotli smaller on the employer's critical path, and faster.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
