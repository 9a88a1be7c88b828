//! The accountmanager's page, a wasm of its own, so an employer never downloads identity
//! management, QR generation or the regional analysis. It shows results with the views the
//! employer's page has (`vio-ui`). Its encryption workers, which open result files off the page's
//! thread, run this same wasm (`vio_ui::crypto_worker` says how).
//!
//! Layout:
//! - [`state`]: the keyring (every key this browser had, and the name; in localStorage) and the files opened this session.
//! - [`key`]: create, back up, restore and share the key (link, QR code, poster).
//! - [`open`]: open result files by picker or drag and drop, with a message per bad file.
//! - [`read`]: read many files at once, each only up to a limit.
//! - [`kept`]: the opened results kept on this device (their encrypted files).
//! - [`device`]: IndexedDB, where kept results and the accountmanager's notes are stored.
//! - [`employer`]: one employer's result, read-only, with het goede gesprek.
//! - [`notes`]: the accountmanager's own notes on an employer, encrypted to their key.
//! - [`region`]: the regional analysis over all opened results, with CSV export.
//! - [`scroll_box`]: a table wider than a phone, scrolling in its own box.

mod device;
mod employer;
mod kept;
mod key;
mod notes;
mod open;
mod read;
mod region;
mod scroll_box;
mod state;

use leptos::prelude::*;
use state::{AmRoute, AmState};
use vio_core::store::KEYRING_KEY;
use vio_ui::components::shell::{PageShell, UnreadableNotice};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    // In a worker there is no page to mount; its script calls `serve_crypto_worker`.
    if web_sys::window().is_some() {
        start();
    }
}

/// The worker's entry point, called by its script (`crates/crypto-worker/shim.js`).
#[wasm_bindgen]
pub fn serve_crypto_worker() {
    vio_crypto_worker::serve();
}

fn start() {
    vio_ui::fatal::install_panic_hook();
    let Some(root) = document().get_element_by_id("app").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return;
    };
    root.replace_children_with_node_0();
    leptos::mount::mount_to(root, App).forget();
    vio_ui::crypto_worker::start();
    // The pool that opens result files is started now, while the page loads: its workers' one
    // request each (the page's glue, cached) must not follow the accountmanager's click.
    vio_ui::crypto_worker::grow();
}

/// What this copy's `config.json` does (`vio_ui::site`): whose copy it is and to which keys employers
/// share without a link, or why the file is not used, so a deployer's mistake is seen here.
#[component]
fn SiteStatus() -> impl IntoView {
    use vio_core::benchmark::BenchmarkError;
    use vio_core::site::ConfigError;
    let ui = state::use_am().ui;
    let config = LocalResource::new(vio_ui::site::config);
    move || {
        let text = match config.get().flatten()? {
            Ok(c) => {
                let keys = if c.recipients.is_empty() {
                    ui.am_fill(|u| &u.am_config_no_keys, "name", &c.organisation)
                } else {
                    let named = vio_core::store::Recipient::with_check_codes(&c.recipients).into_iter().map(|(r, code)| (r.name, code));
                    ui.am_fill(|u| &u.am_config_used, "name", &c.organisation).replace("{names}", &ui.named_codes(named))
                };
                let benchmark = c.benchmark.map(|b| {
                    let date = |d: &str| vio_ui::i18n::display_date(d, ui.lang());
                    ui.am_fill(|u| &u.am_config_benchmark, "n", &b.organisations.to_string()).replace("{from}", &date(&b.from)).replace("{to}", &date(&b.to))
                });
                [Some(keys), benchmark].into_iter().flatten().collect::<Vec<_>>().join(" ")
            }
            Err(e) => {
                let reason = match &e {
                    ConfigError::Unreadable { line, column } => {
                        ui.am_fill(|u| &u.am_config_unreadable, "line", &line.to_string()).replace("{column}", &column.to_string())
                    }
                    ConfigError::NoOrganisation => ui.am(|u| &u.am_config_no_organisation)().to_string(),
                    ConfigError::TooLong(field) => ui.am_fill(|u| &u.am_config_too_long, "field", field),
                    ConfigError::BadPhone => ui.am(|u| &u.am_config_bad_phone)().to_string(),
                    ConfigError::BadEmail => ui.am(|u| &u.am_config_bad_email)().to_string(),
                    ConfigError::BadWeb => ui.am(|u| &u.am_config_bad_web)().to_string(),
                    ConfigError::BadKey(name) => ui.am_fill(|u| &u.am_config_bad_key, "name", name),
                    ConfigError::RecipientWithoutName => ui.am(|u| &u.am_config_key_no_name)().to_string(),
                    ConfigError::TooManyRecipients => ui.am(|u| &u.am_config_too_many)().to_string(),
                    ConfigError::SameKeyTwice => ui.am(|u| &u.am_config_same_key)().to_string(),
                    ConfigError::Benchmark(e) => {
                        let pick: fn(&vio_core::ui::AmTexts) -> &vio_core::Text = match e {
                            BenchmarkError::Period => |u| &u.am_config_benchmark_period,
                            BenchmarkError::UnknownIndicator => |u| &u.am_config_benchmark_indicator,
                            BenchmarkError::TooFew => |u| &u.am_config_benchmark_too_few,
                            BenchmarkError::Shares => |u| &u.am_config_benchmark_shares,
                            BenchmarkError::Twice => |u| &u.am_config_benchmark_twice,
                        };
                        ui.am(pick)().to_string()
                    }
                };
                return Some(view! { <p class="notice" role="alert">{ui.am_fill(|u| &u.am_config_wrong, "reason", &reason)}</p> }.into_any());
            }
        };
        Some(view! { <p class="site">{text}</p> }.into_any())
    }
}

#[component]
fn App() -> impl IntoView {
    let am = AmState::new();
    provide_context(am);
    leptos::task::spawn_local(kept::restore(am));
    let ui = am.ui;
    let screen_title = move |route: &AmRoute| {
        match route {
            AmRoute::Home | AmRoute::Employer(_) => ui.am(|u| &u.am_title)(),
            AmRoute::Poster => ui.am(|u| &u.am_poster_title)(),
            AmRoute::Compare(..) => ui.t(|u| &u.compare_title)(),
            AmRoute::Region => ui.am(|u| &u.region_title)(),
        }
        .to_string()
    };
    let notices = move || {
        view! {
            {move || am.problem.get().map(|m| view! { <p class="notice">{m}</p> })}
            {move || am.files_note.get().map(|m| view! {
                <p class="notice">{m}" "<button type="button" class="button" on:click=move |_| am.files_note.set(None)>{ui.t(|u| &u.understood)}</button></p>
            })}
            <UnreadableNotice note=am.unreadable key=KEYRING_KEY
                kept_aside=|ui, key| ui.am_fill(|u| &u.am_keyring_kept_aside, "key", key)
                left_in_place=|ui| ui.am(|u| &u.am_keyring_left_in_place)()/>
        }
    };
    view! {
        <PageShell route=am.route screen_title brand=|ui| format!("{} · {}", ui.t(|u| &u.app_name)(), ui.am(|u| &u.am_title)()) set_lang=move |lang| am.set_lang(lang) notices>
            {move || match am.route.get() {
                AmRoute::Home => view! {
                    <h1 tabindex="-1">{ui.am(|u| &u.am_title)}</h1>
                    <p class="lead">{ui.am(|u| &u.am_lead)}</p>
                    <SiteStatus/>
                    <key::KeyPanel/>
                    <open::OpenPanel/>
                }.into_any(),
                AmRoute::Poster => view! { <key::Poster/> }.into_any(),
                AmRoute::Employer(i) => view! { <employer::EmployerResult index=i/> }.into_any(),
                AmRoute::Compare(a, b) => view! { <employer::EmployerOverTime first=a second=b/> }.into_any(),
                AmRoute::Region => view! { <region::RegionScreen/> }.into_any(),
            }}
        </PageShell>
    }
}
