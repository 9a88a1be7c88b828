//! The employer's page of the VIO zelfscan: the questionnaire, its result, Delen and Mijn analyses,
//! as a thin Leptos layer over `vio-core`, built from the pieces both pages share (`vio-ui`).
//!
//! Layout:
//! - [`state`]: the employer's state (stored answers, language, route) and the one effect that persists it.
//! - [`route`]: the employer's screens as URL fragments (`#/vragen/attitude`).
//! - [`components`]: one small component per screen.

pub mod components;
pub mod route;
pub mod state;

use leptos::prelude::*;
use vio_ui::{crypto_worker, fatal};
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
