//! A share link as it arrives: its keys are checked before anything is stored. A broken link says
//! so on the start screen; a link to other accountmanagers than those already stored never
//! replaces them unasked: the start screen shows both with names and check codes and the employer
//! chooses.

use leptos::prelude::*;
use vio_core::store::Recipient;

use crate::state::{AppState, InviteNews};

/// [`vio_ui::i18n::Ui::named_codes`] of stored recipients (the caller checked their keys when they arrived).
fn named(app: AppState, recipients: &[Recipient]) -> String {
    let codes = Recipient::check_codes(recipients).unwrap_or_default();
    app.ui.named_codes(recipients.iter().map(|r| r.name.clone()).zip(codes))
}

fn names(recipients: &[Recipient]) -> String {
    recipients.iter().map(|r| r.name.as_str()).collect::<Vec<_>>().join(", ")
}

/// Handles a share link: stores its accountmanagers, or tells the start screen what to ask or say.
pub fn arrived(app: AppState, invite: Option<Vec<Recipient>>) {
    let Some(new) = invite.filter(|new| Recipient::check_codes(new).is_some()) else {
        return app.invite_news.set(Some(InviteNews::Broken));
    };
    let stored = app.stored.with_untracked(|s| s.recipients.clone());
    let keys = |list: &[Recipient]| list.iter().map(|r| r.key.clone()).collect::<Vec<_>>();
    if stored.is_empty() || keys(&stored) == keys(&new) {
        app.stored.update(|s| s.recipients = new);
    } else {
        app.invite_news.set(Some(InviteNews::Other { stored, new }));
    }
}

/// Whom a result can go to, by the share link: on the start screen and on Delen.
#[component]
pub fn Invited() -> impl IntoView {
    let app = crate::state::use_app();
    move || {
        let recipients = app.stored.with(|s| s.recipients.clone());
        (!recipients.is_empty()).then(|| view! { <p class="invite">{app.ui.fill(|u| &u.share_invited, "names", &named(app, &recipients))}</p> })
    }
}

/// What the start screen says about a share link of this visit.
#[component]
pub fn InviteNotice() -> impl IntoView {
    let app = crate::state::use_app();
    move || match app.invite_news.get() {
        None => None,
        Some(InviteNews::Broken) => Some(view! { <p class="notice" role="status">{app.t(|u| &u.invite_broken)}</p> }.into_any()),
        Some(InviteNews::Other { stored, new }) => {
            let question = app.ui.fill(|u| &u.invite_other, "old", &named(app, &stored)).replace("{new}", &named(app, &new));
            let keep = app.ui.fill(|u| &u.invite_keep, "name", &names(&stored));
            let take = app.ui.fill(|u| &u.invite_take, "name", &names(&new));
            let choose = move |new: Option<Vec<Recipient>>| {
                if let Some(new) = new {
                    app.stored.update(|s| s.recipients = new);
                }
                app.invite_news.set(None);
            };
            Some(
                view! {
                    <section class="notice invite-choice" aria-labelledby="invite-choice-title">
                        <h2 id="invite-choice-title">{app.t(|u| &u.invite_other_title)}</h2>
                        <p>{question}</p>
                        <p class="actions">
                            <button type="button" class="button" on:click=move |_| choose(None)>{keep}</button>
                            <button type="button" class="button" on:click=move |_| choose(Some(new.clone()))>{take}</button>
                        </p>
                    </section>
                }
                .into_any(),
            )
        }
    }
}
