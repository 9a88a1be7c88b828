//! One question. A choice is a fieldset with a legend and radio buttons (arrow keys move within it);
//! a number or text is a labelled input with its hint and inline error tied to it by aria-describedby.

use leptos::prelude::*;
use vio_core::answers::InputProblem;
use vio_core::questionnaire::{Item, ItemKind};
use vio_core::ui::UiTexts;
use vio_core::{Answer, Lang, Questionnaire};
use vio_ui::components::terms::Terms;

use super::questionnaire::PageErrors;
use crate::state::use_app;

#[component]
pub fn Question(item: &'static Item) -> impl IntoView {
    match item.kind {
        ItemKind::Choice { .. } => view! { <ChoiceQuestion item/> }.into_any(),
        ItemKind::Number { .. } | ItemKind::Text { .. } => view! { <InputQuestion item/> }.into_any(),
    }
}

/// The terms the question names, explained where the question is asked.
#[component]
fn Help(item: &'static Item) -> impl IntoView {
    let q = Questionnaire::vio();
    let texts = std::iter::once(&item.text).chain(q.options(item).iter().map(|o| &o.label)).collect();
    view! { <Terms texts/> }
}

#[component]
fn ChoiceQuestion(item: &'static Item) -> impl IntoView {
    let app = use_app();
    let q = Questionnaire::vio();
    let current = Memo::new(move |_| app.answer(&item.id));
    let options = q.options(item);
    let class = if options.len() > 8 { "options long" } else { "options" };
    view! {
        <fieldset class="question" id=format!("q-{}", item.id)>
            <legend>{move || item.text.get(app.lang()).to_string()}</legend>
            <Help item/>
            <div class=class>
                {options.iter().map(|o| {
                    let input_id = format!("{}--{}", item.id, o.id);
                    let label_for = input_id.clone();
                    let checked = move || matches!(current.get(), Some(Answer::Text(t)) if t == o.id);
                    view! {
                        <label class="option" for=label_for>
                            <input type="radio" id=input_id name=item.id.clone() value=o.id.clone()
                                prop:checked=checked
                                on:change=move |_| app.set_answer(&item.id, Some(Answer::Text(o.id.to_string())))/>
                            <span>{move || o.label.get(app.lang()).to_string()}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

#[component]
fn InputQuestion(item: &'static Item) -> impl IntoView {
    let app = use_app();
    let q = Questionnaire::vio();
    let errors = expect_context::<PageErrors>();
    // The stored answer, read when the field appears and when another tab saved; not while typing.
    let stored_text = move || match app.stored.with_untracked(|s| s.draft.as_ref().and_then(|d| d.answers.get(&item.id).cloned())) {
        Some(Answer::Number(n)) => n.to_string(),
        Some(Answer::Text(t)) => t,
        None => String::new(),
    };
    let hint_id = format!("{}-hint", item.id);
    let error_id = format!("{}-error", item.id);
    let describedby = if item.hint.is_some() { format!("{hint_id} {error_id}") } else { error_id.clone() };
    let problem = Memo::new(move |_| errors.get(&item.id));
    let on_input = move |ev| {
        let raw = event_target_value(&ev);
        let result = app.stored.with_untracked(|s| {
            let empty = Default::default();
            q.check_input(item, &raw, s.draft.as_ref().map_or(&empty, |d| &d.answers))
        });
        match result {
            Ok(answer) => {
                errors.set(&item.id, None);
                app.set_answer(&item.id, answer);
            }
            Err(p) => errors.set(&item.id, Some(p)),
        }
    };
    let numeric = matches!(item.kind, ItemKind::Number { .. });
    view! {
        <div class="question input" class:invalid=move || problem.get().is_some()>
            <label for=item.id.clone()>{move || item.text.get(app.lang()).to_string()}</label>
            <Help item/>
            {item.hint.as_ref().map(|h| view! { <p class="hint" id=hint_id>{move || h.get(app.lang()).to_string()}</p> })}
            <input id=item.id.clone() type="text" autocomplete="off"
                inputmode=numeric.then_some("numeric")
                class:short=numeric
                prop:value=move || { app.other_tab_saved.track(); stored_text() }
                aria-describedby=describedby
                aria-invalid=move || problem.get().is_some().to_string()
                on:input=on_input/>
            <p class="error" id=error_id aria-live="polite">
                {move || problem.get().map(|p| problem_text(&p, app.lang()))}
            </p>
        </div>
    }
}

fn problem_text(p: &InputProblem, lang: Lang) -> String {
    let ui = UiTexts::get();
    let (text, n) = match p {
        InputProblem::NotAWholeNumber => (&ui.error_whole_number, 0),
        InputProblem::BelowMin(n) => (&ui.error_min, *n as usize),
        InputProblem::AboveMax(n) => (&ui.error_max, *n as usize),
        InputProblem::MoreThanItem { max, .. } => (&ui.error_more_than, *max as usize),
        InputProblem::TooLong(n) => (&ui.error_too_long, *n),
    };
    text.get(lang).replace("{n}", &n.to_string())
}
