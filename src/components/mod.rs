//! One small component per screen and per reusable piece. No business rules here: lights, reasons,
//! visibility and input checks all come from `vio-core`.

mod analyses;
pub mod benchmark;
pub mod comparison;
pub mod echart;
pub mod field;
mod invite;
mod light;
pub mod plan;
mod question;
mod questionnaire;
pub mod result;
mod share;
mod start;
pub mod terms;

use std::sync::atomic::{AtomicBool, Ordering};

use leptos::prelude::*;
use vio_core::store::{LoadNote, StorageError, STATE_KEY};
use vio_core::ui::UiTexts;
use vio_core::Questionnaire;

use crate::route::Route;
use crate::state::{use_app, AppState};

pub use light::{light_word, LightBadge};

#[component]
pub fn App() -> impl IntoView {
    let app = AppState::load();
    provide_context(app);
    let q = Questionnaire::vio();

    // The page language, the title and the current section follow the route and language.
    Effect::new(move |_| {
        let lang = app.lang();
        let route = app.route.get();
        let doc = document();
        if let Some(html) = doc.document_element() {
            let _ = html.set_attribute("lang", lang.code());
        }
        let ui = UiTexts::get();
        let screen = match &route {
            Route::Start => ui.start_title.get(lang).to_string(),
            Route::Section(id) => q.sections.iter().find(|s| &s.id == id).map_or_else(String::new, |s| s.title.get(lang).to_string()),
            Route::Result => ui.result_title.get(lang).to_string(),
            Route::Share => ui.share_title.get(lang).to_string(),
            Route::Analyses | Route::Analysis(_) => ui.my_analyses.get(lang).to_string(),
            Route::Compare(..) => ui.compare_title.get(lang).to_string(),
            Route::Invite(_) => ui.start_title.get(lang).to_string(),
        };
        doc.set_title(&format!("{screen} – {}", ui.app_name.get(lang)));
    });
    Effect::new(move |_| match app.route.get() {
        Route::Section(id) => app.set_section(&id),
        // A share link: remember the accountmanager, then show the start screen without the key in
        // the address bar (replace, so "back" does not return to the link).
        Route::Invite(invite) => {
            invite::arrived(app, invite);
            Route::Start.replace();
        }
        _ => {}
    });
    // Moving to another screen puts the focus on its heading, so screen readers announce it.
    Effect::new(move |first: Option<()>| {
        app.route.track();
        if first.is_some() {
            HAS_NAVIGATED.store(true, Ordering::Relaxed);
            request_animation_frame(focus_screen_heading);
        }
    });

    view! {
        <header class="top">
            <span class="brand">{app.t(|u| &u.app_name)}</span>
            <LanguageSwitch/>
        </header>
        <StorageNotice/>
        <main id="main">
            {move || match app.route.get() {
                Route::Start | Route::Invite(_) => view! { <start::StartScreen/> }.into_any(),
                Route::Section(id) => view! { <questionnaire::SectionPage id/> }.into_any(),
                later => view! { <LaterScreen route=later/> }.into_any(),
            }}
        </main>
    }
}

/// Whether the user has moved from one screen to another; only then does a screen take the focus
/// (on the first screen of a page load the browser's own focus stays).
static HAS_NAVIGATED: AtomicBool = AtomicBool::new(false);
/// Whether the later screens' wasm has arrived: until then a later screen renders after the route's
/// focus was set, and must take the focus itself.
static LATER_SCREENS_READY: AtomicBool = AtomicBool::new(false);

/// Puts the focus on the screen's heading and the screen at its top; both pages call it when the
/// user moves to another screen.
pub(crate) fn focus_screen_heading() {
    if let Some(h1) = document().query_selector("#main h1").ok().flatten() {
        use wasm_bindgen::JsCast;
        if let Ok(h1) = h1.dyn_into::<web_sys::HtmlElement>() {
            let _ = h1.focus();
        }
    }
    window().scroll_to_with_x_and_y(0.0, 0.0);
}

/// The screens after the questionnaire live in a wasm file of their own (`scripts/build.mjs`), so
/// the start screen's critical path carries only the start and the questionnaire. The page asks for
/// that file in the frame after its first screen has painted ([`fetch_later_screens`], called in
/// `start_employer`), never after a click; by the time the user reaches these screens it is there
/// and they render at once. Start and questionnaire routes never come here.
#[leptos::wasm_split::wasm_split(later_screens, wasm_split_path = ::leptos::wasm_split, preload(preload_later_screens), fallible)]
pub(crate) fn later_screen(route: Route) -> Result<AnyView, leptos::wasm_split::SplitLoaderError> {
    Ok(match route {
        Route::Result => view! { <result::ResultScreen/> }.into_any(),
        Route::Share => view! { <share::ShareScreen/> }.into_any(),
        Route::Analyses => view! { <analyses::AnalysesScreen/> }.into_any(),
        Route::Analysis(id) => view! { <analyses::AnalysisScreen id/> }.into_any(),
        Route::Compare(a, b) => view! { <analyses::CompareScreen first=a second=b/> }.into_any(),
        Route::Start | Route::Invite(_) | Route::Section(_) => ().into_any(),
    })
}

/// Requests the later screens' wasm before any of them is shown (`start_employer`).
pub(crate) async fn fetch_later_screens() {
    // A failure is not the user's yet: the screen that needs the file retries and explains.
    if preload_later_screens().await.is_ok() {
        LATER_SCREENS_READY.store(true, Ordering::Relaxed);
    }
}

/// Shows a later screen once its wasm file is there. If that file cannot be fetched (offline before
/// the first visit finished), the user reads why and can try again; their answers are untouched.
#[component]
fn LaterScreen(route: Route) -> impl IntoView {
    let app = use_app();
    let attempt = RwSignal::new(0u32);
    move || {
        attempt.track();
        let route = route.clone();
        Suspend::new(async move {
            let arrives_late = !LATER_SCREENS_READY.load(Ordering::Relaxed);
            let loaded = later_screen(route).await;
            LATER_SCREENS_READY.store(loaded.is_ok(), Ordering::Relaxed);
            if arrives_late && HAS_NAVIGATED.load(Ordering::Relaxed) {
                // Runs after the screen below is in the page: Suspend renders it in this same task.
                request_animation_frame(focus_screen_heading);
            }
            match loaded {
                Ok(screen) => screen,
                Err(_) => view! {
                    <h1 tabindex="-1">{app.t(|u| &u.screen_unavailable_title)}</h1>
                    <p>{app.t(|u| &u.screen_unavailable)}</p>
                    <button type="button" class="button" on:click=move |_| attempt.update(|n| *n += 1)>{app.t(|u| &u.try_again)}</button>
                }
                .into_any(),
            }
        })
    }
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let app = use_app();
    view! {
        <button type="button" class="lang" lang=move || app.lang().other().code()
            aria-label=app.t(|u| &u.language_switch_label)
            on:click=move |_| app.set_lang(app.lang().other())>
            {app.t(|u| &u.language_switch)}
        </button>
    }
}

#[component]
fn StorageNotice() -> impl IntoView {
    let app = use_app();
    let message = move || match app.storage_problem.get() {
        Some(StorageError::Blocked) => Some(app.t(|u| &u.storage_blocked)()),
        Some(StorageError::Full) => Some(app.t(|u| &u.storage_full)()),
        None => None,
    };
    view! {
        <div class="notice-area" role="alert">
            {move || message().map(|m| view! {
                <p class="notice">{m}" "<a href=Route::Analyses.hash()>{app.t(|u| &u.storage_way_out)}</a></p>
            })}
            {move || app.unreadable.get().map(|note| {
                let (text, key) = match note {
                    LoadNote::KeptAside(key) => (app.ui.fill(|u| &u.storage_kept_aside, "key", &key), key),
                    _ => (app.t(|u| &u.storage_left_in_place)().to_string(), STATE_KEY.to_string()),
                };
                let href = crate::browser_storage::download_href(&key);
                view! {
                    <p class="notice">{text}" "
                        <a class="button" download=format!("{key}.json") href=href>{app.t(|u| &u.storage_download)}</a>" "
                        <button type="button" class="button" on:click=move |_| app.unreadable.set(None)>{app.t(|u| &u.understood)}</button>
                    </p>
                }
            })}
        </div>
    }
}
