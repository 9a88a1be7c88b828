//! "Vergelijk met uw regio": per indicator how the region's organisations are spread over the
//! lights, beside the employer's own light, where this copy's config.json has a benchmark
//! (`vio_core::benchmark`). A bar per group for the eye, a sentence per group that says the same,
//! and the whole as a table.

use leptos::prelude::*;
use vio_core::benchmark::{Group, Row};
use vio_core::site::SiteConfig;
use vio_core::ui::LaterTexts;
use vio_core::{Answers, Light, Questionnaire, Scorecard, Text};

use super::light::light_word;
use crate::i18n::{use_ui, Ui};

const LIGHTS: [Light; 3] = [Light::Rood, Light::Oranje, Light::Groen];

#[component]
pub fn RegionBenchmark(#[prop(into)] card: Signal<Scorecard>, #[prop(into)] answers: Signal<Answers>) -> impl IntoView {
    let ui = use_ui();
    let config = crate::site::usable_signal();
    // One reactive closure for the whole section, which builds plain text: every reactive text
    // node would be one more type for the compiler to lay out, in the employer's journey.
    move || {
        let c: SiteConfig = config.get()?;
        let b = c.benchmark?;
        let lang = ui.lang();
        let q = Questionnaire::vio();
        // The region, and the employer's own size class where they gave their number of employees.
        let groups: Vec<Group> = [Some(Group::Regio), Group::of(&answers.get())].into_iter().flatten().collect();
        let parts: Vec<(String, Light, Vec<&Row>)> = q
            .indicators()
            .filter_map(|i| {
                let rows: Vec<&Row> = groups.iter().filter_map(|g| b.row(&i.id, *g)).collect();
                let light = card.with(|c| c.indicator(&i.id).map_or(Light::Onbekend, |s| s.light));
                (!rows.is_empty()).then(|| (i.name.get(lang).to_string(), light, rows))
            })
            .collect();
        let date = |d: &str| crate::i18n::display_date(d, lang);
        let lead = ui
            .later_fill(|u| &u.bench_lead, "n", &b.organisations.to_string())
            .replace("{name}", &c.organisation)
            .replace("{from}", &date(&b.from))
            .replace("{to}", &date(&b.to));
        let group = |g: Group| ui.later(group_label(g))();
        let list = parts
            .iter()
            .map(|(name, light, rows)| {
                let lines = rows
                    .iter()
                    .map(|r| {
                        let line: fn(&LaterTexts) -> &Text = if r.groen.is_some() { |u| &u.bench_line } else { |u| &u.bench_line_hidden };
                        let text = ui.later_fill(line, "group", group(r.group)).replace("{percent}", &percent(ui, r.groen)).replace("{n}", &r.n.to_string());
                        view! { <p>{text}</p>{share_bar(r)} }
                    })
                    .collect_view();
                let word = light_word(*light, ui).to_lowercase();
                let you = match rows.iter().find(|r| r.group == Group::Regio).and_then(|r| r.share(*light)) {
                    Some(p) => ui.later_fill(|u| &u.bench_you_like, "light", &word).replace("{percent}", &percent(ui, Some(p))),
                    None => ui.later_fill(|u| &u.bench_you, "light", &word),
                };
                view! { <li><h3>{name.clone()}</h3>{lines}<p class=format!("light-{}", light.id())><strong>{you}</strong></p></li> }
            })
            .collect_view();
        let cell = |text: String| view! { <td>{text}</td> };
        let table_rows = parts
            .iter()
            .flat_map(|(name, _, rows)| {
                rows.iter().map(move |r| {
                    view! {
                        <tr>
                            <th scope="row">{name.clone()}</th>
                            {cell(group(r.group).to_string())}
                            {LIGHTS.map(|l| cell(percent(ui, r.share(l))))}
                            {cell(r.n.to_string())}
                        </tr>
                    }
                })
            })
            .collect_view();
        let heading = |text: &str| view! { <th scope="col">{text.to_string()}</th> };
        Some(view! {
            <section class="benchmark" aria-labelledby="benchmark-title">
                <h2 id="benchmark-title">{ui.later(|u| &u.bench_title)()}</h2>
                <p>{lead}</p>
                <ul class="benchmark-parts">{list}</ul>
                <details>
                    <summary>{ui.later(|u| &u.bench_show_table)()}</summary>
                    <table>
                        <caption>{ui.later(|u| &u.bench_table_caption)()}</caption>
                        <thead>
                            <tr>
                                {heading(ui.later(|u| &u.bench_col_part)())}
                                {heading(ui.later(|u| &u.bench_col_group)())}
                                {LIGHTS.map(|l| heading(light_word(l, ui)))}
                                {heading(ui.later(|u| &u.bench_col_n)())}
                            </tr>
                        </thead>
                        <tbody>{table_rows}</tbody>
                    </table>
                </details>
            </section>
        })
    }
}

/// The shares as one bar, red to green. Hidden from screen readers: the sentence beside it and the
/// table say the same. A suppressed share stays a gap where it would be: rood starts at the left,
/// groen ends at the right, oranje follows rood (or ends where groen starts).
fn share_bar(row: &Row) -> impl IntoView {
    let [rood, oranje, groen] = LIGHTS.map(|l| row.share(l).map(u32::from));
    let oranje_at = |o: u32| rood.unwrap_or_else(|| groen.map_or(100u32.saturating_sub(o) / 2, |g| 100u32.saturating_sub(g + o)));
    let parts =
        [(Light::Rood, rood.map(|r| (0, r))), (Light::Oranje, oranje.map(|o| (oranje_at(o), o))), (Light::Groen, groen.map(|g| (100u32.saturating_sub(g), g)))];
    let rects = parts.map(|(l, at)| {
        let (x, width) = at.unwrap_or((0, 0));
        view! { <rect class=format!("light-{}", l.id()) x=x width=width height="4"/> }
    });
    view! { <svg class="share-bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false">{rects}</svg> }
}

fn group_label(group: Group) -> fn(&LaterTexts) -> &Text {
    match group {
        Group::Regio => |u| &u.bench_group_regio,
        Group::Klein => |u| &u.bench_group_klein,
        Group::Groot => |u| &u.bench_group_groot,
    }
}

fn percent(ui: Ui, share: Option<u8>) -> String {
    match share {
        Some(p) => ui.later_fill(|u| &u.bench_percent, "p", &p.to_string()),
        None => ui.later(|u| &u.bench_hidden)().to_string(),
    }
}
