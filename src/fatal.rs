//! A panic must never leave a blank page. The hook replaces the page with a readable message (Dutch
//! first) and a reload button; answers are already in localStorage, because every answer is saved the
//! moment it is given. An uncaught JavaScript error is treated the same way: wasm-bindgen's
//! `unwrap_throw` and a trapped (aborted) wasm instance surface as such errors, not as panics.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

// Written out here rather than taken from ui.json: this screen must work even when nothing else does.
const ERROR_SCREEN: &str = r#"<main class="fatal" id="main"><h1>Er ging iets mis</h1>
<p>Er ging iets mis in de app. Uw antwoorden zijn bewaard in deze browser. Laad de pagina opnieuw om verder te gaan.</p>
<p lang="en">Something went wrong in the app. Your answers are kept in this browser. Reload the page to continue.</p>
<p><a class="button primary" href="">Pagina opnieuw laden</a></p></main>"#;

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

pub fn show_error_screen() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(body) = doc.body() {
        body.set_inner_html(ERROR_SCREEN);
        if let Some(h1) = doc.query_selector("h1").ok().flatten().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            h1.set_tab_index(-1);
            let _ = h1.focus();
        }
    }
}
