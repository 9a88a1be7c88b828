//! Draws a charming `Chart` with ECharts. ECharts is our own small bundle (`scripts/build-echarts.mjs`),
//! fetched at low priority while the page loads and evaluated only on the first `init`, so no click
//! ever causes a request. charming 0.6 cannot pick the SVG renderer, replace (not merge) options or
//! dispose a chart, hence these few bindings of our own.
//!
//! The employer's radar is built from charming's parts (`RadarCoordinate`, `Radar`) but not put in
//! a charming `Chart`: `Chart`'s serialisation goes through code for every chart, component and
//! series type ECharts has (two functions of 33 KB each before wasm-opt), which only the
//! accountmanager's bars use.

use charming::component::{Axis, Grid, Legend, RadarAxisName, RadarCoordinate, RadarIndicator};
use charming::element::{AreaStyle, AxisLabel, AxisType, ItemStyle};
use charming::series::{Bar, Radar};
use charming::Chart;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    pub type ChartInstance;

    #[wasm_bindgen(catch, js_namespace = echarts, js_name = init)]
    fn echarts_init(el: &web_sys::HtmlElement, theme: &JsValue, opts: &JsValue) -> Result<ChartInstance, JsValue>;

    /// Runs the bundle's code (once); `init` would do it too, but in the same task as the drawing.
    #[wasm_bindgen(js_namespace = echarts, js_name = load)]
    pub fn echarts_load();

    /// Redraws at the element's present size (after the window was resized or zoomed).
    #[wasm_bindgen(method)]
    pub fn resize(this: &ChartInstance);

    /// JSON.parse of an option whose colours may name a custom property of `style/app.css`
    /// (`"--rood"`): ECharts writes colours into SVG attributes, which CSS cannot reach, so the
    /// bundle reads the stylesheet's value (scripts/build-echarts.mjs) and a colour stays defined in
    /// one place for charts, badges and legends.
    #[wasm_bindgen(catch, js_namespace = echarts, js_name = option)]
    fn echarts_option(json: &str) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, js_name = setOption)]
    fn set_option(this: &ChartInstance, option: &JsValue, opts: &JsValue);

    #[wasm_bindgen(method)]
    pub fn dispose(this: &ChartInstance);
}

/// Whether the ECharts script has arrived (it loads async; a slow connection may still be busy).
pub fn echarts_ready() -> bool {
    web_sys::window().is_some_and(|w| js_sys::Reflect::has(&w, &"echarts".into()).unwrap_or(false))
}

/// What ECharts draws (its "option"), as JSON.
pub struct EchartsOption(String);

pub fn draw(el: &web_sys::HtmlElement, option: &EchartsOption) -> Result<ChartInstance, JsValue> {
    let instance = echarts_init(el, &JsValue::NULL, &JsValue::UNDEFINED)?;
    let option = echarts_option(&option.0)?;
    let replace = js_sys::Object::new();
    js_sys::Reflect::set(&replace, &"notMerge".into(), &true.into())?;
    instance.set_option(&option, &replace);
    Ok(instance)
}

/// A radar of 0–100 scores; `None` (no score) is left out of the polygon rather than drawn as 0.
/// Its series have the colours `--series-0` and `--series-1` (blue and orange stay apart for
/// colour-blind readers), as do the marks of the HTML legend beside it: the radar has no ECharts
/// legend or tooltip, which keeps both out of the employer's ECharts bundle (17 KB brotli); the
/// table beside the chart has every value.
pub fn radar(axes: &[String], series: &[(String, Vec<Option<u8>>)]) -> EchartsOption {
    #[derive(Serialize)]
    struct RadarOption {
        color: [&'static str; 2],
        radar: RadarCoordinate,
        series: Vec<Radar>,
    }
    let option = RadarOption {
        color: ["--series-0", "--series-1"],
        radar: RadarCoordinate::new()
            .radius("55%")
            .axis_name(RadarAxisName::new().line_height(15))
            .indicator(axes.iter().map(|a| RadarIndicator::new().name(two_lines(a)).min(0).max(100)).collect::<Vec<_>>()),
        series: series
            .iter()
            .map(|(name, values)| {
                let values: Vec<Option<i64>> = values.iter().map(|v| v.map(i64::from)).collect();
                Radar::new().name(name.as_str()).area_style(AreaStyle::new().opacity(0.2)).data(vec![(values, name.as_str())])
            })
            .collect(),
    };
    EchartsOption(serde_json::to_string(&option).unwrap_or_default())
}

/// A long axis name on two lines, broken at the space nearest its middle: on a phone, ECharts cuts
/// off a name like "Belemmerende factoren" at the chart's edge.
fn two_lines(name: &str) -> String {
    let middle = name.len() / 2;
    match name.match_indices(' ').map(|(i, _)| i).min_by_key(|i| i.abs_diff(middle)) {
        Some(i) if name.chars().count() > 12 => format!("{}\n{}", &name[..i], &name[i + 1..]),
        _ => name.to_string(),
    }
}

/// One horizontal bar per group, split into stacked shares (0–100). A `None` share (suppressed,
/// "<5") is left as a gap: drawing it would give away what the table hides. No tooltip: ECharts
/// writes it as markup, which the pages' Trusted Types refuse; the table beside has every value.
pub fn stacked_shares(groups: &[String], shares: &[(String, &str, Vec<Option<f64>>)]) -> EchartsOption {
    let mut chart = Chart::new()
        .legend(Legend::new().bottom(0))
        .grid(Grid::new().left(8).right(24).top(8).bottom(36).contain_label(true))
        .x_axis(Axis::new().type_(AxisType::Value).min(0).max(100).axis_label(AxisLabel::new().formatter("{value} %")))
        // Totaal on top, as in the table.
        .y_axis(Axis::new().type_(AxisType::Category).inverse(true).data(groups.to_vec()));
    for (name, color, values) in shares {
        chart = chart.series(Bar::new().name(name.as_str()).stack("shares").item_style(ItemStyle::new().color(*color)).data(values.clone()));
    }
    EchartsOption(chart.to_string())
}
