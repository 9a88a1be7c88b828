//! The accountmanager's key: created in the browser, shown as a share link, QR code and poster with
//! its fingerprint, backed up as a plain age identity file (optionally passphrase-protected) and
//! restored from one. The secret never appears in a link, a QR code or a request.

use leptos::prelude::*;
use vio_core::crypto::{self, PassphraseStrength};
use vio_core::open::OpenError;
use vio_core::store::{ColleagueError, Recipient};
use vio_core::ui::{AmTexts, LaterTexts};
use vio_ui::components::field::TextField;
use vio_ui::files;
use vio_ui::router::Screen;
use wasm_bindgen::JsCast;

use super::state::{use_am, AmRoute};

/// The employer's page lives one folder up from the accountmanager's (`dist/` and `dist/accountmanager/`).
fn share_link(recipients: Vec<Recipient>) -> String {
    let here = window().location().href().unwrap_or_default();
    let employer_page = web_sys::Url::new_with_base("../", &here).map(|u| u.href()).unwrap_or_default();
    format!("{employer_page}{}", vio_ui::share_link::fragment(&recipients))
}

/// The QR code, drawn as one SVG path of its dark modules with a quiet zone of four: made here (no
/// image request, no third party) and as elements, not as markup parsed from a string, so the page
/// needs no HTML sink under its Trusted Types policy.
#[component]
fn QrCode(#[prop(into)] text: Signal<String>, #[prop(optional)] class: &'static str) -> impl IntoView {
    const QUIET: usize = 4;
    let drawing = move || {
        let code = qrcode::QrCode::with_error_correction_level(text.get(), qrcode::EcLevel::M).ok()?;
        let width = code.width();
        let mut path = String::new();
        for (i, _) in code.to_colors().iter().enumerate().filter(|(_, c)| **c == qrcode::Color::Dark) {
            path.push_str(&format!("M{} {}h1v1h-1z", i % width + QUIET, i / width + QUIET));
        }
        Some((width + 2 * QUIET, path))
    };
    let ui = use_am().ui;
    view! {
        <div class=class role="img" aria-label=ui.am(|u| &u.am_qr_alt)>
            {move || drawing().map(|(size, path)| view! {
                <svg xmlns="http://www.w3.org/2000/svg" viewBox=format!("0 0 {size} {size}") shape-rendering="crispEdges">
                    <rect width=size height=size fill="#fff"/>
                    <path d=path fill="#000"/>
                </svg>
            })}
        </div>
    }
}

#[component]
pub fn KeyPanel() -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    let has_key = move || am.identity().is_some();
    view! {
        <section class="panel" aria-labelledby="key-title">
            <h2 id="key-title">{ui.am(|u| &u.am_key_title)}</h2>
            <Show when=has_key fallback=|| view! { <CreateKey/> }>
                <KeyDetails/>
            </Show>
        </section>
    }
}

#[component]
fn CreateKey() -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    let name = RwSignal::new(am.keyring.with_untracked(|k| k.name.clone()));
    let create = move |_| am.add_new_key(Some(name.get_untracked().trim().to_string()));
    view! {
        <p>{ui.am(|u| &u.am_no_key)}</p>
        <TextField id="am-name" label=&AmTexts::get().am_name_label hint=&AmTexts::get().am_name_hint value=name autocomplete="organization"/>
        <p class="actions"><button type="button" class="button primary" on:click=create>{ui.am(|u| &u.am_create)}</button></p>
        <RestoreKey/>
    }
}

#[component]
fn RestoreKey() -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    let passphrase = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let restore = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        let Some(file) = files::list(input.files()).into_iter().next() else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let bytes = files::read(&file).await.unwrap_or_default();
            let text = if bytes.starts_with(b"age-encryption.org/") {
                // In the encryption worker: scrypt would freeze the page for a second.
                super::open::decrypt_with_passphrase(&bytes, &passphrase.get_untracked())
                    .await
                    .map_err(OpenError::from)
                    .and_then(|b| String::from_utf8(b).map_err(|_| crypto::CryptoError::InvalidIdentity.into()))
            } else {
                Ok(String::from_utf8_lossy(&bytes).into_owned())
            };
            match text.and_then(|t| crypto::parse_identities(&t).map_err(OpenError::from)) {
                Ok(identities) => {
                    let today = files::today();
                    let secrets: Vec<String> = identities.iter().map(|id| crypto::identity_file(id, &today)).collect();
                    am.change_keyring(|k| secrets.iter().for_each(|s| k.add(s.clone())));
                    message.set(None);
                }
                Err(e) => message.set(Some(e.message(am.ui.lang()))),
            }
        });
    };
    view! {
        <details class="restore">
            <summary>{ui.am(|u| &u.am_restore)}</summary>
            <TextField id="restore-passphrase" label=&AmTexts::get().am_restore_passphrase value=passphrase kind="password"/>
            // A button in the page's language: the browser's own file button speaks the browser's.
            <p class="actions">
                <label class="button" for="restore-file">{ui.am(|u| &u.am_restore_choose)}</label>
                <input type="file" id="restore-file" class="visually-hidden" on:change=restore/>
            </p>
            <p class="status error" role="alert">{move || message.get()}</p>
        </details>
    }
}

#[component]
fn KeyDetails() -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    let recipient = Memo::new(move |_| am.identity().map(|id| id.to_public().to_string()).unwrap_or_default());
    let fingerprint = move || am.identity().map(|id| crypto::fingerprint(&id.to_public())).unwrap_or_default();
    let link = Memo::new(move |_| share_link(am.keyring.with(|k| k.share_link_recipients())));
    let persisted = RwSignal::new(None::<bool>);
    // Ask once per visit; browsers grant it silently or after their own prompt.
    if let Ok(storage) = js_sys::Reflect::get(&window().navigator(), &"storage".into()) {
        if !storage.is_undefined() {
            let manager = window().navigator().storage();
            if let Ok(promise) = manager.persist() {
                leptos::task::spawn_local(async move {
                    let granted = wasm_bindgen_futures::JsFuture::from(promise).await.ok().and_then(|v| v.as_bool());
                    persisted.set(granted);
                });
            }
        }
    }
    // Some(true) once the browser confirmed the copy; Some(false) when it has no clipboard (an
    // insecure origin) or refused: then the link is selected for the user to copy by hand.
    let copied = RwSignal::new(None::<bool>);
    let copy = move |_| {
        copied.set(None);
        let navigator = window().navigator();
        let has_clipboard = js_sys::Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|c| !c.is_undefined() && !c.is_null());
        if !has_clipboard {
            return copy_failed(copied);
        }
        let promise = navigator.clipboard().write_text(&link.get());
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await {
                Ok(_) => copied.set(Some(true)),
                Err(_) => copy_failed(copied),
            }
        });
    };
    let delete = move |_| am.remove_key_if_confirmed(&recipient.get_untracked());
    view! {
        <p class="notice" role="note">{ui.am(|u| &u.am_warning)}</p>
        <p>{move || match persisted.get() {
            Some(true) => ui.am(|u| &u.am_persisted)(),
            Some(false) => ui.am(|u| &u.am_not_persisted)(),
            None => "",
        }}</p>
        <dl class="key-facts">
            <dt>{ui.am(|u| &u.am_name_label)}</dt><dd>{move || am.keyring.with(|k| k.name.clone())}</dd>
            <dt>{ui.am(|u| &u.check_code)}</dt><dd class="fingerprint" id="fingerprint">{fingerprint}</dd>
            <dt>{ui.am(|u| &u.am_public_key)}</dt><dd class="mono" id="public-key">{move || recipient.get()}</dd>
        </dl>
        <div class="input question">
            <label for="share-link">{ui.am(|u| &u.am_share_link)}</label>
            <p class="hint" id="share-link-hint">{ui.am(|u| &u.am_share_link_hint)}</p>
            <textarea id="share-link" rows="3" readonly aria-describedby="share-link-hint" prop:value=move || link.get()></textarea>
        </div>
        <Colleagues/>
        <p class="actions">
            <button type="button" class="button" on:click=copy>{ui.am(|u| &u.am_copy)}</button>
            <span role="status">{move || copied.get().map(|ok| if ok { ui.am(|u| &u.am_copied)() } else { ui.am(|u| &u.am_copy_failed)() })}</span>
            <a class="button" href=AmRoute::Poster.hash()>{ui.am(|u| &u.am_poster)}</a>
        </p>
        <figure class="qr">
            <QrCode text=link/>
            <figcaption>{ui.am(|u| &u.am_qr_title)}</figcaption>
        </figure>
        <Backup/>
        <p class="actions"><button type="button" class="button" on:click=delete>{ui.am(|u| &u.am_delete_key)}</button></p>
        <OlderKeys/>
        <AnotherKey/>
    }
}

/// The keys this browser had before the one in use: each still opens the files encrypted to it, and
/// can be taken into use again (a key restored by mistake is undone this way).
#[component]
fn OlderKeys() -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    let older = move || {
        let mut ids = am.identities();
        ids.pop();
        ids.into_iter().rev().map(|id| id.to_public()).collect::<Vec<_>>()
    };
    view! {
        <Show when=move || !older().is_empty()>
            <section aria-labelledby="older-keys-title">
                <h3 id="older-keys-title">{ui.am(|u| &u.am_older_keys_title)}</h3>
                <p class="hint">{ui.am(|u| &u.am_older_keys_hint)}</p>
                <ul class="older-keys">
                    {move || older().into_iter().map(|public| {
                        let code = crypto::fingerprint(&public);
                        let public = public.to_string();
                        let again = public.clone();
                        let remove = move |_| am.remove_key_if_confirmed(&public);
                        view! {
                            <li>
                                {ui.am(|u| &u.check_code)}" "<span class="fingerprint">{code.clone()}</span>" "
                                <button type="button" class="button" aria-label=format!("{} {code}", ui.am(|u| &u.am_use_again)()) on:click=move |_| am.change_keyring(|k| k.use_key(&again))>{ui.am(|u| &u.am_use_again)}</button>" "
                                <button type="button" class="button" aria-label=format!("{} {code}", ui.am(|u| &u.am_remove_older)()) on:click=remove>{ui.am(|u| &u.am_remove_older)}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}

/// A new key, or one restored from a backup, while a key exists: it becomes the key in use and the
/// current one is kept (files already sent to it must still open).
#[component]
fn AnotherKey() -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    let create = move |_| am.add_new_key(None);
    view! {
        <details class="another-key">
            <summary>{ui.am(|u| &u.am_another_key)}</summary>
            <p class="hint">{ui.am(|u| &u.am_another_key_hint)}</p>
            <p class="actions"><button type="button" class="button" on:click=create>{ui.am(|u| &u.am_create_another)}</button></p>
            <RestoreKey/>
        </details>
    }
}

#[component]
fn Backup() -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    let passphrase = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<&'static str>);
    let secret = move || am.keyring.with_untracked(|k| k.backup());
    let plain = move |_| {
        let _ = files::download("vio-accountmanager-sleutel.txt", secret().as_bytes(), "text/plain");
    };
    let protected = move |_| {
        if crypto::passphrase_strength(&passphrase.get()) == PassphraseStrength::TooShort {
            return problem.set(Some(ui.later(|u| &u.share_need_passphrase)()));
        }
        problem.set(None);
        let file = crypto::encrypt_with_passphrase(&passphrase.get(), secret().as_bytes());
        let _ = files::download("vio-accountmanager-sleutel.age", &file, "application/octet-stream");
    };
    view! {
        <section aria-labelledby="backup-title">
            <h3 id="backup-title">{ui.am(|u| &u.am_backup_title)}</h3>
            <p class="hint">{ui.am(|u| &u.am_backup_plain_hint)}</p>
            <p class="actions"><button type="button" class="button" on:click=plain>{ui.am(|u| &u.am_backup_plain)}</button></p>
            <TextField id="backup-passphrase" label=&AmTexts::get().am_backup_passphrase_label hint=&LaterTexts::get().share_passphrase_hint value=passphrase kind="password" autocomplete="new-password"/>
            <p class="actions"><button type="button" class="button" on:click=protected>{ui.am(|u| &u.am_backup_passphrase)}</button></p>
            <p class="status error" role="alert">{move || problem.get()}</p>
        </section>
    }
}

/// Colleagues of the team whose keys go into the share link too: every result sent through it is
/// one file that each of them opens, so the one who holds the conversation can read it.
#[component]
fn Colleagues() -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    let name = RwSignal::new(String::new());
    let key = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<fn(&AmTexts) -> &vio_core::Text>);
    let add = move |_| {
        let outcome = std::cell::Cell::new(Ok(()));
        am.change_keyring(|k| outcome.set(k.add_colleague(&key.get_untracked(), &name.get_untracked())));
        problem.set(outcome.get().err().map(|e| -> fn(&AmTexts) -> &vio_core::Text {
            match e {
                ColleagueError::InvalidKey => |u| &u.am_colleague_bad_key,
                ColleagueError::AlreadyThere => |u| &u.am_colleague_there,
                ColleagueError::TooMany => |u| &u.am_colleague_too_many,
                ColleagueError::NoName => |u| &u.am_colleague_no_name,
            }
        }));
        if problem.get_untracked().is_none() {
            name.set(String::new());
            key.set(String::new());
        }
    };
    let listed = move || am.keyring.with(|k| Recipient::with_check_codes(&k.colleagues));
    view! {
        <details class="colleagues">
            <summary>{ui.am(|u| &u.am_colleagues)}</summary>
            <p class="hint">{ui.am(|u| &u.am_colleagues_hint)}</p>
            <ul>
                {move || listed().into_iter().map(|(c, code)| {
                    let remove = ui.am_fill(|u| &u.am_colleague_remove, "name", &c.name);
                    let key = c.key.clone();
                    view! {
                        <li>{c.name}" – "{ui.am(|u| &u.check_code)}" "<span class="fingerprint">{code}</span>" "
                            <button type="button" class="button" on:click=move |_| am.change_keyring(|k| k.remove_colleague(&key))>{remove}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <TextField id="colleague-name" label=&AmTexts::get().am_colleague_name value=name/>
            <div class="input question">
                <label for="colleague-key">{ui.am(|u| &u.am_colleague_key)}</label>
                <input type="text" id="colleague-key" spellcheck="false" autocomplete="off" prop:value=move || key.get() on:input=move |e| key.set(event_target_value(&e))/>
            </div>
            <p class="actions"><button type="button" class="button" on:click=add>{ui.am(|u| &u.am_colleague_add)}</button></p>
            <p class="status error" role="alert">{move || problem.get().map(|pick| ui.am(pick)())}</p>
        </details>
    }
}

/// An A4 poster for an employer event: the QR code, the link, the name and the fingerprint.
#[component]
pub fn Poster() -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    let identity = am.identity();
    let Some(identity) = identity else {
        return view! { <p>{ui.am(|u| &u.am_need_key)}</p><p><a href=AmRoute::Home.hash()>{ui.am(|u| &u.am_back)}</a></p> }.into_any();
    };
    let name = am.keyring.with_untracked(|k| k.name.clone());
    let recipients = am.keyring.with_untracked(|k| k.share_link_recipients());
    let link = share_link(recipients.clone());
    let fingerprint = crypto::fingerprint(&identity.to_public());
    let colleagues = Recipient::with_check_codes(&recipients[1..]);
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <p class="actions no-print">
            <button type="button" class="button primary" on:click=print>{ui.later(|u| &u.print)}</button>
            <a class="button" href=AmRoute::Home.hash()>{ui.am(|u| &u.am_back)}</a>
        </p>
        <article class="poster">
            <h1 tabindex="-1">{ui.am(|u| &u.am_poster_title)}</h1>
            <p class="poster-lead">{move || ui.am_fill(|u| &u.am_poster_lead, "name", &name).replace("{minutes}", &vio_core::Questionnaire::vio().duration_minutes(ui.lang()).to_string())}</p>
            <QrCode text=link.clone() class="poster-qr"/>
            <p class="poster-link mono">{link.clone()}</p>
            <p>{ui.am(|u| &u.check_code)}": "<strong class="fingerprint">{fingerprint}</strong></p>
            {(!colleagues.is_empty()).then(|| view! {
                <p>{ui.am(|u| &u.am_colleagues_also)}</p>
                <ul class="colleagues">
                    {colleagues.into_iter().map(|(c, code)| view! { <li>{c.name}" – "{ui.am(|u| &u.check_code)}": "<strong class="fingerprint">{code}</strong></li> }).collect_view()}
                </ul>
            })}
            <p>{ui.am(|u| &u.am_poster_privacy)}</p>
        </article>
    }
    .into_any()
}

/// The copy did not happen: say so, and select the link so that Ctrl+C copies it.
fn copy_failed(copied: RwSignal<Option<bool>>) {
    copied.set(Some(false));
    if let Some(area) = document().get_element_by_id("share-link").and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
        area.select();
        let _ = area.focus();
    }
}
