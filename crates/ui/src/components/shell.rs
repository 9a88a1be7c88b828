//! The frame of both pages: a header with the app's name and the language switch, the page's
//! notices, and the current screen in `<main>`. It keeps the document's language and title with
//! the screen (WCAG 3.1.1, 2.4.2) and moves the focus to a new screen's heading (2.4.3).

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use vio_core::store::LoadNote;
use vio_core::Lang;

use crate::i18n::{use_ui, Ui};
use crate::router::Screen;

/// Whether the user has moved from one screen to another; only then does a screen take the focus
/// (on the first screen of a page load the browser's own focus stays).
static HAS_NAVIGATED: AtomicBool = AtomicBool::new(false);

/// Whether the user has moved to another screen in this visit: a screen that renders after the
/// shell moved the focus (one that waits for a file) then takes the focus itself.
pub fn has_navigated() -> bool {
    HAS_NAVIGATED.load(Ordering::Relaxed)
}

/// `route`: the page's current screen; `screen_title`: its name, which the document's title begins
/// with; `brand`: the header's name of the page; `set_lang`: stores the other language when the
/// switch is used; `notices`: what the page must tell on every screen (storage, unreadable data).
#[component]
pub fn PageShell<S, T, L>(
    route: RwSignal<S>,
    screen_title: T,
    brand: fn(Ui) -> String,
    set_lang: L,
    #[prop(into)] notices: ViewFn,
    children: Children,
) -> impl IntoView
where
    S: Screen,
    T: Fn(&S) -> String + 'static,
    L: Fn(Lang) + Copy + Send + Sync + 'static,
{
    let ui = use_ui();
    Effect::new(move |_| {
        let lang = ui.lang();
        let screen = route.with(&screen_title);
        let doc = document();
        if let Some(html) = doc.document_element() {
            let _ = html.set_attribute("lang", lang.code());
        }
        doc.set_title(&format!("{screen} – {}", ui.t(|u| &u.app_name)()));
    });
    Effect::new(move |first: Option<()>| {
        route.track();
        if first.is_some() {
            HAS_NAVIGATED.store(true, Ordering::Relaxed);
            request_animation_frame(focus_screen_heading);
        }
    });
    view! {
        <header class="top">
            <span class="brand">{move || brand(ui)}</span>
            <button type="button" class="lang" lang=move || ui.lang().other().code()
                aria-label=ui.t(|u| &u.language_switch_label)
                on:click=move |_| set_lang(ui.lang().other())>
                {ui.t(|u| &u.language_switch)}
            </button>
        </header>
        <div class="notice-area" role="alert">{notices.run()}</div>
        <main id="main">{children()}</main>
    }
}

/// Puts the focus on the screen's heading and the screen at its top.
pub fn focus_screen_heading() {
    if let Some(h1) = document().query_selector("#main h1").ok().flatten() {
        use wasm_bindgen::JsCast;
        if let Ok(h1) = h1.dyn_into::<web_sys::HtmlElement>() {
            let _ = h1.focus();
        }
    }
    window().scroll_to_with_x_and_y(0.0, 0.0);
}

/// Stored data the page could not read, with a download of it so nothing is lost: kept aside under
/// a key of its own (`kept_aside` says so, with that key), or left in place under `key` because
/// storage is full (`left_in_place`).
#[component]
pub fn UnreadableNotice(
    note: RwSignal<Option<LoadNote>>,
    key: &'static str,
    kept_aside: fn(Ui, &str) -> String,
    left_in_place: fn(Ui) -> &'static str,
) -> impl IntoView {
    let ui = use_ui();
    move || {
        note.get().map(|read| {
            let (text, key) = match read {
                LoadNote::KeptAside(aside) => (kept_aside(ui, &aside), aside),
                _ => (left_in_place(ui).to_string(), key.to_string()),
            };
            view! {
                <p class="notice">{text}" "
                    <a class="button" download=format!("{key}.json") href=crate::browser_storage::download_href(&key)>{ui.t(|u| &u.storage_download)}</a>" "
                    <button type="button" class="button" on:click=move |_| note.set(None)>{ui.t(|u| &u.understood)}</button>
                </p>
            }
        })
    }
}
