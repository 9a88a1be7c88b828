//! The result: "Uw eerste stap", answers that contradict each other, radar chart with its table, a
//! traffic light per factor with its reason and the number of questions it rests on (details per
//! indicator), the behaviour × intention quadrant, and the advice for this employer, rood first.
//! The same view on both pages: the employer's result screen and the accountmanager's view of it.

use leptos::prelude::*;
use vio_core::advice::Inconsistency;
use vio_core::questionnaire::{Factor, Guidance};
use vio_core::scoring::{FactorScore, Level};
use vio_core::{Answers, FactorStatus, Light, Questionnaire, Scorecard};

use super::echart::EChart;
use super::light::light_word;
use super::terms::Terms;
use super::LightBadge;
use crate::chart;
use crate::i18n::use_ui;

/// Everything a result shows, for the employer's own result and, read-only, for the accountmanager.
#[component]
pub fn ResultView(#[prop(into)] card: Signal<Scorecard>, #[prop(into)] answers: Signal<Answers>) -> impl IntoView {
    let ui = use_ui();
    let q = Questionnaire::vio();
    let inclusive = move || match card.with(|c| c.inclusive) {
        Some(true) => ui.later(|u| &u.inclusive_yes)(),
        Some(false) => ui.later(|u| &u.inclusive_no)(),
        None => ui.later(|u| &u.inclusive_unknown)(),
    };
    view! {
        <p class="lead">{ui.later(|u| &u.result_lead)}</p>
        <Checks card answers/>
        <FirstSteps card answers/>
        <p>{inclusive}</p>
        <section aria-labelledby="chart-title" class="chart-section">
            <h2 id="chart-title">{ui.later(|u| &u.chart_title)}</h2>
            <div class="chart-and-table">
                <RadarChart series=Signal::derive(move || vec![radar_series(ui.later(|u| &u.chart_title)().to_string(), &card.get())])/>
                <ScoreTable card/>
            </div>
        </section>
        <section aria-labelledby="lights-title">
            <h2 id="lights-title">{ui.later(|u| &u.lights_title)}</h2>
            <ul class="factors">
                {q.factors.iter().enumerate().map(|(i, f)| view! { <FactorLight factor=f card index=i/> }).collect_view()}
            </ul>
        </section>
        <QuadrantView card/>
        <AdviceList card answers/>
    }
}

/// "Uw eerste stap": the one or two most promising steps the definition's rules choose.
#[component]
fn FirstSteps(card: Signal<Scorecard>, answers: Signal<Answers>) -> impl IntoView {
    let ui = use_ui();
    let q = Questionnaire::vio();
    let g = Guidance::vio();
    let steps = Memo::new(move |_| answers.with(|a| card.with(|c| g.first_steps(q, a, c).iter().map(|s| &*s.id).collect::<Vec<_>>())));
    view! {
        <section class="first-step" aria-labelledby="first-step-title">
            <h2 id="first-step-title">{ui.later(|u| &u.first_step_title)}</h2>
            <p>{ui.later(|u| &u.first_step_lead)}</p>
            <ol>
                {move || steps.get().into_iter().filter_map(|id| g.first_steps.iter().find(|s| s.id == id)).map(|s| view! {
                    <li>
                        <h3>{move || s.title.get(ui.lang())}</h3>
                        <p>{move || s.text.get(ui.lang())}</p>
                    </li>
                }).collect_view()}
            </ol>
            // The terms of both steps once, below them: a term two steps name is explained once.
            {move || {
                let texts = steps.get().into_iter().filter_map(|id| g.first_steps.iter().find(|s| s.id == id)).flat_map(|s| [&s.title, &s.text]).collect();
                view! { <Terms texts/> }
            }}
        </section>
    }
}

/// Answers that contradict each other, pointed out so the employer can correct them.
#[component]
fn Checks(card: Signal<Scorecard>, answers: Signal<Answers>) -> impl IntoView {
    let ui = use_ui();
    let q = Questionnaire::vio();
    let messages = move || {
        let lang = ui.lang();
        answers.with(|a| {
            card.with(|c| {
                Guidance::vio()
                    .inconsistencies(q, a, c)
                    .iter()
                    .map(|i| match i {
                        Inconsistency::Check(check) => check.message.get(lang).to_string(),
                        Inconsistency::OverLimit { item, bound } => {
                            ui.fill(|u| &u.over_limit, "item", item.text.get(lang)).replace("{bound}", bound.text.get(lang))
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    move || {
        let list = messages();
        (!list.is_empty()).then(|| {
            view! {
                <section class="notice checks" aria-labelledby="checks-title">
                    <h2 id="checks-title">{ui.later(|u| &u.check_title)}</h2>
                    <ul>{list.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </section>
            }
        })
    }
}

fn factor_name(f: &Factor, lang: vio_core::Lang) -> String {
    f.name.get(lang).to_string()
}

/// The factor scores of one result as a radar series, named for the legend of a comparison.
pub fn radar_series(name: String, card: &Scorecard) -> (String, Vec<Option<u8>>) {
    (name, card.factors.iter().map(|f| f.status.score()).collect())
}

/// A radar of one or more score series over the factors (the result, or a comparison overlay).
#[component]
pub fn RadarChart(#[prop(into)] series: Signal<Vec<(String, Vec<Option<u8>>)>>) -> impl IntoView {
    let ui = use_ui();
    let q = Questionnaire::vio();
    let radar = move || {
        let axes: Vec<String> = q.factors.iter().map(|f| factor_name(f, ui.lang())).collect();
        chart::radar(&axes, &series.get())
    };
    // A comparison says which shape is which; its marks have the radar's colours (`--series-0`, `--series-1`).
    let legend = move || {
        let names: Vec<String> = series.with(|s| s.iter().map(|(name, _)| name.clone()).collect());
        (names.len() > 1).then(|| {
            view! {
                <ul class="chart-legend">
                    {names.into_iter().enumerate().map(|(i, name)| view! {
                        <li><span class=format!("mark series-{i}") aria-hidden="true"></span>{name}</li>
                    }).collect_view()}
                </ul>
            }
        })
    };
    view! {
        <div>
            <EChart chart=radar label=Signal::derive(move || ui.later(|u| &u.chart_alt)().to_string()) id="radar"/>
            {legend}
        </div>
    }
}

#[component]
fn ScoreTable(card: Signal<Scorecard>) -> impl IntoView {
    let ui = use_ui();
    let q = Questionnaire::vio();
    view! {
        <table class="scores">
            <caption>{ui.later(|u| &u.chart_table_caption)}</caption>
            <thead><tr>
                <th scope="col">{ui.t(|u| &u.factor)}</th>
                <th scope="col">{ui.t(|u| &u.score)}</th>
                <th scope="col">{ui.t(|u| &u.light)}</th>
            </tr></thead>
            <tbody>
                {q.factors.iter().enumerate().map(|(i, f)| {
                    let status = Memo::new(move |_| card.with(|c| c.factors[i].status));
                    view! {
                        <tr>
                            <th scope="row">{move || factor_name(f, ui.lang())}</th>
                            <td class="num">{move || status.get().score().map_or_else(|| "–".to_string(), |s| s.to_string())}</td>
                            <td><LightBadge light=Signal::derive(move || status.get().light())/></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn FactorLight(factor: &'static Factor, card: Signal<Scorecard>, index: usize) -> impl IntoView {
    let ui = use_ui();
    let q = Questionnaire::vio();
    let score = Memo::new(move |_| card.with(|c| c.factors[index].clone()));
    let light = Signal::derive(move || score.with(|f| f.status.light()));
    let reason = move || {
        let lang = ui.lang();
        score.with(|f: &FactorScore| match f.status {
            FactorStatus::InsufficientData => {
                // Say why when the definition knows (e.g. "u weet nog niet wat u wilt").
                let unknown = f.indicators.iter().find(|i| i.light == Light::Onbekend && q.indicator(&i.id).is_some_and(|d| d.in_factor));
                let why = unknown.map(|i| q.reason(i, lang)).filter(|r| !r.is_empty()).unwrap_or_else(|| ui.later(|u| &u.insufficient_reason)().to_string());
                format!("{}: {why}", ui.later(|u| &u.insufficient_data)())
            }
            FactorStatus::Scored { light, .. } => {
                let why = f.leading_indicator().map(|i| q.reason(i, lang)).unwrap_or_default();
                format!("{}: {why}", light_word(light, ui))
            }
        })
    };
    let score_text = move || match score.with(|f| f.status) {
        FactorStatus::Scored { score, .. } => format!("{score} {}", ui.later(|u| &u.out_of_100)()),
        FactorStatus::InsufficientData => ui.later(|u| &u.insufficient_data)().to_string(),
    };
    view! {
        <li class="factor" id=format!("factor-{}", factor.id)>
            <div class="factor-head">
                <h3>{move || factor_name(factor, ui.lang())}</h3>
                <LightBadge light/>
                <span class="factor-score">{score_text}</span>
            </div>
            <p class="reason">{reason}</p>
            <p class="rests-on">{move || score.with(|f| ui.later_fill(|u| &u.rests_on, "n", &f.answered.to_string()).replace("{m}", &f.asked.to_string()))}</p>
            <details>
                <summary>{ui.later(|u| &u.show_indicators)}<span class="visually-hidden">": "{move || factor_name(factor, ui.lang())}</span></summary>
                <p class="explanation">{move || factor.explanation.get(ui.lang()).to_string()}</p>
                <ul class="indicators">
                    {factor.indicators.iter().enumerate().map(|(j, ind)| {
                        let s = Memo::new(move |_| score.with(|f| f.indicators[j].clone()));
                        view! {
                            <li class:summary=!ind.in_factor>
                                <span class="indicator-name">{move || ind.name.get(ui.lang()).to_string()}</span>
                                {(!ind.in_factor).then(|| view! { <span class="not-in-factor">" ("{ui.later(|u| &u.not_in_factor)}")"</span> })}
                                <LightBadge light=Signal::derive(move || s.with(|s| s.light))/>
                                <span class="indicator-reason">{move || {
                                    let s = s.get();
                                    format!("{}: {}", light_word(s.light, ui), q.reason(&s, ui.lang()))
                                }}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </details>
        </li>
    }
}

#[component]
fn QuadrantView(card: Signal<Scorecard>) -> impl IntoView {
    let ui = use_ui();
    let qr = &Questionnaire::vio().quadrant;
    let here = Memo::new(move |_| card.with(|c| c.quadrant));
    let cell = move |b: Level, i: Level| {
        move || {
            let q = here.get();
            (q.behaviour == Some(b) && q.intention == Some(i)).then(|| view! { <strong class="you">{ui.later(|u| &u.quadrant_you)}</strong> })
        }
    };
    let known = move || here.with(|q| q.behaviour.is_some() && q.intention.is_some());
    view! {
        <section aria-labelledby="quadrant-title">
            <h2 id="quadrant-title">{ui.t(|u| &u.quadrant_title)}</h2>
            <p>{ui.later(|u| &u.quadrant_lead)}</p>
            <Show when=move || !known()><p class="note">{ui.later(|u| &u.quadrant_unknown)}</p></Show>
            <table class="quadrant">
                <thead><tr>
                    <td></td>
                    <th scope="col">{move || qr.intention_labels.low.get(ui.lang()).to_string()}</th>
                    <th scope="col">{move || qr.intention_labels.high.get(ui.lang()).to_string()}</th>
                </tr></thead>
                <tbody>
                    <tr>
                        <th scope="row">{move || qr.behaviour_labels.low.get(ui.lang()).to_string()}</th>
                        <td>{cell(Level::Low, Level::Low)}</td>
                        <td>{cell(Level::Low, Level::High)}</td>
                    </tr>
                    <tr>
                        <th scope="row">{move || qr.behaviour_labels.high.get(ui.lang()).to_string()}</th>
                        <td>{cell(Level::High, Level::Low)}</td>
                        <td>{cell(Level::High, Level::High)}</td>
                    </tr>
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn AdviceList(card: Signal<Scorecard>, answers: Signal<Answers>) -> impl IntoView {
    let ui = use_ui();
    let q = Questionnaire::vio();
    let others = Memo::new(move |_| {
        card.with(|c| {
            let ids = |light: Light| -> Vec<String> { c.factors.iter().filter(|f| f.status.light() == light).map(|f| f.id.clone()).collect() };
            (ids(Light::Groen), ids(Light::Onbekend))
        })
    });
    let names = move |list: Vec<String>| list.iter().filter_map(|id| q.factor(id)).map(|f| factor_name(f, ui.lang())).collect::<Vec<_>>().join(", ");
    let advice = move || {
        answers.with(|a| {
            card.with(|c| {
                Guidance::vio()
                    .advice(q, a, c)
                    .into_iter()
                    .map(|adv| {
                        let light = c.factor(&adv.factor.id).map_or(Light::Onbekend, |f| f.status.light());
                        let f = adv.factor;
                        let mut texts = vec![adv.why];
                        texts.extend(adv.offers.iter().copied());
                        view! {
                            <article class="advice-item">
                                <h3>{factor_name(f, ui.lang())}" "<LightBadge light=Signal::stored(light)/></h3>
                                <p>{adv.why.get(ui.lang())}</p>
                                <h4>{ui.later(|u| &u.advice_offers)}</h4>
                                <ul>{adv.offers.iter().map(|o| view! { <li>{o.get(ui.lang())}</li> }).collect_view()}</ul>
                                <Terms texts/>
                            </article>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <section aria-labelledby="advice-title" class="advice">
            <h2 id="advice-title">{ui.later(|u| &u.advice_title)}</h2>
            <p>{ui.later(|u| &u.advice_lead)}</p>
            {advice}
            <Show when=move || !others.with(|g| g.0.is_empty())>
                <p><strong>{ui.later(|u| &u.advice_good_list)}": "</strong>{move || names(others.get().0)}</p>
            </Show>
            <Show when=move || !others.with(|g| g.1.is_empty())>
                <p><strong>{ui.later(|u| &u.advice_unknown_list)}": "</strong>{move || names(others.get().1)}</p>
            </Show>
        </section>
    }
}
