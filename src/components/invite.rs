//! A share link as it arrives: its key is checked before anything is stored. A broken link says
//! so on the start screen; a link to another accountmanager than the one already stored never
//! replaces it unasked: the start screen shows both names and check codes and the employer chooses.

use leptos::prelude::*;
use vio_core::store::Invite;

use crate::state::{AppState, InviteNews};

/// The check code of a key, or `None` when it is not an age public key. Checked in the page: the
/// encryption worker runs this same wasm, so age's key reading is in it anyway, and a synchronous
/// check keeps the start screen free of the worker's round trip.
fn check_code(key: &str) -> Option<String> {
    vio_core::crypto::parse_recipient(key).ok().map(|r| vio_core::crypto::fingerprint(&r))
}

/// Handles a share link: stores its accountmanager, or tells the start screen what to ask or say.
pub fn arrived(app: AppState, invite: Option<Invite>) {
    let Some((invite, new_code)) = invite.and_then(|i| check_code(&i.key).map(|code| (i, code))) else {
        return app.invite_news.set(Some(InviteNews::Broken));
    };
    match app.stored.with_untracked(|s| s.invite.clone()) {
        Some(old) if old.key != invite.key => {
            let stored_code = check_code(&old.key).unwrap_or_default();
            app.invite_news.set(Some(InviteNews::Other { stored: old, stored_code, new: invite, new_code }));
        }
        _ => app.stored.update(|s| s.invite = Some(invite)),
    }
}

/// What the start screen says about a share link of this visit.
#[component]
pub fn InviteNotice() -> impl IntoView {
    let app = crate::state::use_app();
    move || match app.invite_news.get() {
        None => None,
        Some(InviteNews::Broken) => Some(view! { <p class="notice" role="status">{app.t(|u| &u.invite_broken)}</p> }.into_any()),
        Some(InviteNews::Other { stored, stored_code, new, new_code }) => {
            let question = app
                .ui
                .fill(|u| &u.invite_other, "old", &stored.name)
                .replace("{old_code}", &stored_code)
                .replace("{new}", &new.name)
                .replace("{new_code}", &new_code);
            let keep = app.ui.fill(|u| &u.invite_keep, "name", &stored.name);
            let take = app.ui.fill(|u| &u.invite_take, "name", &new.name);
            let choose = move |new: Option<Invite>| {
                if let Some(new) = new {
                    app.stored.update(|s| s.invite = Some(new));
                }
                app.invite_news.set(None);
            };
            let new = StoredValue::new(new);
            Some(
                view! {
                    <section class="notice invite-choice" aria-labelledby="invite-choice-title">
                        <h2 id="invite-choice-title">{app.t(|u| &u.invite_other_title)}</h2>
                        <p>{question}</p>
                        <p class="actions">
                            <button type="button" class="button" on:click=move |_| choose(None)>{keep}</button>
                            <button type="button" class="button" on:click=move |_| choose(Some(new.get_value()))>{take}</button>
                        </p>
                    </section>
                }
                .into_any(),
            )
        }
    }
}
