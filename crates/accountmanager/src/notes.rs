//! The accountmanager's own notes on one employer (`vio_core::notes`): saved as they are typed,
//! encrypted to the key in use, shown beside every result of that employer, and downloadable as
//! the age file the `age` CLI opens with the accountmanager's key.

use leptos::prelude::*;
use vio_core::notes::{EmployerNotes, MAX_NOTE_CHARS_ATTR};
use vio_ui::files;

use super::device::{self, DeviceError, Store};
use super::state::use_am;

#[derive(Clone, Copy, PartialEq)]
enum Status {
    Loading,
    Ready,
    Saved,
    /// Notes are stored that none of this browser's keys opens: nothing may overwrite them.
    Unreadable,
    Failed(DeviceError),
}

#[component]
pub fn EmployerNotesPanel(
    /// `vio_core::notes::employer_key`.
    employer: String,
    organisation: String,
) -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    let notes = RwSignal::new(String::new());
    let agreements = RwSignal::new(String::new());
    let status = RwSignal::new(Status::Loading);
    let key = StoredValue::new(employer);
    let organisation = StoredValue::new(organisation);
    leptos::task::spawn_local(async move {
        let found = device::get(Store::EmployerNotes, &key.get_value()).await;
        status.set(match found.map(|r| r.and_then(|r| device::bytes(&r))) {
            Ok(Some(file)) => match EmployerNotes::open(&file, &am.identities()) {
                Ok(n) => {
                    notes.set(n.notes);
                    agreements.set(n.agreements);
                    Status::Ready
                }
                Err(_) => Status::Unreadable,
            },
            Ok(None) => Status::Ready,
            Err(e) => Status::Failed(e),
        });
    });
    let current = move || EmployerNotes::new(&organisation.get_value(), &notes.get_untracked(), &agreements.get_untracked(), &files::today());
    // Saved on every change: what is typed is on the device before the tab can close.
    let save = move || {
        let Some(identity) = am.identity() else { return };
        let n = current();
        leptos::task::spawn_local(async move {
            let id = key.get_value();
            let outcome = if n.is_empty() {
                device::delete(Store::EmployerNotes, &[id]).await
            } else {
                device::put_all(Store::EmployerNotes, &[device::record(&id, &[], &n.seal(&identity.to_public()))]).await
            };
            status.set(outcome.map_or_else(Status::Failed, |()| Status::Saved));
        });
    };
    let download = move |_| {
        if let Some(identity) = am.identity() {
            let n = current();
            let _ = files::download(&n.file_name(), &n.seal(&identity.to_public()), "application/octet-stream");
        }
    };
    let delete = move |_| {
        if !window().confirm_with_message(ui.am(|u| &u.notes_confirm_delete)()).unwrap_or(false) {
            return;
        }
        leptos::task::spawn_local(async move {
            match device::delete(Store::EmployerNotes, &[key.get_value()]).await {
                Ok(()) => {
                    notes.set(String::new());
                    agreements.set(String::new());
                    status.set(Status::Ready);
                }
                Err(e) => status.set(Status::Failed(e)),
            }
        });
    };
    let editable = move || am.identity().is_some() && matches!(status.get(), Status::Ready | Status::Saved | Status::Failed(_));
    let message = move || match status.get() {
        Status::Saved => Some(ui.am(|u| &u.notes_saved)()),
        Status::Unreadable => Some(ui.am(|u| &u.notes_unreadable)()),
        Status::Failed(DeviceError::Full) => Some(ui.am(|u| &u.notes_full)()),
        Status::Failed(DeviceError::Blocked) => Some(ui.am(|u| &u.notes_blocked)()),
        Status::Loading | Status::Ready => None,
    };
    let field = move |id: &'static str, label: fn(&vio_core::ui::AmTexts) -> &vio_core::Text, value: RwSignal<String>| {
        view! {
            <label for=id>{ui.am(label)}</label>
            <textarea id=id rows="5" maxlength=MAX_NOTE_CHARS_ATTR disabled=move || !editable()
                prop:value=move || value.get() on:input=move |e| { value.set(event_target_value(&e)); save(); }></textarea>
        }
    };
    view! {
        <section class="panel" aria-labelledby="notes-title">
            <h2 id="notes-title">{ui.am(|u| &u.notes_title)}</h2>
            <p>{ui.am(|u| &u.notes_lead)}</p>
            <Show when=move || am.identity().is_none()><p class="note">{ui.am(|u| &u.am_need_key)}</p></Show>
            <div class="input notes">
                {field("notes-notes", |u| &u.notes_notes, notes)}
                {field("notes-agreements", |u| &u.notes_agreements, agreements)}
            </div>
            <p class="hint" role="status">{message}</p>
            <p class="actions">
                <button type="button" class="button" on:click=download disabled=move || !editable()>{ui.am(|u| &u.notes_download)}</button>
                <button type="button" class="button" on:click=delete disabled=move || matches!(status.get(), Status::Loading)>{ui.am(|u| &u.notes_delete)}</button>
            </p>
        </section>
    }
}
