//! The page's side of the encryption workers (`vio-crypto-worker`, which says why they exist):
//! takes over the one the start script made, runs jobs in it, each as a future, and on the
//! accountmanager's page grows it into a pool that opens result files on every core.

use std::cell::RefCell;
use std::future::Future;

use js_sys::{Function, Promise};
pub use vio_crypto_worker::{Failure, Job};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

struct Bridge {
    /// Each worker with the number of its requests not yet answered.
    workers: Vec<(web_sys::Worker, u32)>,
    /// Each waiting request's id, `resolve` and worker; answered with the worker's reply or
    /// `undefined` when a worker failed. A list: the pages send at most a chunk of files at a time
    /// (a few hundred requests), and a map would bring its own code into the employer's wasm.
    waiting: Vec<(u32, Function, usize)>,
    next_id: u32,
}

thread_local! {
    static BRIDGE: RefCell<Option<Bridge>> = const { RefCell::new(None) };
}

/// Answers every waiting request with "unavailable" and forgets the workers: one that failed
/// (its wasm could not start, or it stopped) may have taken requests with it, and the page does
/// every job itself rather than wait for an answer that never comes.
fn fail() {
    let waiting = BRIDGE.with_borrow_mut(|b| b.take().map(|b| b.waiting).unwrap_or_default());
    for (_, resolve, _) in waiting {
        let _ = resolve.call0(&JsValue::NULL);
    }
}

/// Makes `worker` part of the bridge: its answers resolve their requests, its failure fails all.
/// It is handed the wasm module this page has compiled, so it downloads no code of its own.
fn take_over(worker: &web_sys::Worker) -> bool {
    let on_answer = Closure::<dyn Fn(web_sys::MessageEvent)>::new(|e: web_sys::MessageEvent| {
        let answer = e.data();
        let id = vio_crypto_worker::answer_id(&answer);
        let resolve = BRIDGE.with_borrow_mut(|b| {
            let b = b.as_mut()?;
            let id = id?;
            let (_, resolve, worker) = b.waiting.swap_remove(b.waiting.iter().position(|w| w.0 == id)?);
            b.workers[worker].1 -= 1;
            Some(resolve)
        });
        if let Some(resolve) = resolve {
            let _ = resolve.call1(&JsValue::NULL, &answer);
        }
    });
    let on_failure = Closure::<dyn Fn(web_sys::Event)>::new(|_| fail());
    worker.set_onmessage(Some(on_answer.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_failure.as_ref().unchecked_ref()));
    on_answer.forget();
    on_failure.forget();
    worker.post_message(&wasm_bindgen::module()).is_ok()
}

/// Takes over the worker (the page's side). Called once when the app starts.
///
/// The worker runs this page's own wasm: the page's start script (written by `scripts/build.mjs`)
/// creates it while the wasm downloads, with the page's glue as its script. The worker thus makes
/// its one request before the user can click.
pub fn start() {
    const HANDOVER: &str = "vioCryptoWorker";
    let global = js_sys::global();
    let Some(worker) = js_sys::Reflect::get(&global, &HANDOVER.into()).ok().and_then(|w| w.dyn_into::<web_sys::Worker>().ok()) else {
        return;
    };
    let _ = js_sys::Reflect::delete_property(&global, &HANDOVER.into());
    if take_over(&worker) {
        BRIDGE.set(Some(Bridge { workers: vec![(worker, 0)], waiting: Vec::new(), next_id: 0 }));
    }
}

/// Grows the pool to one worker per core, at most [`MAX_WORKERS`], for opening many result files
/// (the accountmanager's page only, as it loads). The start script offers `vioNewWorker`, which makes one as
/// it made the first (its script URL passes the page's Trusted Types policy). Without a first
/// worker there is no pool: the page opens the files itself.
pub fn grow() {
    let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency()) as usize;
    let wanted = cores.clamp(1, MAX_WORKERS);
    let Ok(make) = js_sys::Reflect::get(&js_sys::global(), &"vioNewWorker".into()).and_then(|f| f.dyn_into::<Function>()) else {
        return;
    };
    while BRIDGE.with_borrow(|b| b.as_ref().is_some_and(|b| b.workers.len() < wanted)) {
        let Some(worker) = make.call0(&JsValue::NULL).ok().and_then(|w| w.dyn_into::<web_sys::Worker>().ok()) else { return };
        if !take_over(&worker) {
            return;
        }
        BRIDGE.with_borrow_mut(|b| b.as_mut().map(|b| b.workers.push((worker, 0))));
    }
}

/// More workers than this gain little (the page's own thread still takes each result in) and
/// each holds its own copy of the wasm's memory.
pub const MAX_WORKERS: usize = 8;

/// Sends the request `make` writes for its id to the worker with the fewest waiting requests, now;
/// the future is the worker's answer (`None`: no worker, or it failed).
fn send(make: &dyn Fn(u32) -> js_sys::Array) -> impl Future<Output = Option<JsValue>> + 'static {
    let mut sent = false;
    let reply = Promise::new(&mut |resolve, _reject| {
        BRIDGE.with_borrow_mut(|bridge| {
            let Some(bridge) = bridge else { return };
            let Some(worker) = (0..bridge.workers.len()).min_by_key(|&i| bridge.workers[i].1) else { return };
            let id = bridge.next_id;
            bridge.next_id += 1;
            sent = bridge.workers[worker].0.post_message(&make(id)).is_ok();
            if sent {
                bridge.workers[worker].1 += 1;
                bridge.waiting.push((id, resolve, worker));
            }
        })
    });
    async move {
        if !sent {
            return None;
        }
        let reply = wasm_bindgen_futures::JsFuture::from(reply).await.ok()?;
        (!reply.is_undefined() && !reply.is_null()).then_some(reply)
    }
}

/// Runs `job` in a worker: sent now, answered by the future.
pub fn run(job: Job, text: &str, bytes: &[u8]) -> impl Future<Output = Result<Vec<u8>, Failure>> + 'static {
    let reply = send(&|id| vio_crypto_worker::request(id, job, text, bytes));
    async move { vio_crypto_worker::read_answer(&reply.await.ok_or(Failure::Unavailable)?) }
}
