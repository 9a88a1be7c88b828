//! Regionale analyse: every opened result combined into the deck's tables (aggregation, tests and
//! suppression all in `vio_core::region`), with filters and exports for Excel (`vio_core::export`).

use leptos::prelude::*;
use vio_core::benchmark::Benchmark;
use vio_core::envelope::Opened;
use vio_core::export;
use vio_core::region::{self, Cell, Filter, Region};
use vio_core::ui::AmTexts;
use vio_core::Questionnaire;
use vio_ui::chart;
use vio_ui::components::echart::EChart;
use vio_ui::components::field::TextField;
use vio_ui::files;
use vio_ui::router::Screen;

use super::scroll_box::ScrollBox;
use super::state::{use_am, AmRoute};

const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[component]
pub fn RegionScreen() -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    let q = Questionnaire::vio();
    let sector = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let indicator_ids: Vec<String> = q.indicators().map(|i| i.id.to_string()).collect();

    // The filter fields take effect on "Tonen" only: every view shown counts in the session's audit,
    // so a view half-way through changing a filter must not be one.
    let applied = RwSignal::new(Some(Filter::default()));
    let apply = move |e: leptos::ev::SubmitEvent| {
        e.prevent_default();
        applied.set(Filter::from_input(&sector.get_untracked(), &from.get_untracked(), &to.get_untracked()));
    };
    // No tables while files open (handed over, or kept and restored): they would be made again for
    // every few hundred files, which with 10,000 files took the page in tasks of up to 400 ms and
    // made opening twice as slow; and each of those partial views would count in the session's
    // audit, so that the complete one could be refused for differing by a few organisations from the
    // last partial one.
    let opening = move || am.progress.get();
    let region = Memo::new(move |_| {
        if opening().is_some() {
            return None;
        }
        let filter = applied.get()?;
        am.files.with(|l| {
            // Each result with its key for the session's audit: the start of its content's digest,
            // so a result opened again is the same organisation. Borrowed, not copied: thousands.
            let (results, keys): (Vec<&Opened>, Vec<u64>) =
                l.iter().filter_map(|f| Some((f.outcome.as_ref().ok()?, u64::from_le_bytes(f.digest?[..8].try_into().ok()?)))).unzip();
            am.audit.try_update_value(|audit| region::aggregate_in_session(&results, &keys, &filter, q, &indicator_ids, audit))
        })
    });
    let sectors = Memo::new(move |_| {
        am.files.with(|l| l.iter().filter_map(|f| region::sector_of(f.outcome.as_ref().ok()?)).map(str::to_string).collect::<std::collections::BTreeSet<_>>())
    });
    let export_failed = RwSignal::new(false);
    let csv = move |_| {
        if let Some(Region::Tables(t)) = region.get() {
            let text = export::to_csv(&t, q, ui.lang());
            let _ = files::download(&format!("vio-regionale-analyse-{}.csv", files::today()), text.as_bytes(), "text/csv;charset=utf-8");
        }
    };
    let xlsx = move |_| {
        if let Some(Region::Tables(t)) = region.get() {
            let made = export::to_xlsx(&t, q, ui.lang())
                .ok()
                .and_then(|bytes| files::download(&format!("vio-regionale-analyse-{}.xlsx", files::today()), &bytes, XLSX_TYPE).ok());
            export_failed.set(made.is_none());
        }
    };
    view! {
        <p class="actions"><a class="button" href=AmRoute::Home.hash()>{ui.am(|u| &u.am_back)}</a></p>
        <h1 tabindex="-1">{ui.am(|u| &u.region_title)}</h1>
        <p class="lead">{ui.am(|u| &u.region_lead)}</p>
        <form class="filters" on:submit=apply>
            <div class="input question">
                <label for="region-sector">{ui.am(|u| &u.region_sector)}</label>
                <select id="region-sector" on:change=move |e| sector.set(event_target_value(&e))>
                    <option value="">{ui.am(|u| &u.region_all_sectors)}</option>
                    {move || sectors.get().into_iter().map(|id| {
                        let label = region::GroupId::Sector(id.clone()).label(q, ui.lang());
                        view! { <option value=id>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <TextField id="region-from" label=&AmTexts::get().region_from value=from/>
            <TextField id="region-to" label=&AmTexts::get().region_to value=to/>
            <p class="actions"><button type="submit" class="button primary">{ui.am(|u| &u.region_apply)}</button></p>
        </form>
        {move || match (opening(), region.get()) {
            (Some((done, total)), _) => view! {
                <p role="status">
                    <progress max=total value=done></progress>" "
                    {ui.am_fill(|u| &u.region_opening, "done", &done.to_string()).replace("{total}", &total.to_string())}
                </p>
            }.into_any(),
            (None, None) => view! { <p class="notice" role="status">{ui.am(|u| &u.region_bad_date)}</p> }.into_any(),
            (None, Some(Region::TooFew)) => view! { <p class="notice" role="status">{ui.am(|u| &u.region_too_few)}</p> }.into_any(),
            (None, Some(Region::CloseToEarlier)) => view! { <p class="notice" role="status">{ui.am(|u| &u.region_close_to_earlier)}</p> }.into_any(),
            (None, Some(Region::Tables(t))) => {
                let versions = t.questionnaire_versions.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
                view! {
                    <p role="status"><strong>{ui.am_fill(|u| &u.region_n, "n", &t.n.to_string())}</strong></p>
                    <p class="note">{ui.am_fill(|u| &u.region_versions, "v", &versions)}</p>
                    <p class="actions">
                        <button type="button" class="button" on:click=xlsx>{ui.am(|u| &u.region_xlsx)}</button>
                        <button type="button" class="button" on:click=csv>{ui.am(|u| &u.region_csv)}</button>
                    </p>
                    <Show when=move || export_failed.get()><p class="notice" role="alert">{ui.am(|u| &u.region_export_failed)}</p></Show>
                    <BenchmarkExport benchmark=Benchmark::of(&t) whole_region=applied.with(|f| f.as_ref().is_some_and(|f| f.sector.is_none()))/>
                    <QuadrantTable table=t.quadrant.clone()/>
                    <p class="note">{ui.am(|u| &u.region_note)}</p>
                    {t.indicators.into_iter().map(|ind| view! { <Indicator table=ind/> }).collect_view()}
                }.into_any()
            }
        }}
    }
}

/// The benchmark employers on this site see with their result, made from the tables on screen: as
/// `benchmark.json`, and where this site has a config.json, as that file with the benchmark in it.
#[component]
fn BenchmarkExport(benchmark: Benchmark, whole_region: bool) -> impl IntoView {
    let ui = use_am().ui;
    let config = vio_ui::site::usable_signal();
    let json = serde_json::to_string_pretty(&benchmark).expect("plain data serialises");
    let download = move |_| {
        let _ = files::download("benchmark.json", json.as_bytes(), "application/json");
    };
    let with_config = move || {
        let mut c = config.get()?;
        c.benchmark = Some(benchmark.clone());
        let file = c.to_json();
        let download = move |_| {
            let _ = files::download("config.json", file.as_bytes(), "application/json");
        };
        Some(view! { <button type="button" class="button" on:click=download>{ui.am(|u| &u.region_benchmark_config)}</button> })
    };
    view! {
        <section class="benchmark-export" aria-labelledby="benchmark-export-title">
            <h2 id="benchmark-export-title">{ui.am(|u| &u.region_benchmark_title)}</h2>
            <p>{ui.am(|u| &u.region_benchmark_lead)}</p>
            {if whole_region {
                view! {
                    <p class="actions">
                        <button type="button" class="button" on:click=download>{ui.am(|u| &u.region_benchmark_download)}</button>
                        {with_config}
                    </p>
                }.into_any()
            } else {
                view! { <p class="notice" role="status">{ui.am(|u| &u.region_benchmark_sector)}</p> }.into_any()
            }}
        </section>
    }
}

#[component]
fn QuadrantTable(table: region::QuadrantTable) -> impl IntoView {
    let ui = use_am().ui;
    let qr = &Questionnaire::vio().quadrant;
    let cell = move |c: Cell| match c {
        Cell::Shown { count, percent } => {
            ui.am(|u| &u.region_quadrant_n)().replace("{percent}", &region::format_decimal(percent, 1, ui.lang())).replace("{n}", &count.to_string())
        }
        Cell::Suppressed => ui.am(|u| &u.region_suppressed)().to_string(),
    };
    let labels = move |row: usize, l: &'static vio_core::questionnaire::LowHigh| match row {
        0 => l.low.get(ui.lang()).to_string(),
        1 => l.high.get(ui.lang()).to_string(),
        _ => ui.t(|u| &u.light_onbekend)().to_string(),
    };
    let n = table.n;
    let caption = move || format!("{} (N = {n})", ui.t(|u| &u.quadrant_title)());
    view! {
        <ScrollBox label=Signal::derive(caption)>
            <table class="quadrant region-quadrant">
                <caption>{caption}</caption>
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
        </ScrollBox>
    }
}

/// One indicator: its shares as stacked bars per group, and the same numbers as a table (the
/// alternative for screen readers and for reading exact values).
#[component]
fn Indicator(table: region::IndicatorTable) -> impl IntoView {
    let ui = use_am().ui;
    let q = Questionnaire::vio();
    let name = q.indicator(&table.indicator).map(|i| &i.name);
    let bars = {
        let table = table.clone();
        move || shares_chart(&table, ui.lang())
    };
    view! {
        <section class="region-indicator">
            <h2>{move || name.map(|n| n.get(ui.lang()).to_string()).unwrap_or_default()}</h2>
            {let older = table.clone(); move || older.older_note(ui.lang()).map(|note| view! { <p class="note">{note}</p> })}
            <EChart chart=bars label=Signal::derive(move || ui.am(|u| &u.region_chart_alt)().to_string())/>
            <IndicatorTable table/>
        </section>
    }
}

/// The groups that have something to show (not "te weinig organisaties", not every share hidden),
/// each a bar of rood, oranje, groen.
fn shares_chart(table: &region::IndicatorTable, lang: vio_core::Lang) -> chart::EchartsOption {
    let q = Questionnaire::vio();
    let ui = vio_core::ui::UiTexts::get();
    let visible = |cells: &[Cell; 3]| cells.iter().any(|c| matches!(c, Cell::Shown { count, .. } if *count > 0));
    let shown: Vec<_> = table.columns.iter().filter_map(|c| c.cells.filter(visible).map(|cells| (c.group.label(q, lang), cells))).collect();
    let groups: Vec<String> = shown.iter().map(|(g, _)| g.clone()).collect();
    // The colours of style/app.css, read when the chart is drawn (chart::draw).
    let lights = [(&ui.light_rood, "--rood"), (&ui.light_oranje, "--oranje"), (&ui.light_groen, "--groen")];
    let shares: Vec<_> = lights
        .iter()
        .enumerate()
        .map(|(i, (name, colour))| {
            let values = shown.iter().map(|(_, cells)| match cells[i] {
                Cell::Shown { percent, .. } => Some((percent * 10.0).round() / 10.0),
                Cell::Suppressed => None,
            });
            (name.get(lang).to_string(), *colour, values.collect())
        })
        .collect();
    chart::stacked_shares(&groups, &shares)
}

#[component]
fn IndicatorTable(table: region::IndicatorTable) -> impl IntoView {
    let ui = use_am().ui;
    let q = Questionnaire::vio();
    let name = q.indicator(&table.indicator).map(|i| &i.name);
    // The deck's wording of the three lights for this row, where the deck has one.
    let labels = vio_core::questionnaire::deck_labels(&table.indicator).map(|l| {
        let line = move || {
            let lang = ui.lang();
            [(&ui.t(|u| &u.light_rood)(), &l.rood), (&ui.t(|u| &u.light_oranje)(), &l.oranje), (&ui.t(|u| &u.light_groen)(), &l.groen)]
                .iter()
                .map(|(word, text)| format!("{word}: {}", text.get(lang)))
                .collect::<Vec<_>>()
                .join(" · ")
        };
        view! { <p class="note deck-labels">{line}</p> }
    });
    let caption = move || format!("{} – {}", name.map(|n| n.get(ui.lang())).unwrap_or_default(), ui.am(|u| &u.region_as_table)());
    view! {
        {labels}
        <ScrollBox label=Signal::derive(caption)>
            <table class="scores region">
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col">{ui.am(|u| &u.region_group)}</th>
                    <th scope="col">"N"</th>
                    <th scope="col">{ui.t(|u| &u.light_rood)}" %"</th>
                    <th scope="col">{ui.t(|u| &u.light_oranje)}" %"</th>
                    <th scope="col">{ui.t(|u| &u.light_groen)}" %"</th>
                    <th scope="col">{ui.t(|u| &u.light_onbekend)}</th>
                    <th scope="col">{ui.am(|u| &u.region_marker)}</th>
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
                                <tr><th scope="row">{label}</th><td colspan="6">{ui.am(|u| &u.region_group_too_few)}</td></tr>
                            }.into_any(),
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </ScrollBox>
    }
}
