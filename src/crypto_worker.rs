//! The page's side of the encryption worker (`vio-crypto-worker`, which says why it exists): starts
//! it with the app and runs jobs in it, each as a future.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Function, Promise};
pub use vio_crypto_worker::{Failure, Job};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

struct Bridge {
    worker: web_sys::Worker,
    /// Each waiting request's `resolve`, by id; answered with the worker's reply or `undefined`
    /// when the worker failed.
    waiting: HashMap<u32, Function>,
    next_id: u32,
    /// Requests made before the worker has its wasm module; sent right after it.
    queued: Option<Vec<Array>>,
}

thread_local! {
    static BRIDGE: RefCell<Option<Bridge>> = const { RefCell::new(None) };
}

/// Answers every waiting request with "unavailable" and forgets the worker.
fn fail() {
    let waiting = BRIDGE.with_borrow_mut(|b| b.take().map(|b| b.waiting).unwrap_or_default());
    for resolve in waiting.into_values() {
        let _ = resolve.call0(&JsValue::NULL);
    }
}

/// Starts the worker (the page's side). Called once when the app starts.
///
/// The page fetches and compiles the worker's wasm itself and hands it over as the worker's first
/// message (`crates/crypto-worker/shim.js`): that way both of the worker's files are requested
/// now, while the page loads; a worker fetching its own wasm would do so only once its script has
/// arrived and run, which can be after the user's first click. The names come from a `<meta>` that
/// `scripts/seal.mjs` writes with this release's hashes.
pub fn start() {
    let Some(meta) = leptos::prelude::document().query_selector(r#"meta[name="vio-crypto-worker"]"#).ok().flatten() else { return };
    let (Some(script), Some(wasm)) = (meta.get_attribute("content"), meta.get_attribute("data-wasm")) else { return };
    let Ok(worker) = web_sys::Worker::new(&script) else { return };
    let module = js_sys::WebAssembly::compile_streaming(&leptos::prelude::window().fetch_with_str(&wasm));
    let on_answer = Closure::<dyn Fn(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
        let answer = e.data();
        let id = vio_crypto_worker::answer_id(&answer);
        if let Some(resolve) = BRIDGE.with_borrow_mut(|b| b.as_mut().zip(id).and_then(|(b, id)| b.waiting.remove(&id))) {
            let _ = resolve.call1(&JsValue::NULL, &answer);
        }
    });
    let on_failure = Closure::<dyn Fn(web_sys::Event)>::new(|_| fail());
    worker.set_onmessage(Some(on_answer.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_failure.as_ref().unchecked_ref()));
    on_answer.forget();
    on_failure.forget();
    BRIDGE.set(Some(Bridge { worker, waiting: HashMap::new(), next_id: 0, queued: Some(Vec::new()) }));
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(module) = wasm_bindgen_futures::JsFuture::from(module).await else { return fail() };
        BRIDGE.with_borrow_mut(|bridge| {
            let Some(bridge) = bridge else { return };
            let _ = bridge.worker.post_message(&module);
            for request in bridge.queued.take().unwrap_or_default() {
                let _ = bridge.worker.post_message(&request);
            }
        });
    });
}

/// Runs `job` in the worker.
pub async fn run(job: Job, text: &str, bytes: &[u8]) -> Result<Vec<u8>, Failure> {
    let mut sent = false;
    let reply = Promise::new(&mut |resolve, _reject| {
        BRIDGE.with_borrow_mut(|bridge| {
            let Some(bridge) = bridge else { return };
            let id = bridge.next_id;
            bridge.next_id += 1;
            let request = vio_crypto_worker::request(id, job, text, bytes);
            sent = match &mut bridge.queued {
                Some(queued) => {
                    queued.push(request);
                    true
                }
                None => bridge.worker.post_message(&request).is_ok(),
            };
            if sent {
                bridge.waiting.insert(id, resolve);
            }
        })
    });
    if !sent {
        return Err(Failure::Unavailable);
    }
    let reply = wasm_bindgen_futures::JsFuture::from(reply).await.map_err(|_| Failure::Unavailable)?;
    if reply.is_undefined() {
        return Err(Failure::Unavailable);
    }
    vio_crypto_worker::read_answer(&reply)
}
