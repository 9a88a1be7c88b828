//! The employer's age encryption, served in a Web Worker, so that scrypt's second of work never
//! freezes the page. The worker runs the page's own wasm: the employer's binary exports [`serve`] as
//! `serve_crypto_worker` (`src/main.rs`), `shim.js` makes the page's glue the worker's script, and the
//! page hands over the module it has compiled, so the worker downloads nothing of its own. Every
//! age operation of the employer's page that takes time goes through here (reading a key does not:
//! the page does that itself, in the same wasm). The accountmanager's
//! page runs a pool of these workers (its own wasm) to open result files on every core
//! ([`Job::OpenResults`], the `open` feature). This crate has no Leptos.
//!
//! Both ends of the protocol live here, so they cannot drift apart: [`serve`] is the worker's side,
//! [`request`] and [`read_answer`] are used by the page's side (the app's `crypto_worker` module).
//! A request is the array `[id, job, text, bytes]`, the answer `[id, bytes]`,
//! `[id, null, CryptoError::code]`, or `[id, null]` when the worker cannot do the job (its wasm
//! could not be instantiated, or the job is unknown).

use js_sys::{Array, Uint8Array};
use vio_core::crypto::{self, CryptoError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the worker does with a request's bytes.
#[derive(Clone, Copy)]
pub enum Job {
    /// Encrypt to those keys (`text`, one per line): one file that each of them opens.
    SealToKey,
    /// Encrypt with a passphrase (`text`).
    SealWithPassphrase,
    /// Decrypt a passphrase file (`text` is the passphrase).
    OpenWithPassphrase,
    /// Open result files with the accountmanager's identities (`text`, one per line): decrypt,
    /// validate and score each, and answer with a [`vio_core::open::Handover`] for each. The files
    /// and the answers travel [`join`]ed: a message per file cost the page and the worker more than
    /// opening a small file. A file that does not open gets an empty answer, and the page opens it
    /// itself to say why.
    #[cfg(feature = "open")]
    OpenResults,
}

const JOBS: &[Job] = &[
    Job::SealToKey,
    Job::SealWithPassphrase,
    Job::OpenWithPassphrase,
    #[cfg(feature = "open")]
    Job::OpenResults,
];

impl Job {
    fn name(self) -> &'static str {
        match self {
            Job::SealToKey => "key",
            Job::SealWithPassphrase => "passphrase",
            Job::OpenWithPassphrase => "open",
            #[cfg(feature = "open")]
            Job::OpenResults => "results",
        }
    }

    /// `None`: the job cannot be done here (the page then does it itself).
    fn run(self, text: &str, bytes: &[u8]) -> Option<Result<Vec<u8>, CryptoError>> {
        let done = |outcome: Result<Vec<u8>, CryptoError>| Some(outcome);
        match self {
            Job::SealToKey => done(crypto::Recipients::parse(text).map(|r| r.encrypt(bytes))),
            Job::SealWithPassphrase => done(Ok(crypto::encrypt_with_passphrase(text, bytes))),
            Job::OpenWithPassphrase => done(crypto::decrypt_with_passphrase(bytes, text)),
            #[cfg(feature = "open")]
            Job::OpenResults => {
                let identities = crypto::parse_identities(text).ok()?;
                let handovers: Vec<Vec<u8>> = split(bytes)?
                    .into_iter()
                    .map(|file| vio_core::open::Handover::write(file, &identities, vio_core::Questionnaire::vio()).unwrap_or_default())
                    .collect();
                done(Ok(join(handovers.iter().map(Vec::as_slice))))
            }
        }
    }
}

/// Why a job gave no bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// age refused (wrong passphrase, damaged file, …): the core's message says which.
    Crypto(CryptoError),
    /// The worker could not be started, or does not answer as this release does.
    Unavailable,
}

#[cfg(feature = "open")]
/// Many byte strings as one, each as its length (4 bytes, little-endian) and then itself.
pub fn join<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> Vec<u8> {
    let mut joined = Vec::new();
    for part in parts {
        joined.extend_from_slice(&u32::try_from(part.len()).expect("a part is under 4 GB").to_le_bytes());
        joined.extend_from_slice(part);
    }
    joined
}

#[cfg(feature = "open")]
/// The byte strings [`join`] joined; `None` if `bytes` is not that.
pub fn split(mut bytes: &[u8]) -> Option<Vec<&[u8]>> {
    let mut parts = Vec::new();
    while let Some((len, rest)) = bytes.split_first_chunk::<4>() {
        let len = usize::try_from(u32::from_le_bytes(*len)).ok()?;
        let (part, rest) = rest.split_at_checked(len)?;
        parts.push(part);
        bytes = rest;
    }
    bytes.is_empty().then_some(parts)
}

/// The message that asks the worker to run `job`.
pub fn request(id: u32, job: Job, text: &str, bytes: &[u8]) -> Array {
    Array::of4(&id.into(), &job.name().into(), &text.into(), &Uint8Array::from(bytes))
}

/// The id an answer belongs to.
pub fn answer_id(answer: &JsValue) -> Option<u32> {
    Array::from(answer).get(0).as_f64().map(|id| id as u32)
}

/// What an answer says.
pub fn read_answer(answer: &JsValue) -> Result<Vec<u8>, Failure> {
    let answer = Array::from(answer);
    match answer.get(1).dyn_into::<Uint8Array>() {
        Ok(bytes) => Ok(bytes.to_vec()),
        Err(_) => {
            let error = answer.get(2).as_f64().and_then(|code| CryptoError::from_code(code as u32));
            Err(error.map_or(Failure::Unavailable, Failure::Crypto))
        }
    }
}

/// The worker's side: answers every request.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let answer_to = scope.clone();
    let on_request = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let request = Array::from(&e.data());
        let id = request.get(0);
        let job = JOBS.iter().find(|j| request.get(1).as_string().as_deref() == Some(j.name()));
        let text = request.get(2).as_string().unwrap_or_default();
        let bytes = Uint8Array::new(&request.get(3)).to_vec();
        let answer = match job.and_then(|job| job.run(&text, &bytes)) {
            Some(Ok(out)) => Array::of2(&id, &Uint8Array::from(out.as_slice())),
            Some(Err(err)) => Array::of3(&id, &JsValue::NULL, &err.code().into()),
            None => Array::of2(&id, &JsValue::NULL),
        };
        let _ = answer_to.post_message(&answer);
    });
    scope.set_onmessage(Some(on_request.as_ref().unchecked_ref()));
    on_request.forget();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_seal_and_open_what_the_core_opens() {
        let sealed = Job::SealWithPassphrase.run("een lange zin als wachtwoord", b"{}").unwrap().unwrap();
        assert_eq!(Job::OpenWithPassphrase.run("een lange zin als wachtwoord", &sealed).unwrap().unwrap(), b"{}");
        assert_eq!(Job::OpenWithPassphrase.run("fout", &sealed).unwrap().unwrap_err(), CryptoError::WrongPassphrase);
        let identity = age::x25519::Identity::generate();
        let to_key = Job::SealToKey.run(&identity.to_public().to_string(), b"{}").unwrap().unwrap();
        assert_eq!(crypto::decrypt_with_identity(&to_key, &identity).unwrap(), b"{}");
        assert_eq!(Job::SealToKey.run("age1niet-een-sleutel", b"{}").unwrap().unwrap_err(), CryptoError::InvalidRecipient);
        let colleague = age::x25519::Identity::generate();
        let team = format!("{}\n{}", identity.to_public(), colleague.to_public());
        let to_team = Job::SealToKey.run(&team, b"{}").unwrap().unwrap();
        assert_eq!(crypto::decrypt_with_identity(&to_team, &colleague).unwrap(), b"{}");
    }

    /// The worker opens with every key the accountmanager has had, answers each file in its place,
    /// and hands back empty what does not open.
    #[cfg(feature = "open")]
    #[test]
    fn results_open_with_any_of_the_identities() {
        use vio_core::open::Handover;
        let json = include_bytes!("../../../tests/fixtures/envelope.json");
        let (old, new) = (age::x25519::Identity::generate(), age::x25519::Identity::generate());
        let keys = [&old, &new].map(|id| String::from(age::secrecy::ExposeSecret::expose_secret(&id.to_string()))).join("\n");
        let (to_old, to_new) = (crypto::encrypt_to(&old.to_public(), json), crypto::encrypt_to(&new.to_public(), json));
        let files: [&[u8]; 4] = [&to_new, b"geen age-bestand", &to_old, b""];
        let answer = Job::OpenResults.run(&keys, &join(files)).unwrap().unwrap();
        let answers = split(&answer).unwrap();
        assert_eq!(answers.len(), 4);
        assert_eq!(answers.iter().map(|a| Handover::read(a).map(|h| h.key)).collect::<Vec<_>>(), [Some(1), None, Some(0), None]);
        assert_eq!(answers[1], b"");
        assert_eq!(Job::OpenResults.run("geen sleutels", &join([to_old.as_slice()])), None);
        assert_eq!(Job::OpenResults.run(&keys, b"\xff\xff\xff\xff"), None, "not joined files");
    }

    #[cfg(feature = "open")]
    #[test]
    fn joined_parts_split_into_the_same_parts() {
        let parts: [&[u8]; 4] = [b"een", b"", &[0; 300], b"vier"];
        assert_eq!(split(&join(parts)).unwrap(), parts);
        assert_eq!(split(&join([])).unwrap(), Vec::<&[u8]>::new());
        let joined = join(parts);
        assert_eq!(split(&joined[..joined.len() - 1]), None, "a part cut short");
        assert_eq!(split(&joined[..2]), None, "a length cut short");
    }

    #[test]
    fn every_job_has_its_own_name() {
        let mut names: Vec<_> = JOBS.iter().map(|j| j.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), JOBS.len());
    }
}
