//! One ECharts chart on a screen, shared by the employer's radar and the accountmanager's regional
//! bars: draws a chart once the element and the ECharts script are there (the script was
//! requested at page load and may still be arriving), redraws when the chart changes (data,
//! language), and disposes of it with the view.

use std::time::Duration;

use leptos::html::Div;
use leptos::prelude::*;

use crate::chart;
use crate::i18n::use_ui;

/// Gives up waiting for ECharts after 10 s; the table beside every chart still says it all.
const MAX_TRIES: u32 = 100;

/// `chart` is called inside an effect, so the chart is redrawn when what it reads changes.
#[component]
pub fn EChart(
    chart: impl Fn() -> chart::EchartsOption + 'static,
    /// What the chart shows, for screen readers (the table beside it is the full alternative).
    #[prop(into)]
    label: Signal<String>,
    #[prop(optional)] id: Option<&'static str>,
) -> impl IntoView {
    let ui = use_ui();
    let el = NodeRef::<Div>::new();
    let instance = StoredValue::new_local(None::<chart::ChartInstance>);
    let drawn = RwSignal::new(false);
    let tries = RwSignal::new(0u32);
    Effect::new(move |_| {
        tries.track();
        let Some(el) = el.get() else { return };
        if !chart::echarts_ready() {
            if tries.get_untracked() < MAX_TRIES {
                set_timeout(move || tries.update(|t| *t += 1), Duration::from_millis(100));
            }
            return;
        }
        let chart = chart();
        // Each chart in a task of its own, after the next paint: a screen with many charts shows
        // its text and tables first and stays responsive while the charts are drawn one by one.
        // The ECharts bundle's code runs in the task before (once per page), not in the drawing's.
        request_animation_frame(move || {
            set_timeout(
                move || {
                    chart::echarts_load();
                    set_timeout(move || draw_into(el, instance, drawn, &chart), Duration::ZERO)
                },
                Duration::ZERO,
            )
        });
    });
    // A chart keeps the width it was drawn at; at 320 px (a phone, or 400 % zoom) it must follow the
    // window, or the page scrolls sideways (WCAG 1.4.10).
    let resized = window_event_listener(leptos::ev::resize, move |_| {
        instance.with_value(|slot| slot.as_ref().map(|i| i.resize()));
    });
    on_cleanup(move || {
        resized.remove();
        instance.try_update_value(|slot| slot.take().map(|i| i.dispose()));
    });
    view! {
        <div class="chart-frame">
            <div class="chart" id=id node_ref=el role="img" aria-label=label></div>
            <Show when=move || !drawn.get()><p class="chart-loading">{ui.later(|u| &u.chart_loading)}</p></Show>
        </div>
    }
}

fn draw_into(
    el: web_sys::HtmlDivElement,
    instance: StoredValue<Option<chart::ChartInstance>, LocalStorage>,
    drawn: RwSignal<bool>,
    chart: &chart::EchartsOption,
) {
    let Some(ok) = instance.try_update_value(|slot| {
        if let Some(old) = slot.take() {
            old.dispose();
        }
        *slot = chart::draw(&el, chart).ok();
        slot.is_some()
    }) else {
        return; // the view is gone
    };
    drawn.set(ok);
}
