//! Delen: the employer encrypts the result for their accountmanager and up to two colleagues (keys
//! from the share link or pasted) or with a passphrase, sees in words what the file holds, and
//! downloads a standard age file or hands it to the phone's share sheet.
//! Encryption happens in the browser (in the encryption worker, `vio_ui::crypto_worker`); the page
//! makes no request.

use leptos::prelude::*;
use vio_core::crypto::{self, CryptoError, PassphraseStrength};
use vio_core::envelope::{Envelope, Organisation};
use vio_core::ui::LaterTexts;
use vio_core::{Questionnaire, Text};
use vio_ui::crypto_worker::{self, Failure, Job};
use vio_ui::files;
use vio_ui::i18n::display_date;
use vio_ui::router::Screen;

use crate::route::Route;
use crate::state::use_app;

#[derive(Clone, Copy, PartialEq)]
enum Method {
    Key,
    Passphrase,
}

/// What the key field holds, read as the worker will read it (`Recipients::parse`). Read here, as
/// the user types: reading keys is quick, and this wasm has age's key reading for the worker anyway.
#[derive(Clone)]
enum KeyCheck {
    Empty,
    /// Valid keys, each with its check code.
    Valid(Vec<(String, String)>),
    /// Why the keys cannot be used.
    Invalid(fn(&LaterTexts) -> &Text),
}

#[derive(Clone, Copy)]
enum Delivery {
    Download,
    ShareSheet,
}

/// What became of the file. Texts are picked, not written out, so a language switch afterwards
/// changes them too.
#[derive(Clone)]
enum Status {
    Idle,
    Working,
    /// Downloaded under this name.
    Downloaded(String),
    Shared,
    Problem(fn(&LaterTexts) -> &Text),
}

#[component]
pub fn ShareScreen() -> impl IntoView {
    let app = use_app();
    let q = Questionnaire::vio();
    let invited = app.stored.with_untracked(|s| s.recipients.clone());
    let method = RwSignal::new(Method::Key);
    let key = RwSignal::new(invited.iter().map(|r| r.key.as_str()).collect::<Vec<_>>().join("\n"));
    let passphrase = RwSignal::new(String::new());
    let include_org = RwSignal::new(false);
    let org_name = RwSignal::new(String::new());
    let org_contact = RwSignal::new(String::new());
    let status = RwSignal::new(Status::Idle);

    let key_check = move || {
        key.with(|typed| match crypto::Recipients::parse(typed) {
            _ if typed.trim().is_empty() => KeyCheck::Empty,
            Ok(keys) => KeyCheck::Valid(keys.checked()),
            Err(CryptoError::TooManyRecipients) => KeyCheck::Invalid(|u| &u.share_key_too_many),
            Err(_) => KeyCheck::Invalid(|u| &u.share_key_bad),
        })
    };
    let strength = Memo::new(move |_| passphrase.with(|p| crypto::passphrase_strength(p)));
    let answers = Memo::new(move |_| app.stored.with(|s| s.draft.as_ref().map(|d| q.sanitize(&d.answers)).unwrap_or_default()));
    let today = files::today();
    let file_name = format!("vio-resultaat-{today}.age");
    let organisation = move || include_org.get().then(|| Organisation::typed(&org_name.get(), &org_contact.get())).flatten();

    // Encrypts as chosen, then delivers the file: as a download, or to the share sheet.
    let seal = {
        let today = today.clone();
        let file_name = file_name.clone();
        move |delivery: Delivery| {
            let (job, secret) = match method.get() {
                Method::Key if matches!(key_check(), KeyCheck::Empty | KeyCheck::Invalid(_)) => return status.set(Status::Problem(|u| &u.share_need_key)),
                Method::Key => (Job::SealToKey, key.get()),
                Method::Passphrase if strength.get() == PassphraseStrength::TooShort => return status.set(Status::Problem(|u| &u.share_need_passphrase)),
                Method::Passphrase => (Job::SealWithPassphrase, passphrase.get()),
            };
            let envelope = Envelope::new(q, &today, app.lang(), answers.get(), app.plan(), organisation());
            let file_name = file_name.clone();
            status.set(Status::Working);
            leptos::task::spawn_local(async move {
                let file = match crypto_worker::run(job, &secret, &envelope.to_padded_json()).await {
                    Ok(file) => file,
                    // The worker reads the key again, also while its check is under way.
                    Err(Failure::Crypto(_)) => return status.set(Status::Problem(|u| &u.share_need_key)),
                    Err(Failure::Unavailable) => return status.set(Status::Problem(|u| &u.crypto_unavailable)),
                };
                status.set(match delivery {
                    Delivery::Download => match files::download(&file_name, &file, "application/octet-stream") {
                        Ok(()) => Status::Downloaded(file_name),
                        Err(_) => Status::Problem(|u| &u.share_failed),
                    },
                    Delivery::ShareSheet => match files::share(&file_name, &file, app.t(|u| &u.share_title)()).await {
                        Ok(()) => Status::Shared,
                        Err(files::ShareFailure::Cancelled) => Status::Idle,
                        Err(files::ShareFailure::Failed) => Status::Problem(|u| &u.share_sheet_failed),
                    },
                });
            });
        }
    };

    let status_text = move || match status.get() {
        Status::Idle => String::new(),
        Status::Working => app.later(|u| &u.share_working)().to_string(),
        Status::Downloaded(file_name) => app.ui.later_fill(|u| &u.share_done, "file", &file_name),
        Status::Shared => app.later(|u| &u.share_shared)().to_string(),
        Status::Problem(pick) => app.later(pick)().to_string(),
    };
    // Without a share link, this copy's config.json may name the team results go to.
    let site_team = RwSignal::new(Vec::new());
    if invited.is_empty() {
        leptos::task::spawn_local(async move {
            if let Some(config) = vio_ui::site::usable().await {
                if key.with_untracked(String::is_empty) {
                    key.set(config.recipients.iter().map(|r| r.key.as_str()).collect::<Vec<_>>().join("\n"));
                }
                site_team.set(config.recipients);
            }
        });
    }
    // Names come from the share link or the config; a pasted key has none.
    let name_of = move |key: &str| {
        let find = |list: &Vec<vio_core::store::Recipient>| list.iter().find(|r| r.key == key).map(|r| r.name.clone());
        app.stored.with_untracked(|s| find(&s.recipients)).or_else(|| site_team.with(find)).unwrap_or_default()
    };
    let radio = move |value: Method, id: &'static str, label: fn(&vio_core::ui::LaterTexts) -> &vio_core::Text| {
        view! {
            <label class="option" for=id>
                <input type="radio" id=id name="method" prop:checked=move || method.get() == value on:change=move |_| method.set(value)/>
                <span>{app.later(label)}</span>
            </label>
        }
    };

    view! {
        <div class="share">
            <h1 tabindex="-1">{app.t(|u| &u.share_title)}</h1>
            <p class="lead">{app.later(|u| &u.share_lead)}</p>
            <fieldset class="question">
                <legend>{app.later(|u| &u.share_how)}</legend>
                <div class="options long">
                    {radio(Method::Key, "method-key", |u| &u.share_by_key)}
                    {radio(Method::Passphrase, "method-passphrase", |u| &u.share_by_passphrase)}
                </div>
            </fieldset>
            <Show when=move || method.get() == Method::Key>
                <div class="input question">
                    <label for="share-key">{app.later(|u| &u.share_key_label)}</label>
                    <p class="hint" id="share-key-hint">{app.later(|u| &u.share_key_hint)}</p>
                    <textarea id="share-key" rows="3" spellcheck="false" autocomplete="off" aria-describedby="share-key-hint share-key-check"
                        prop:value=move || key.get() on:input=move |e| key.set(event_target_value(&e))></textarea>
                    <p id="share-key-check" class=move || if matches!(key_check(), KeyCheck::Valid(_)) { "check ok" } else { "check error" } aria-live="polite">
                        {move || match key_check() {
                            KeyCheck::Valid(keys) => {
                                let named = app.ui.named_codes(keys.into_iter().map(|(key, code)| (name_of(&key), code)));
                                app.ui.later_fill(|u| &u.share_key_ok, "names", &named)
                            }
                            KeyCheck::Empty => String::new(),
                            KeyCheck::Invalid(pick) => app.later(pick)().to_string(),
                        }}
                    </p>
                </div>
            </Show>
            <Show when=move || method.get() == Method::Passphrase>
                <div class="input question">
                    <label for="share-passphrase">{app.later(|u| &u.share_passphrase_label)}</label>
                    <p class="hint" id="share-passphrase-hint">{app.later(|u| &u.share_passphrase_hint)}</p>
                    <input type="text" id="share-passphrase" autocomplete="off" spellcheck="false" aria-describedby="share-passphrase-hint share-strength"
                        prop:value=move || passphrase.get() on:input=move |e| passphrase.set(event_target_value(&e))/>
                    <p id="share-strength" class="check" aria-live="polite">{move || (!passphrase.with(String::is_empty)).then(|| match strength.get() {
                        PassphraseStrength::TooShort => app.later(|u| &u.strength_too_short)(),
                        PassphraseStrength::Weak => app.later(|u| &u.strength_weak)(),
                        PassphraseStrength::Fair => app.later(|u| &u.strength_fair)(),
                        PassphraseStrength::Strong => app.later(|u| &u.strength_strong)(),
                    })}</p>
                </div>
            </Show>
            <div class="question">
                <label class="option" for="include-org">
                    <input type="checkbox" id="include-org" prop:checked=move || include_org.get() on:change=move |e| include_org.set(event_target_checked(&e))/>
                    <span>{app.later(|u| &u.share_org_toggle)}</span>
                </label>
                <Show when=move || include_org.get()>
                    <div class="input">
                        <label for="org-name">{app.later(|u| &u.share_org_name)}</label>
                        <input type="text" id="org-name" maxlength=vio_core::envelope::MAX_TEXT_CHARS_ATTR autocomplete="organization" prop:value=move || org_name.get() on:input=move |e| org_name.set(event_target_value(&e))/>
                        <label for="org-contact">{app.later(|u| &u.share_org_contact)}</label>
                        <input type="text" id="org-contact" maxlength=vio_core::envelope::MAX_TEXT_CHARS_ATTR prop:value=move || org_contact.get() on:input=move |e| org_contact.set(event_target_value(&e))/>
                    </div>
                </Show>
            </div>
            <section class="preview" aria-labelledby="preview-title">
                <h2 id="preview-title">{app.later(|u| &u.share_preview_title)}</h2>
                <ul>
                    <li>{move || app.ui.later_fill(|u| &u.share_preview_answers, "n", &answers.with(|a| a.len()).to_string())}</li>
                    <li>{app.later(|u| &u.share_preview_scores)}</li>
                    <li>{move || app.ui.later_fill(|u| &u.share_preview_date, "date", &display_date(&today, app.lang()))}</li>
                    <li>{app.later(|u| &u.share_preview_language)}</li>
                    <li>{move || app.ui.later_fill(|u| &u.share_preview_plan, "n", &app.plan().len().to_string())}</li>
                    <li>{move || match organisation() {
                        // A field left empty shows as a dash, not as "Contact: ." with nothing in it.
                        Some(o) => {
                            let shown = |part: &str| if part.is_empty() { "–".to_string() } else { part.to_string() };
                            app.later(|u| &u.share_preview_org)().replace("{name}", &shown(&o.name)).replace("{contact}", &shown(&o.contact))
                        }
                        None => app.later(|u| &u.share_preview_no_org)().to_string(),
                    }}</li>
                </ul>
                <p class="note">{app.later(|u| &u.share_preview_never)}</p>
            </section>
            <p class="actions">
                <button type="button" class="button primary" on:click={let seal = seal.clone(); move |_| seal(Delivery::Download)} disabled=move || status.with(|s| matches!(s, Status::Working))>
                    {app.later(|u| &u.share_download)}
                </button>
                // Where there is a share sheet (phones): mail or messaging without a trip through the downloads.
                {files::can_share().then(|| view! {
                    <button type="button" class="button" on:click=move |_| seal(Delivery::ShareSheet) disabled=move || status.with(|s| matches!(s, Status::Working))>
                        {app.later(|u| &u.share_via)}
                    </button>
                })}
                <a class="button" href=Route::Result.hash()>{app.later(|u| &u.back_to_result)}</a>
            </p>
            <p class=move || if status.with(|s| matches!(s, Status::Problem(_))) { "status error" } else { "status" } role="status">{status_text}</p>
        </div>
    }
}
