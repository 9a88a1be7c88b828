//! One employer's result as the accountmanager sees it: het goede gesprek (the deck's diagnosis
//! questions answered by a reading of the result, goals that follow from it, and the check of the
//! employer's own plan), their plan (shared view), and the employer's own result view (shared code,
//! read-only).

use leptos::prelude::*;
use vio_core::compare::{name_matches, CHOICES_SHOWN};
use vio_core::envelope::Opened;
use vio_core::ui::AmTexts;
use vio_core::Questionnaire;
use vio_ui::components::benchmark::RegionBenchmark;
use vio_ui::components::comparison::{Comparison, Measurement};
use vio_ui::components::field::TextField;
use vio_ui::components::plan::{goal_concern, PlanView};
use vio_ui::components::result::ResultView;
use vio_ui::components::terms::Terms;
use vio_ui::components::LightBadge;
use vio_ui::i18n::display_date;
use vio_ui::router::Screen;

use super::device::{self, Store};
use super::state::{use_am, AmRoute};

#[component]
pub fn EmployerResult(index: usize) -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    let (opened, key_code, digest) =
        am.files.with_untracked(|l| l.get(index).map(|f| (f.outcome.clone().ok(), f.key_code.clone(), f.digest))).unwrap_or_default();
    let back = view! { <p class="actions"><a class="button" href=AmRoute::Home.hash()>{ui.am(|u| &u.am_back)}</a></p> };
    let Some(opened) = opened else {
        return view! { <h1 tabindex="-1">{ui.am(|u| &u.am_title)}</h1>{back}<p>{ui.am(|u| &u.am_open_lead)}</p> }.into_any();
    };
    let e = &opened.envelope;
    let name = e.organisation_name().map(str::to_string);
    let date = e.completed_on.clone();
    let heading = move || {
        let who = name.clone().unwrap_or_else(|| ui.am(|u| &u.am_anonymous)().to_string());
        ui.am(|u| &u.am_result_of)().replace("{name}", &who).replace("{date}", &display_date(&date, ui.lang()))
    };
    let opened_with = key_code.map(|code| view! { <p class="hint">{move || ui.am_fill(|u| &u.am_opened_with, "code", &code)}</p> });
    // The employer may give a name without a contact: then there is no line with nothing after it.
    let contact =
        e.organisation.as_ref().filter(|o| !o.contact.is_empty()).map(|o| view! { <p>{ui.later(|u| &u.share_org_contact)}": "{o.contact.clone()}</p> });
    let mismatch = opened.scores_mismatch.then(|| view! { <p class="notice">{ui.am(|u| &u.am_mismatch)}</p> });
    let q = Questionnaire::vio();
    let version = e.questionnaire.version;
    let changed = opened.changed_lights.clone();
    let older = (version < q.version).then(|| {
        let text = move || {
            let lang = ui.lang();
            let v = version.to_string();
            if changed.is_empty() {
                return ui.am_fill(|u| &u.am_same_lights, "v", &v);
            }
            let list = changed
                .iter()
                .filter_map(|c| {
                    let name = q.factor(&c.factor)?.name.get(lang);
                    Some(format!("{name} ({} → {})", vio_ui::components::light_word(c.then, ui), vio_ui::components::light_word(c.now, ui)))
                })
                .collect::<Vec<_>>()
                .join(", ");
            ui.am_fill(|u| &u.am_changed_lights, "v", &v).replace("{list}", &list)
        };
        view! { <p class="notice">{text}</p> }
    });
    let notes_key = vio_core::notes::employer_key(e, &digest.unwrap_or_default());
    let organisation = e.organisation_name().unwrap_or_default().to_string();
    let card = Signal::stored(opened.scores.clone());
    let answers = Signal::stored(e.answers.clone());
    view! {
        <div class="result">
            {back}
            <h1 tabindex="-1">{heading}</h1>
            {opened_with}
            {contact}
            {mismatch}
            {older}
            <OverTime index/>
            <Conversation opened=opened.clone()/>
            <super::notes::EmployerNotesPanel employer=notes_key organisation/>
            <PlanView plan=opened.envelope.plan.clone()/>
            <ResultView card answers/>
            // Where this employer stands in the region, when this copy's config.json has a
            // benchmark: for het goede gesprek, the same section the employer saw.
            <RegionBenchmark card answers/>
        </div>
    }
    .into_any()
}

/// The employer's other results among those opened: the ones with the same organisation name or
/// marked as this employer's, each a link to the two side by side, and any other result to put
/// beside it by hand (and, if the accountmanager says so, to mark as this employer's from then on).
#[component]
fn OverTime(index: usize) -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    struct Other {
        index: usize,
        date: String,
        /// The organisation's name, or "–" without one.
        name: String,
        label: String,
        same_name: bool,
        link: String,
    }
    let mut others: Vec<Other> = am.files.with_untracked(|list| {
        let Some(this) = list.get(index).filter(|f| f.outcome.is_ok()) else { return Vec::new() };
        let (Ok(o), Some(digest)) = (&this.outcome, this.digest) else { return Vec::new() };
        list.iter()
            .enumerate()
            .filter(|(i, _)| *i != index)
            .filter_map(|(i, other)| {
                let e = &other.outcome.as_ref().ok()?.envelope;
                let name = e.organisation_name().unwrap_or("–");
                Some(Other {
                    index: i,
                    date: e.completed_on.clone(),
                    name: name.to_string(),
                    label: format!("{name} ({})", e.completed_on),
                    same_name: vio_core::compare::same_organisation(&o.envelope, e),
                    link: vio_core::compare::link_key(&digest, &other.digest?),
                })
            })
            .collect()
    });
    if others.is_empty() {
        return None;
    }
    // By name, then date: how a person looks for one in a list, and what typing narrows down.
    others.sort_by_cached_key(|o| (o.name.to_lowercase(), o.date.clone()));
    let others = StoredValue::new(others);
    let links = RwSignal::new(std::collections::HashSet::<String>::new());
    leptos::task::spawn_local(async move {
        if let Ok(records) = device::get_all(Store::EmployerLinks).await {
            links.set(records.iter().filter_map(|r| device::text(r, "id")).collect());
        }
    });
    let is_same = move |o: &Other| o.same_name || links.with(|l| l.contains(&o.link));
    let search = RwSignal::new(String::new());
    // The results offered to link by hand: how many match what was typed, and the first of them.
    let choices = Memo::new(move |_| {
        let typed = search.get();
        others.with_value(|all| {
            let matching: Vec<usize> = (0..all.len()).filter(|&i| !is_same(&all[i]) && name_matches(&all[i].name, &typed)).collect();
            (matching.len(), matching.into_iter().take(CHOICES_SHOWN).collect::<Vec<_>>())
        })
    });
    let select = NodeRef::<leptos::html::Select>::new();
    let remember = RwSignal::new(false);
    let problem = RwSignal::new(None::<&'static str>);
    let compare_chosen = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        // The choice as the list shows it now: typing may have replaced the options.
        let Some(Ok(other)) = select.get_untracked().map(|s| s.value().parse::<usize>()) else { return };
        let link = others.with_value(|all| all.iter().find(|o| o.index == other).map(|o| o.link.clone()));
        leptos::task::spawn_local(async move {
            if let (true, Some(link)) = (remember.get_untracked(), link) {
                if device::put_all(Store::EmployerLinks, &[device::record(&link, &[], &[])]).await.is_err() {
                    // Compared all the same; the accountmanager learns the mark did not stick.
                    problem.set(Some(ui.am(|u| &u.am_link_failed)()));
                    return;
                }
            }
            AmRoute::Compare(index, other).go();
        });
    };
    let same_list = move || {
        others.with_value(|all| {
            all.iter()
                .filter(|o| is_same(o))
                .map(|o| {
                    let (date, other, marked) = (o.date.clone(), o.index, !o.same_name);
                    let label = move || ui.am_fill(|u| &u.am_compare_with, "date", &display_date(&date, ui.lang()));
                    view! { <li><a href=AmRoute::Compare(index, other).hash()>{label}</a>{marked.then(|| view! { " "<span class="hint">{ui.am(|u| &u.am_linked)}</span> })}</li> }
                })
                .collect_view()
        })
    };
    let options = move || {
        choices.with(|(_, shown)| {
            others.with_value(|all| shown.iter().map(|&i| view! { <option value=all[i].index.to_string()>{all[i].label.clone()}</option> }).collect_view())
        })
    };
    let how_many = move || {
        choices.with(|&(n, ref shown)| match n {
            0 if !search.with(|s| s.trim().is_empty()) => Some(ui.am(|u| &u.am_compare_none)().to_string()),
            0 => None,
            n if n > shown.len() => Some(ui.am_fill(|u| &u.am_compare_shown, "shown", &shown.len().to_string()).replace("{n}", &n.to_string())),
            _ => None,
        })
    };
    Some(view! {
        <section class="panel" aria-labelledby="over-time-title">
            <h2 id="over-time-title">{ui.am(|u| &u.am_over_time)}</h2>
            <p>{ui.am(|u| &u.am_over_time_lead)}</p>
            <ul>{same_list}</ul>
            <form class="link-other" on:submit=compare_chosen>
                <TextField id="compare-search" label=&AmTexts::get().am_compare_search hint=&AmTexts::get().am_compare_search_hint value=search/>
                <div class="input question">
                    <label for="compare-other">{ui.am(|u| &u.am_compare_other)}</label>
                    <select id="compare-other" node_ref=select aria-describedby="compare-shown">
                        <option value="">"–"</option>
                        {options}
                    </select>
                    <p class="hint" id="compare-shown" role="status">{how_many}</p>
                </div>
                <label class="option" for="remember-link">
                    <input type="checkbox" id="remember-link" prop:checked=move || remember.get() on:change=move |e| remember.set(event_target_checked(&e))/>
                    <span>{ui.am(|u| &u.am_remember_link)}</span>
                </label>
                <p class="actions"><button type="submit" class="button">{ui.later(|u| &u.compare)}</button></p>
                <p class="error" role="alert">{move || problem.get()}</p>
            </form>
        </section>
    })
}

/// Two results of one employer side by side: the comparison the employer sees in Mijn analyses.
#[component]
pub fn EmployerOverTime(first: usize, second: usize) -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    let measurement = |i: usize| {
        am.files.with_untracked(|l| {
            let o = l.get(i)?.outcome.as_ref().ok()?;
            let name = o.envelope.organisation_name().map(str::to_string);
            Some((Measurement { date: o.envelope.completed_on.clone(), card: o.scores.clone(), plan: o.envelope.plan.clone() }, name))
        })
    };
    let back = view! { <p class="actions"><a class="button" href=AmRoute::Employer(first).hash()>{ui.am(|u| &u.am_back)}</a></p> };
    let (Some((a, name)), Some((b, _))) = (measurement(first), measurement(second)) else {
        return view! { <h1 tabindex="-1">{ui.t(|u| &u.compare_title)}</h1>{back}<p>{ui.am(|u| &u.am_open_lead)}</p> }.into_any();
    };
    let title = move || {
        let who = name.clone().unwrap_or_else(|| ui.am(|u| &u.am_anonymous)().to_string());
        ui.am_fill(|u| &u.am_compare_title, "name", &who)
    };
    view! {
        <div class="result compare">
            {back}
            <h1 tabindex="-1">{title}</h1>
            <Comparison earlier=a later=b/>
        </div>
    }
    .into_any()
}

#[component]
fn Conversation(opened: Opened) -> impl IntoView {
    let ui = use_am().ui;
    let q = Questionnaire::vio();
    let c = vio_core::questionnaire::Conversation::vio();
    let answers = opened.envelope.answers;
    let card = opened.scores;
    let quadrant = c.quadrant_reading(&card);
    let diagnosis = c
        .diagnosis
        .iter()
        .map(|d| {
            let readings = d
                .indicators
                .iter()
                .filter_map(|id| card.indicator(id))
                .map(|s| {
                    let s = s.clone();
                    let name = q.indicator(&s.id).map(|i| &i.name);
                    let light = s.light;
                    view! {
                        <li>
                            <LightBadge light=Signal::stored(light)/>" "
                            <span>{move || name.map(|n| n.get(ui.lang())).unwrap_or_default()}": "{move || q.reason(&s, ui.lang())}</span>
                        </li>
                    }
                })
                .collect_view();
            let facts = q
                .facts(d, &answers)
                .into_iter()
                .map(|(item, a)| {
                    let a = a.clone();
                    view! { <dt>{move || item.text.get(ui.lang())}</dt><dd>{move || q.answer_text(item, &a, ui.lang()).unwrap_or_default()}</dd> }
                })
                .collect_view();
            view! {
                <article class="diagnosis" id=format!("diagnose-{}", d.id)>
                    <h3>{move || d.question.get(ui.lang())}</h3>
                    <ul class="readings">{readings}</ul>
                    <dl>{facts}</dl>
                </article>
            }
        })
        .collect_view();
    let goals = vio_core::questionnaire::Guidance::vio()
        .suggested_goals(q, c, &answers, &card)
        .into_iter()
        .map(|g| {
            let (goal, factor, support) = (g.goal, g.factor, g.support);
            let mut texts = vec![goal];
            texts.extend(support.iter().copied());
            view! {
                <li>
                    <strong>{move || goal.get(ui.lang())}</strong>
                    <p>{ui.am(|u| &u.conversation_factor)}": "{move || factor.name.get(ui.lang())}</p>
                    <p>{ui.am(|u| &u.conversation_support)}":"</p>
                    <ul>{support.into_iter().map(|s| view! { <li>{move || s.get(ui.lang())}</li> }).collect_view()}</ul>
                    <Terms texts/>
                </li>
            }
        })
        .collect_view();
    let plan_check = (!opened.envelope.plan.is_empty()).then(|| {
        let checks = opened
            .envelope
            .plan
            .iter()
            .map(|goal| {
                let (what, factor) = (goal.what.clone(), goal.factor.clone());
                let card = card.clone();
                view! {
                    <li><strong>{what}</strong>" – "{move || goal_concern(ui, &card, &factor).unwrap_or_else(|| ui.am(|u| &u.conversation_goal_ok)().to_string())}</li>
                }
            })
            .collect_view();
        view! {
            <h3>{ui.am(|u| &u.conversation_goal_check)}</h3>
            <ul class="goal-check">{checks}</ul>
        }
    });
    view! {
        <section class="conversation" aria-labelledby="conversation-title">
            <h2 id="conversation-title">{ui.am(|u| &u.conversation_title)}</h2>
            <p>{move || c.intro.get(ui.lang())}</p>
            <p class="quadrant-reading"><strong>{ui.am(|u| &u.conversation_quadrant)}": "</strong>{move || quadrant.get(ui.lang())}</p>
            {diagnosis}
            <h3>{ui.am(|u| &u.conversation_goals)}</h3>
            <p>{move || c.goals_intro.get(ui.lang())}</p>
            <ol class="suggested-goals">{goals}</ol>
            {plan_check}
            <h3>{ui.am(|u| &u.conversation_next)}</h3>
            <ul>{c.next_steps.iter().map(|s| view! { <li>{move || s.get(ui.lang())}</li> }).collect_view()}</ul>
        </section>
    }
}
