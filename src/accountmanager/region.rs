//! Regionale analyse: every opened result combined into the deck's tables (aggregation, tests and
//! suppression all in `vio_core::region`), with filters and a CSV export for Excel.

use leptos::prelude::*;
use vio_core::region::{self, Cell, Filter, Region};
use vio_core::Questionnaire;

use super::state::{use_am, AmRoute};
use crate::components::field::TextField;
use crate::files;

#[component]
pub fn RegionScreen() -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    let q = Questionnaire::vio();
    let sector = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let indicator_ids: Vec<String> = q.indicators().map(|i| i.id.clone()).collect();
    let results = Memo::new(move |_| am.files.with(|l| l.iter().filter_map(|f| f.outcome.clone().ok()).collect::<Vec<_>>()));
    let region = Memo::new(move |_| {
        let some = |s: String| (!s.trim().is_empty()).then(|| s.trim().to_string());
        let filter = Filter { sector: some(sector.get()), from: some(from.get()), to: some(to.get()) };
        results.with(|r| region::aggregate(r, &filter, &indicator_ids))
    });
    let sectors = Memo::new(move |_| {
        results.with(|r| r.iter().filter_map(region::sector_of).map(str::to_string).collect::<std::collections::BTreeSet<_>>())
    });
    let csv = move |_| {
        if let Region::Tables(t) = region.get() {
            let text = region::to_csv(&t, q, ui.lang());
            let _ = files::download(&format!("vio-regionale-analyse-{}.csv", files::today()), text.as_bytes(), "text/csv;charset=utf-8");
        }
    };
    view! {
        <p class="actions"><a class="button" href=AmRoute::Home.hash()>{ui.t(|u| &u.am_back)}</a></p>
        <h1 tabindex="-1">{ui.t(|u| &u.region_title)}</h1>
        <p class="lead">{ui.t(|u| &u.region_lead)}</p>
        <div class="filters">
            <div class="input question">
                <label for="region-sector">{ui.t(|u| &u.region_sector)}</label>
                <select id="region-sector" on:change=move |e| sector.set(event_target_value(&e))>
                    <option value="">{ui.t(|u| &u.region_all_sectors)}</option>
                    {move || sectors.get().into_iter().map(|id| {
                        let label = region::GroupId::Sector(id.clone()).label(q, ui.lang());
                        view! { <option value=id>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <TextField id="region-from" label=|u| &u.region_from value=from/>
            <TextField id="region-to" label=|u| &u.region_to value=to/>
        </div>
        {move || match region.get() {
            Region::TooFew => view! { <p class="notice" role="status">{ui.t(|u| &u.region_too_few)}</p> }.into_any(),
            Region::Tables(t) => {
                let versions = t.questionnaire_versions.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
                view! {
                    <p role="status"><strong>{ui.fill(|u| &u.region_n, "n", &t.n.to_string())}</strong></p>
                    <p class="note">{ui.fill(|u| &u.region_versions, "v", &versions)}</p>
                    <p class="actions"><button type="button" class="button" on:click=csv>{ui.t(|u| &u.region_csv)}</button></p>
                    <QuadrantTable table=t.quadrant.clone()/>
                    <p class="note">{ui.t(|u| &u.region_note)}</p>
                    {t.indicators.into_iter().map(|ind| view! { <IndicatorTable table=ind/> }).collect_view()}
                }.into_any()
            }
        }}
    }
}

#[component]
fn QuadrantTable(table: region::QuadrantTable) -> impl IntoView {
    let ui = use_am().ui;
    let qr = &Questionnaire::vio().quadrant;
    let cell = move |c: Cell| match c {
        Cell::Shown { count, percent } => ui.t(|u| &u.region_quadrant_n)().replace("{percent}", &region::format_decimal(percent, 1, ui.lang())).replace("{n}", &count.to_string()),
        Cell::Suppressed => ui.t(|u| &u.region_suppressed)().to_string(),
    };
    let labels = move |row: usize, l: &'static vio_core::questionnaire::LowHigh| match row {
        0 => l.low.get(ui.lang()).to_string(),
        1 => l.high.get(ui.lang()).to_string(),
        _ => ui.t(|u| &u.light_onbekend)().to_string(),
    };
    view! {
        <table class="quadrant region-quadrant">
            <caption>{ui.t(|u| &u.quadrant_title)}" (N = "{table.n}")"</caption>
            <thead><tr><td></td>{(0..3).map(|c| view! { <th scope="col">{move || labels(c, &qr.intention_labels)}</th> }).collect_view()}</tr></thead>
            <tbody>
                {(0..3).map(|r| view! {
                    <tr>
                        <th scope="row">{move || labels(r, &qr.behaviour_labels)}</th>
                        {(0..3).map(|c| view! { <td>{move || cell(table.cells[r][c])}</td> }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn IndicatorTable(table: region::IndicatorTable) -> impl IntoView {
    let ui = use_am().ui;
    let q = Questionnaire::vio();
    let name = q.indicator(&table.indicator).map(|i| &i.name);
    view! {
        <table class="scores region">
            <caption>{move || name.map(|n| n.get(ui.lang()).to_string()).unwrap_or_default()}</caption>
            <thead><tr>
                <th scope="col">{ui.t(|u| &u.region_group)}</th>
                <th scope="col">"N"</th>
                <th scope="col">{ui.t(|u| &u.light_rood)}" %"</th>
                <th scope="col">{ui.t(|u| &u.light_oranje)}" %"</th>
                <th scope="col">{ui.t(|u| &u.light_groen)}" %"</th>
                <th scope="col">{ui.t(|u| &u.light_onbekend)}</th>
                <th scope="col">{ui.t(|u| &u.region_marker)}</th>
            </tr></thead>
            <tbody>
                {table.columns.into_iter().map(|c| {
                    let group = c.group.clone();
                    let label = move || group.label(q, ui.lang());
                    match c.cells {
                        Some(cells) => view! {
                            <tr>
                                <th scope="row">{label}</th>
                                <td class="num">{c.n}</td>
                                {cells.into_iter().map(|cell| view! { <td class="num">{move || cell.text(ui.lang())}</td> }).collect_view()}
                                <td class="num">{c.onbekend}</td>
                                <td class="marker">{c.marker.map(|m| m.symbol())}</td>
                            </tr>
                        }.into_any(),
                        None => view! {
                            <tr><th scope="row">{label}</th><td colspan="6">{ui.t(|u| &u.region_group_too_few)}</td></tr>
                        }.into_any(),
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
