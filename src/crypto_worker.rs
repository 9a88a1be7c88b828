//! The employer's age encryption runs in a Web Worker with a wasm of its own
//! (`src/bin/crypto_worker.rs`). age is a sixth of the page's wasm and is needed only when a file is
//! made or a backup restored, so keeping it out takes ≈ 60 KB brotli off the first screen's critical
//! path; and scrypt's second of work no longer freezes the page.
//!
//! Both ends of the protocol live here, so they cannot drift apart. A request is the array
//! `[id, job, text, bytes]`, the answer `[id, bytes]` or `[id, null, CryptoError as JSON]`.
//! The worker is started with the app, so its files are fetched while the page loads, never after
//! a click (see [`start`]), and precached for offline use like every other file.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Function, Promise, Uint8Array};
use vio_core::crypto::{self, CryptoError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the worker does with a request's bytes.
#[derive(Clone, Copy)]
pub enum Job {
    /// Encrypt to an accountmanager's public key (`text`).
    SealToKey,
    /// Encrypt with a passphrase (`text`).
    SealWithPassphrase,
    /// Decrypt a passphrase file (`text` is the passphrase).
    OpenWithPassphrase,
}

impl Job {
    fn name(self) -> &'static str {
        match self {
            Job::SealToKey => "key",
            Job::SealWithPassphrase => "passphrase",
            Job::OpenWithPassphrase => "open",
        }
    }

    fn run(self, text: &str, bytes: &[u8]) -> Result<Vec<u8>, CryptoError> {
        match self {
            Job::SealToKey => Ok(crypto::encrypt_to(&crypto::parse_recipient(text)?, bytes)),
            Job::SealWithPassphrase => Ok(crypto::encrypt_with_passphrase(text, bytes)),
            Job::OpenWithPassphrase => crypto::decrypt_with_passphrase(bytes, text),
        }
    }
}

/// Why a job gave no bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// age refused (wrong passphrase, damaged file, …): the core's message says which.
    Crypto(CryptoError),
    /// The worker could not be started or stopped answering.
    Unavailable,
}

/// The worker's side: answers every request. Called by the worker's `main`.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let answer_to = scope.clone();
    let on_request = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let request = Array::from(&e.data());
        let id = request.get(0);
        let job = [Job::SealToKey, Job::SealWithPassphrase, Job::OpenWithPassphrase]
            .into_iter()
            .find(|j| request.get(1).as_string().as_deref() == Some(j.name()));
        let text = request.get(2).as_string().unwrap_or_default();
        let bytes = Uint8Array::new(&request.get(3)).to_vec();
        // An unknown job (a page and worker of different releases) is answered without an error,
        // which the page reads as `Failure::Unavailable`.
        let answer = match job.map(|job| job.run(&text, &bytes)) {
            Some(Ok(out)) => Array::of2(&id, &Uint8Array::from(out.as_slice())),
            Some(Err(err)) => Array::of3(&id, &JsValue::NULL, &serde_json::to_string(&err).unwrap_or_default().into()),
            None => Array::of2(&id, &JsValue::NULL),
        };
        let _ = answer_to.post_message(&answer);
    });
    scope.set_onmessage(Some(on_request.as_ref().unchecked_ref()));
    on_request.forget();
}

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
/// message (`scripts/crypto-worker-shim.js`): that way both of the worker's files are requested
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
        let id = Array::from(&answer).get(0).as_f64().unwrap_or(-1.0) as u32;
        if let Some(resolve) = BRIDGE.with_borrow_mut(|b| b.as_mut().and_then(|b| b.waiting.remove(&id))) {
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
            let request = Array::of4(&id.into(), &job.name().into(), &text.into(), &Uint8Array::from(bytes));
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
    let reply = Array::from(&reply);
    match reply.get(1).dyn_into::<Uint8Array>() {
        Ok(bytes) => Ok(bytes.to_vec()),
        Err(_) => {
            let error = reply.get(2).as_string().and_then(|json| serde_json::from_str(&json).ok());
            Err(error.map_or(Failure::Unavailable, Failure::Crypto))
        }
    }
}
