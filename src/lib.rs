//! The VIO zelfscan in the browser: a thin Leptos layer over `vio-core`.
//!
//! Layout:
//! - [`accountmanager`]: the accountmanager's page (its own wasm, `crates/accountmanager`).
//! - [`state`]: the app-wide state (stored answers, language, route) and the one effect that persists it.
//! - [`route`]: screens as URL fragments (`#/vragen/attitude`), so every screen survives a reload on a
//!   plain static file server, also from a subfolder.
//! - [`browser_storage`]: localStorage (through gloo-storage) behind the core's `KeyValue` trait.
//! - [`crypto_worker`]: the page's side of the encryption worker (`crates/crypto-worker`), which
//!   runs the page's own wasm (on both pages), so that scrypt never freezes the page.
//! - [`chart`]: draws charming charts through our own ECharts bundle (SVG renderer).
//! - [`i18n`]: the current language and UI texts as a context both pages provide.
//! - [`site`]: this copy's optional `config.json` (who runs it, contact, default team keys).
//! - [`files`]: downloads, reading picked or dropped files, today's date.
//! - [`fatal`]: a panic shows a readable error screen instead of a blank page.
//! - [`components`]: one small component per screen and per reusable piece.

#[cfg(feature = "accountmanager")]
pub mod accountmanager;
pub mod browser_storage;
pub mod chart;
pub mod components;
pub mod crypto_worker;
pub mod fatal;
pub mod files;
pub mod i18n;
pub mod route;
pub mod site;
pub mod state;

use leptos::prelude::*;

// Both pages and the encryption worker (which runs the page's wasm) allocate through talc instead
// of Rust's default dlmalloc: 1–2 KB brotli smaller on the employer's critical path, and faster.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
use wasm_bindgen::JsCast;

/// Starts the employer's app in `#app`, replacing the static start screen that index.html shows
/// before the wasm has run.
pub fn start_employer() {
    fatal::install_panic_hook();
    let document = document();
    let Some(root) = document.get_element_by_id("app").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return;
    };
    // A keyboard user may already have tabbed to the static page's language button (its only
    // control) while the wasm loaded: replacing the page must not drop their focus to the top.
    const LANGUAGE_BUTTON: &str = "button.lang";
    let on_language_button = document.active_element().is_some_and(|e| e.matches(LANGUAGE_BUTTON).unwrap_or(false));
    root.replace_children_with_node_0();
    leptos::mount::mount_to(root.clone(), components::App).forget();
    if on_language_button {
        if let Some(button) = root.query_selector(LANGUAGE_BUTTON).ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = button.focus();
        }
    }
    // The encryption worker gets the module this page has compiled; it instantiates it on its own thread.
    crypto_worker::start();
    // What later screens need is requested once the first screen has painted, not beside the wasm
    // nor in the task that mounts it: on a slow line it would share the bandwidth of what the user
    // sees first. Still before the app can take a click, so no request ever follows one.
    request_animation_frame(|| set_timeout(|| leptos::task::spawn_local(components::fetch_later_screens()), std::time::Duration::ZERO));
}
