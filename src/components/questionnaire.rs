//! One page per section ("stap N van M"), with back and next. Next checks the typed answers first;
//! choices need no check, and any question may stay open ("weet ik niet" is always allowed).

use leptos::prelude::*;
use vio_core::answers::InputProblem;
use vio_core::questionnaire::{Item, ItemKind, Section};
use vio_core::{Answer, Questionnaire};
use vio_ui::router::Screen;
use wasm_bindgen::JsCast;

use super::question::Question;
use crate::route::Route;
use crate::state::use_app;

/// Input problems on the current page, by item id; shared by the page and its questions. A page
/// has a handful of fields, so a list does, without a map's code in the first wasm.
#[derive(Clone, Copy)]
pub struct PageErrors(RwSignal<Vec<(String, InputProblem)>>);

impl PageErrors {
    /// Records the problem of the field `id`, or that it has none.
    pub fn set(self, id: &str, problem: Option<InputProblem>) {
        self.0.update(|e| {
            e.retain(|(i, _)| i != id);
            e.extend(problem.map(|p| (id.to_string(), p)));
        });
    }

    pub fn get(self, id: &str) -> Option<InputProblem> {
        self.0.with(|e| e.iter().find(|(i, _)| i == id).map(|(_, p)| p.clone()))
    }

    /// The first field on the page with a problem, in the page's order.
    fn first(self, section: &Section) -> Option<&str> {
        self.0.with(|e| section.items.iter().map(|i| &*i.id).find(|id| e.iter().any(|(i, _)| i == id)))
    }
}

#[component]
pub fn SectionPage(id: String) -> impl IntoView {
    let app = use_app();
    let q = Questionnaire::vio();
    let Some(section) = q.sections.iter().find(|s| s.id == id) else {
        Route::Section(q.sections[0].id.to_string()).go();
        return ().into_any();
    };
    let errors = PageErrors(RwSignal::new(Vec::new()));
    provide_context(errors);

    let visible_ids = Memo::new(move |_| {
        app.stored.with(|s| {
            let empty = Default::default();
            let answers = s.draft.as_ref().map_or(&empty, |d| &d.answers);
            q.visible_sections(answers).iter().map(|s| s.id.clone()).collect::<Vec<_>>()
        })
    });
    let section_id = section.id.clone();
    let position = {
        let section_id = section_id.clone();
        Memo::new(move |_| visible_ids.with(|v| v.iter().position(|s| *s == section_id)))
    };
    let step = move || {
        let (n, m) = (position.get().map_or(0, |p| p + 1), visible_ids.with(Vec::len));
        app.t(|u| &u.step_of)().replace("{n}", &n.to_string()).replace("{m}", &m.to_string())
    };
    let percent = move || {
        let (n, m) = (position.get().map_or(0, |p| p + 1), visible_ids.with(Vec::len).max(1));
        // A CSSOM property, not a style attribute: the Content-Security-Policy forbids inline styles.
        format!("{}%", n * 100 / m)
    };
    let is_last = move || position.get().is_some_and(|p| p + 1 == visible_ids.with(Vec::len));

    let previous = move |_| match position.get() {
        Some(p) if p > 0 => Route::Section(visible_ids.with(|v| v[p - 1].to_string())).go(),
        _ => Route::Start.go(),
    };
    let next = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        recheck_numbers(section, errors);
        if let Some(first) = errors.first(section) {
            if let Some(el) = document().get_element_by_id(first).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = el.focus();
            }
            return;
        }
        // The page list may have changed with this page's answers (skip logic): look it up again.
        let ids = visible_ids.get();
        let here = ids.iter().position(|s| *s == section_id);
        match here.and_then(|p| ids.get(p + 1)) {
            Some(next) => Route::Section(next.to_string()).go(),
            None => {
                app.complete();
                Route::Result.go();
            }
        }
    };

    // Items sharing a group sit together in one fieldset under the group's heading.
    let mut blocks: Vec<AnyView> = Vec::new();
    let mut items = section.items.iter().peekable();
    while let Some(item) = items.next() {
        match &item.group {
            None => blocks.push(view! { <VisibleQuestion item/> }.into_any()),
            Some(group) => {
                let mut members = vec![item];
                while let Some(next) = items.next_if(|i| i.group.as_ref() == Some(group)) {
                    members.push(next);
                }
                blocks.push(
                    view! {
                        <fieldset class="group">
                            <legend>{app.t(|u| &u.optional_group)}</legend>
                            {members.into_iter().map(|item| view! { <VisibleQuestion item/> }).collect_view()}
                        </fieldset>
                    }
                    .into_any(),
                );
            }
        }
    }

    view! {
        <div class="page">
            <p class="progress">{step}</p>
            <div class="progress-bar" aria-hidden="true"><div style:width=percent></div></div>
            <h1 tabindex="-1">{move || section.title.get(app.lang()).to_string()}</h1>
            <p class="intro">{move || section.intro.get(app.lang()).to_string()}</p>
            <form novalidate on:submit=next>
                {blocks}
                <nav class="pager" aria-label=step>
                    <button type="button" class="button" on:click=previous>{app.t(|u| &u.previous)}</button>
                    <button type="submit" class="button primary">
                        {move || if is_last() { app.t(|u| &u.last_next)() } else { app.t(|u| &u.next)() }}
                    </button>
                </nav>
            </form>
            <p class="saved">{app.t(|u| &u.saved)}</p>
        </div>
    }
    .into_any()
}

#[component]
fn VisibleQuestion(item: &'static Item) -> impl IntoView {
    let app = use_app();
    let q = Questionnaire::vio();
    let visible = Memo::new(move |_| app.stored.with(|s| s.draft.as_ref().map_or(item.show_if.is_none(), |d| q.is_visible(item, &d.answers))));
    view! { <Show when=move || visible.get()><Question item/></Show> }
}

/// Numbers may have become inconsistent after a later change (fewer medewerkers than doelgroep).
fn recheck_numbers(section: &'static Section, errors: PageErrors) {
    let app = use_app();
    let q = Questionnaire::vio();
    app.stored.with_untracked(|s| {
        let Some(d) = &s.draft else { return };
        for item in section.items.iter().filter(|i| matches!(i.kind, ItemKind::Number { .. }) && q.is_visible(i, &d.answers)) {
            if let Some(Answer::Number(n)) = d.answers.get(&item.id) {
                if let Err(p) = q.check_input(item, &n.to_string(), &d.answers) {
                    errors.set(&item.id, Some(p));
                }
            }
        }
    });
}
