//! A table wider than a phone scrolls sideways in a box of its own, not the whole page (WCAG
//! 1.4.10): the regional tables have seven columns, the list of opened files five, and at 360 px
//! they were some 600 and 500 px wide.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The box is a tab stop, named by `label`, only while its table does not fit: a keyboard must be
/// able to scroll it (WCAG 2.1.1), and on a wide screen, where nothing scrolls, the regional screen's
/// twenty tables would otherwise be twenty tab stops that do nothing. Measured again whenever the
/// box or the table changes size (a turned phone, zoom, the other language).
#[component]
pub fn ScrollBox(#[prop(into)] label: Signal<String>, children: Children) -> impl IntoView {
    let el = NodeRef::<Div>::new();
    let scrolls = RwSignal::new(false);
    let observing = StoredValue::new_local(None::<(web_sys::ResizeObserver, Closure<dyn Fn(js_sys::Array)>)>);
    Effect::new(move |_| {
        let Some(el) = el.get() else { return };
        let Some(table) = el.first_element_child() else { return };
        // The widths as the observer reports them, not read from the elements: a read would lay out
        // the regional screen's sections that the browser leaves for later (accountmanager.css).
        let widths = std::cell::Cell::new((0.0, 0.0));
        let watched = el.clone();
        let measure = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
            for entry in entries.iter().map(web_sys::ResizeObserverEntry::unchecked_from_js) {
                let (outer, inner) = widths.get();
                let width = entry.content_rect().width();
                widths.set(if entry.target() == **watched { (width, inner) } else { (outer, width) });
            }
            let (outer, inner) = widths.get();
            let now = inner > outer + 1.0;
            if scrolls.get_untracked() != now {
                scrolls.set(now);
            }
        });
        let Ok(observer) = web_sys::ResizeObserver::new(measure.as_ref().unchecked_ref()) else { return };
        observer.observe(&el);
        observer.observe(&table);
        observing.set_value(Some((observer, measure)));
    });
    on_cleanup(move || {
        observing.try_update_value(|o| o.take().map(|(observer, _)| observer.disconnect()));
    });
    view! {
        <div class="scroll-box" node_ref=el
            tabindex=move || scrolls.get().then_some("0")
            role=move || scrolls.get().then_some("group")
            aria-label=move || scrolls.get().then(|| label.get())>
            {children()}
        </div>
    }
}
