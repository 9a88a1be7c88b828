//! A panic must never leave a blank page. The hook shows the page's own readable message (Dutch
//! first) and a reload button instead of the app; answers are already in localStorage, because every
//! answer is saved the moment it is given. An uncaught JavaScript error is treated the same way: wasm-bindgen's
//! `unwrap_throw` and a trapped (aborted) wasm instance surface as such errors, not as panics.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
        show_error_screen();
    }));
    if let Some(w) = web_sys::window() {
        let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|_| show_error_screen());
        let _ = w.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
        let _ = w.add_event_listener_with_callback("unhandledrejection", on_error.as_ref().unchecked_ref());
        on_error.forget();
    }
}

/// Hides the app and shows the page's own notice (`#not-working`, written into both pages by
/// `scripts/build.mjs`): it is there from the start, so showing it needs no new element and works even
/// when nothing else does.
pub fn show_error_screen() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(app) = doc.get_element_by_id("app") {
        let _ = app.set_attribute("hidden", "");
    }
    let Some(notice) = doc.get_element_by_id("not-working") else { return };
    let _ = notice.remove_attribute("hidden");
    if let Some(h1) = notice.query_selector("h1").ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = h1.focus();
    }
}
