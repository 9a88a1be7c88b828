//! The page's side of the encryption worker (`vio-crypto-worker`, which says why it exists): starts
//! it with the app and runs jobs in it, each as a future.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Function, Promise};
pub use vio_crypto_worker::{Failure, Job};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

struct Bridge {
    worker: web_sys::Worker,
    /// Each waiting request's `resolve`, by id; answered with the worker's reply or `undefined`
    /// when the worker failed.
    waiting: HashMap<u32, Function>,
    next_id: u32,
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

/// Takes over the worker (the page's side). Called once when the app starts.
///
/// The worker runs this page's own wasm: the page's start script (written by `scripts/seal.mjs`)
/// creates it while the wasm downloads, with the page's glue as its script, and this hands it the
/// wasm module the page has compiled. The worker thus downloads no code of its own and makes no
/// request after the page has loaded.
pub fn start() {
    const HANDOVER: &str = "vioCryptoWorker";
    let global = js_sys::global();
    let Some(worker) = js_sys::Reflect::get(&global, &HANDOVER.into()).ok().and_then(|w| w.dyn_into::<web_sys::Worker>().ok()) else {
        return;
    };
    let _ = js_sys::Reflect::delete_property(&global, &HANDOVER.into());
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
    if worker.post_message(&wasm_bindgen::module()).is_err() {
        return;
    }
    BRIDGE.set(Some(Bridge { worker, waiting: HashMap::new(), next_id: 0 }));
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
            sent = bridge.worker.post_message(&request).is_ok();
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
