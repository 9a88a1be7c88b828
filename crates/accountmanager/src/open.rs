//! Opening result files: picked or dropped, each decrypted with the accountmanager's key (or the
//! passphrase typed here), validated by the core, and listed with its outcome. A bad file gets its own
//! message and changes nothing else.

use std::collections::HashSet;

use leptos::prelude::*;
use vio_core::crypto::{self, CryptoError, MAX_FILE_BYTES};
use vio_core::envelope::Envelope;
use vio_core::open::{files_on_page, open_result, Handover, Keys, OpenError, OpenedWith, WarmUp, FILES_PER_PAGE};
use vio_core::ui::AmTexts;
use vio_core::Questionnaire;
use vio_ui::components::field::TextField;
use vio_ui::crypto_worker;
use vio_ui::files;
use vio_ui::i18n::display_date;
use vio_ui::router::Screen;

use super::kept;
use super::read;
use super::scroll_box::ScrollBox;
use super::state::{use_am, AmRoute, AmState, OpenedFile};

/// Opens `bytes` (read from `file`, if it was picked or dropped) on the page's thread.
pub(super) fn open_bytes(keys: &Keys, name: String, file: Option<web_sys::File>, bytes: &[u8]) -> OpenedFile {
    match open_result(bytes, keys, Questionnaire::vio()) {
        Ok((opened, with)) => OpenedFile {
            key_code: match with {
                OpenedWith::Key(i) => Some(crypto::fingerprint(&keys.identities[i].to_public())),
                OpenedWith::Passphrase => None,
            },
            keepable: vio_core::keep::worth_keeping(with),
            ..OpenedFile::new(name, file, Ok(opened))
        },
        Err(e) => OpenedFile::new(name, file, Err(e)),
    }
}

/// Opens one file. A passphrase file is decrypted in the encryption worker: scrypt takes about a
/// second, which on the page's thread would freeze it for each such file.
async fn open_file(keys: &Keys<'_>, name: String, file: Option<web_sys::File>, bytes: &[u8]) -> OpenedFile {
    // An armored passphrase file goes to the worker too.
    let passphrase_file = crypto::dearmor(bytes).ok().filter(|file| crypto::is_passphrase_file(file) == Ok(true)).map(|file| file.into_owned());
    let (Some(passphrase), Some(age_file)) = (keys.passphrase.filter(|p| !p.is_empty()), passphrase_file) else {
        return open_bytes(keys, name, file, bytes);
    };
    let outcome = match decrypt_with_passphrase(&age_file, passphrase).await {
        Ok(plaintext) => Envelope::open(&plaintext, Questionnaire::vio()).map_err(OpenError::from),
        Err(e) => Err(e.into()),
    };
    OpenedFile::new(name, file, outcome)
}

/// Decrypts a passphrase file in the worker, or on this thread when there is none: the
/// accountmanager's page would rather be slow for a moment than refuse a file.
pub(super) async fn decrypt_with_passphrase(bytes: &[u8], passphrase: &str) -> Result<Vec<u8>, vio_core::crypto::CryptoError> {
    match crypto_worker::run(crypto_worker::Job::OpenWithPassphrase, passphrase, bytes).await {
        Ok(plaintext) => Ok(plaintext),
        Err(crypto_worker::Failure::Crypto(e)) => Err(e),
        Err(crypto_worker::Failure::Unavailable) => vio_core::crypto::decrypt_with_passphrase(bytes, passphrase),
    }
}

/// Files are opened in chunks, with a pause for the browser after each: the tab stays responsive
/// and the progress shows, also for thousands of files.
pub(super) const CHUNK: usize = 100;

/// While files open (handed over, or kept on this device and restored), the list (its count, its
/// first page) is drawn again at most this often; the progress bar after every chunk. Twice a
/// second is as much as anyone reads, and every drawing takes the page's thread from the files:
/// with the list drawn after every chunk, the page's part of opening 1,000 files was 754-1,001 ms
/// (median 807) in six runs, drawn at most twice a second 657-954 ms (median 770), alternating in
/// the same hour (`bench/regional`, two cores).
const LIST_EVERY_MS: f64 = 500.0;

/// Opened files on their way into the list: added at most every [`LIST_EVERY_MS`], the first at
/// once, and what is left with the last chunk.
pub(super) struct Lister {
    unlisted: Vec<OpenedFile>,
    listed_at: f64,
}

impl Lister {
    pub(super) fn new() -> Lister {
        Lister { unlisted: Vec::new(), listed_at: f64::NEG_INFINITY }
    }

    pub(super) fn push(&mut self, file: OpenedFile) {
        self.unlisted.push(file);
    }

    /// Adds what waits to the list if it was drawn long enough ago, or if `last`; true if it did.
    pub(super) fn list(&mut self, am: AmState, last: bool) -> bool {
        let now = js_sys::Date::now();
        if self.unlisted.is_empty() || (!last && now - self.listed_at < LIST_EVERY_MS) {
            return false;
        }
        am.files.update(|list| list.append(&mut self.unlisted));
        self.listed_at = now;
        true
    }
}

/// Opening in the pool of workers (started with the page, `crypto_worker::grow`), for files picked now and for results kept
/// on this device: what the workers need (every key the accountmanager has had) and what turns
/// their answer into a listed file.
pub(super) struct Pool {
    secret_keys: String,
    /// Also for the files the page opens itself (a worker's refusal, a passphrase file).
    identities: Vec<age::x25519::Identity>,
    key_codes: Vec<String>,
}

impl Pool {
    pub(super) fn new(am: AmState) -> Pool {
        Pool::with(am.identities(), am.keyring.with_untracked(|k| k.identities.join("\n")))
    }

    fn with(identities: Vec<age::x25519::Identity>, secret_keys: String) -> Pool {
        let key_codes = identities.iter().map(|id| crypto::fingerprint(&id.to_public())).collect();
        Pool { secret_keys, identities, key_codes }
    }

    /// The keys the page opens a file with when a worker did not.
    pub(super) fn keys<'a>(&'a self, passphrase: Option<&'a str>) -> Keys<'a> {
        Keys { identities: &self.identities, passphrase }
    }

    /// Sends `files` to the workers now, [`BATCH`] to a message; the future is a handover for each,
    /// in order (`None`: the page opens that file itself).
    pub(super) fn send(&self, files: &[&[u8]]) -> impl std::future::Future<Output = Vec<Option<Handover>>> + 'static {
        let batches: Vec<_> = files
            .chunks(BATCH)
            .map(|batch| {
                let answer = crypto_worker::run(crypto_worker::Job::OpenResults, &self.secret_keys, &vio_crypto_worker::join(batch.iter().copied()));
                let n = batch.len();
                async move {
                    let answer = answer.await.ok();
                    match answer.as_deref().and_then(vio_crypto_worker::split).filter(|handovers| handovers.len() == n) {
                        Some(handovers) => handovers.into_iter().map(Handover::read).collect(),
                        None => (0..n).map(|_| None).collect::<Vec<_>>(),
                    }
                }
            })
            .collect();
        async move { futures::future::join_all(batches).await.into_iter().flatten().collect() }
    }

    /// The file a worker opened, or `None`: then the page opens it itself, which also gives a
    /// refusal (or a passphrase file's question) its message.
    pub(super) fn take(&self, handed: Option<Handover>, name: &str, file: Option<&web_sys::File>) -> Option<OpenedFile> {
        let handed = handed?;
        let code = self.key_codes.get(handed.key).cloned();
        Some(OpenedFile::handed_over(name.to_string(), file.cloned(), handed, code))
    }
}

/// How often the page opens [`WarmUp`]'s file. Counted with V8's `--trace-wasm-compilation-times`:
/// after 100 warm-up opens, 81 functions (202 ms of compiling) were still optimised while 1,000 files
/// opened; after 500, 46 (about 100 ms); after 1,000 (over two workers), 33 (96 ms). About a second
/// of a file dialog, on two cores.
const WARM_UP_OPENS: usize = 500;

/// Where the warm-up is: it runs once, from the moment the accountmanager reaches for files (the
/// file dialog, or a drag over the drop zone), and files handed over end it, since they run the
/// same code themselves.
#[derive(Clone, Copy, PartialEq)]
enum WarmUpState {
    Due,
    Running,
    Over,
}

thread_local! {
    static WARM_UP: std::cell::Cell<WarmUpState> = const { std::cell::Cell::new(WarmUpState::Due) };
}

/// Starts the warm-up unless it ran or files came first.
fn warm_up_once() {
    if WARM_UP.get() == WarmUpState::Due {
        WARM_UP.set(WarmUpState::Running);
        leptos::task::spawn_local(warm_up());
    }
}

/// Opens a throwaway result the way picked files are opened (read, sent to a worker, taken in),
/// while the accountmanager is still choosing files, so that the browser has optimised that code
/// when the first real one arrives ([`WarmUp`] says why and what it gained). A batch at a time, to
/// one worker: the optimised code is shared by all, and the other cores stay free. Nothing is
/// listed, counted or kept.
async fn warm_up() {
    let warm = WarmUp::new(Questionnaire::vio());
    let bytes = js_sys::Array::of1(&js_sys::Uint8Array::from(warm.file.as_slice()));
    let Ok(file) = web_sys::File::new_with_u8_array_sequence(&bytes, "warm-up.age") else { return };
    let batch = vec![file; BATCH];
    let secret = age::secrecy::ExposeSecret::expose_secret(&warm.identity.to_string()).to_string();
    let pool = Pool::with(vec![warm.identity], secret);
    let keys = pool.keys(None);
    for _ in 0..WARM_UP_OPENS / BATCH {
        if WARM_UP.get() != WarmUpState::Running {
            return;
        }
        let (read, handovers) = read_and_send(&batch, &pool).await;
        for ((file, _), handed) in read.iter().zip(handovers.await) {
            // Without workers the page opens the files itself, so that is what is warmed.
            if pool.take(handed, "", Some(file)).is_none() {
                open_bytes(&keys, String::new(), None, &warm.file);
            }
        }
        files::next_tick().await;
    }
    WARM_UP.set(WarmUpState::Over);
}

/// Files in one message to a worker. A message per file cost the page and the worker more than
/// opening it; a [`CHUNK`] in a few messages still gives every worker its share.
const BATCH: usize = 25;

/// Reads a chunk of files and sends them to the workers at once, which decrypt, check and score
/// them; with their handovers to come.
async fn read_and_send(chunk: &[web_sys::File], pool: &Pool) -> (Vec<(web_sys::File, read::Read)>, impl std::future::Future<Output = Vec<Option<Handover>>>) {
    let read: Vec<_> = chunk.iter().cloned().zip(read::all_at_most(chunk, MAX_FILE_BYTES).await).collect();
    let bytes: Vec<&[u8]> = read.iter().filter_map(|(_, r)| if let read::Read::Bytes(b) = r { Some(b.as_slice()) } else { None }).collect();
    let handovers = pool.send(&bytes);
    (read, handovers)
}

async fn add_files(am: AmState, passphrase: String, picked: Vec<web_sys::File>) {
    WARM_UP.set(WarmUpState::Over);
    let pool = Pool::new(am);
    let keys = pool.keys(Some(&passphrase));
    let total = picked.len();
    // A file opened twice, or the same result encrypted twice, counts once: the list says so, and
    // the regional analysis (which counts opened results) never sees it.
    let mut seen: HashSet<[u8; 32]> = am.files.with_untracked(|l| l.iter().filter_map(|f| f.digest).collect());
    // Results listed whose file could not be read again to keep it (`kept::keep_opened`): opened
    // once more, the new file is kept for them.
    let mut to_keep_again: HashSet<[u8; 32]> =
        am.files.with_untracked(|l| l.iter().filter(|f| f.keepable && f.file.is_none() && f.kept.is_none()).filter_map(|f| f.digest).collect());
    let mut chunks = picked.chunks(CHUNK);
    let mut next = match chunks.next() {
        Some(chunk) => Some(read_and_send(chunk, &pool).await),
        None => None,
    };
    let mut done = 0;
    let mut lister = Lister::new();
    let run = am.cleared.get_value();
    while let Some((read, handovers)) = next.take() {
        // The next chunk is read and sent before this one is taken in: the workers open it while
        // this thread takes in the one before.
        next = match chunks.next() {
            Some(chunk) => Some(read_and_send(chunk, &pool).await),
            None => None,
        };
        let mut handovers = handovers.await.into_iter();
        for (file, read) in read {
            let name = file.name();
            // The bytes go once the file is opened: `OpenedFile::file` reads them again if need be.
            let mut f = match read {
                read::Read::Bytes(bytes) => match pool.take(handovers.next().flatten(), &name, Some(&file)) {
                    Some(f) => f,
                    None => open_file(&keys, name, Some(file), &bytes).await,
                },
                read::Read::Failed => open_file(&keys, name, None, &[]).await,
                read::Read::TooLarge => OpenedFile::new(name, None, Err(CryptoError::TooLarge.into())),
            };
            if let Some(d) = f.digest.filter(|d| seen.contains(d)) {
                if to_keep_again.remove(&d) {
                    am.files.update_untracked(|l| l.iter_mut().filter(|e| e.digest == Some(d)).for_each(|e| e.file = f.file.clone()));
                }
                f = OpenedFile::new(f.name, None, Err(OpenError::Duplicate));
            }
            seen.extend(f.digest);
            lister.push(f);
            done += 1;
        }
        if am.cleared.get_value() != run {
            break;
        }
        // Kept alongside, not waited for: writing to the device is mostly waiting for the disk.
        if lister.list(am, next.is_none()) {
            leptos::task::spawn_local(super::kept::keep_opened(am));
        }
        am.progress.set(Some((done.min(total), total)));
        files::next_tick().await;
    }
    am.progress.set(None);
}

fn wants_passphrase(outcome: &Result<vio_core::envelope::Opened, OpenError>) -> bool {
    matches!(outcome, Err(OpenError::Crypto(CryptoError::WrongPassphrase | CryptoError::WrongKind { is_passphrase: true })))
}

#[component]
pub fn OpenPanel() -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    let passphrase = RwSignal::new(String::new());
    let dragging = RwSignal::new(false);
    let pick = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        let picked = files::list(input.files());
        input.set_value("");
        leptos::task::spawn_local(add_files(am, passphrase.get_untracked(), picked));
    };
    let drop = move |e: leptos::ev::DragEvent| {
        e.prevent_default();
        dragging.set(false);
        let picked = files::list(e.data_transfer().and_then(|d| d.files()));
        leptos::task::spawn_local(add_files(am, passphrase.get_untracked(), picked));
    };
    let retry = move |_| {
        let p = passphrase.get_untracked();
        leptos::task::spawn_local(async move {
            let identities = am.identities();
            let keys = Keys { identities: &identities, passphrase: Some(&p) };
            let (serials, waiting): (Vec<u64>, Vec<web_sys::File>) =
                am.files.with_untracked(|l| l.iter().filter(|f| wants_passphrase(&f.outcome)).filter_map(|f| Some((f.serial, f.file.clone()?))).unzip());
            let mut gone = 0;
            for ((serial, file), bytes) in serials.into_iter().zip(waiting.iter()).zip(read::again(&waiting).await) {
                let Some(bytes) = bytes else {
                    gone += 1;
                    continue;
                };
                let opened = open_file(&keys, file.name(), Some(file.clone()), &bytes).await;
                am.files.update(|list| {
                    if let Some(f) = list.iter_mut().find(|f| f.serial == serial) {
                        *f = opened;
                    }
                });
            }
            if gone > 0 {
                am.files_note.set(Some(am.ui.am_fill(|u| &u.retry_gone, "n", &gone.to_string())));
            }
        });
    };
    let any_waiting = move || am.files.with(|l| l.iter().any(|f| wants_passphrase(&f.outcome)));
    view! {
        <section class="panel" aria-labelledby="open-title">
            <h2 id="open-title">{ui.am(|u| &u.am_open_title)}</h2>
            <Show when=move || am.identity().is_none()><p class="note">{ui.am(|u| &u.am_need_key)}</p></Show>
            <p>{ui.am(|u| &u.am_open_lead)}</p>
            <TextField id="file-passphrase" label=&AmTexts::get().am_file_passphrase value=passphrase kind="password"/>
            <div class=move || if dragging.get() { "dropzone dragging" } else { "dropzone" }
                on:dragover=move |e: leptos::ev::DragEvent| { e.prevent_default(); dragging.set(true); warm_up_once(); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=drop>
                <p aria-hidden="true">{ui.am(|u| &u.am_drop)}</p>
                <label class="button primary" for="result-files">{ui.am(|u| &u.am_choose_files)}</label>
                <input type="file" id="result-files" class="visually-hidden" multiple accept=".age,.txt,application/octet-stream,text/plain"
                    on:click=move |_| warm_up_once() on:change=pick/>
            </div>
            {move || am.progress.get().map(|(done, total)| view! {
                <p role="status"><progress max=total value=done></progress>" "{format!("{done} / {total}")}</p>
            })}
            <Show when=any_waiting>
                <p class="actions"><button type="button" class="button" on:click=retry>{ui.am(|u| &u.am_retry)}</button></p>
            </Show>
            <KeepChoice/>
            <FileList/>
        </section>
    }
}

/// Whether opened results are kept on this device, and for how long.
#[component]
fn KeepChoice() -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    let keeping = move || am.keyring.with(|k| k.keep_months.is_some());
    let toggle = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        leptos::task::spawn_local(async move {
            if input.checked() {
                am.change_keyring(|k| k.keep_months = Some(kept::months(am)));
                kept::keep_opened(am).await;
            } else if !kept::stop_keeping_if_confirmed(am).await {
                input.set_checked(true);
            }
        });
    };
    let period = move |e: leptos::ev::Event| {
        if let Ok(months) = event_target_value(&e).parse() {
            leptos::task::spawn_local(kept::set_period(am, months));
        }
    };
    let any_kept = move || am.files.with(|l| l.iter().any(|f| f.kept.is_some()));
    view! {
        <fieldset class="keep">
            <legend>{ui.am(|u| &u.keep_title)}</legend>
            <label class="option" for="keep-results">
                <input type="checkbox" id="keep-results" prop:checked=keeping on:change=toggle/>
                <span>{ui.am(|u| &u.keep_choice)}</span>
            </label>
            <p class="hint">{ui.am(|u| &u.keep_lead)}</p>
            <Show when=keeping>
                <label for="keep-period">{ui.am(|u| &u.keep_period)}</label>" "
                <select id="keep-period" on:change=period prop:value=move || kept::months(am).to_string()>
                    {vio_core::keep::RETENTION_MONTHS.map(|m| view! {
                        <option value=m.to_string() selected=move || am.keyring.with(|k| k.keep_months == Some(m))>{move || ui.am_fill(|u| &u.keep_months, "n", &m.to_string())}</option>
                    })}
                </select>
            </Show>
            <Show when=any_kept>
                <p class="actions"><button type="button" class="button" on:click=move |_| leptos::task::spawn_local(kept::remove_all_if_confirmed(am))>{ui.am(|u| &u.keep_remove_all)}</button></p>
            </Show>
        </fieldset>
    }
}

#[component]
fn FileList() -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    let page = am.files_page;
    let clear = move |_| {
        am.cleared.update_value(|n| *n += 1);
        am.files.set(Vec::new());
        page.set(0);
    };
    let shown = move || am.files.with(|l| files_on_page(l.len(), page.get()));
    view! {
        <Show when=move || am.files.with(|l| !l.is_empty())>
            <h3>{ui.am(|u| &u.am_files_title)}</h3>
            <FileSummary/>
            <FilePages page/>
            <ScrollBox label=Signal::derive(move || ui.am(|u| &u.am_files_title)().to_string())>
                <table class="files">
                    <thead><tr>
                        <th scope="col">{ui.am(|u| &u.am_file)}</th>
                        <th scope="col">{ui.am(|u| &u.am_completed_on)}</th>
                        <th scope="col">{ui.am(|u| &u.am_organisation)}</th>
                        <th scope="col">{ui.am(|u| &u.am_status)}</th>
                        <th scope="col">{ui.am(|u| &u.keep_until)}</th>
                    </tr></thead>
                    <tbody>
                        <For each=move || { let range = shown(); am.files.with(|l| l[range.clone()].iter().zip(range).map(|(f, i)| (i, f.serial)).collect::<Vec<_>>()) } key=|(_, serial)| *serial let:row>
                        // A row never changes for its serial: read the list untracked (only the language
                        // re-renders it), so adding files does not redraw the rows already there.
                        {move || { let lang = ui.lang(); am.files.with_untracked(|list| list.get(row.0).map(|f| { let i = row.0;
                            let (date, org, status) = match &f.outcome {
                                Ok(o) => (
                                    display_date(&o.envelope.completed_on, lang),
                                    o.envelope.organisation_name().map_or_else(|| ui.am(|u| &u.am_anonymous)().to_string(), str::to_string),
                                    view! { <a href=AmRoute::Employer(i).hash() aria-label=format!("{}: {}", ui.am(|u| &u.am_view)(), f.name)>{ui.am(|u| &u.am_view)}</a> }.into_any(),
                                ),
                                Err(e) => (String::new(), String::new(), view! { <span class="error">{e.message(lang)}</span> }.into_any()),
                            };
                            let kept = f.kept.as_ref().map(|k| { let on = k.on.clone();
                                let (serial, name) = (f.serial, f.name.clone());
                                let until = move || vio_core::keep::removal_date(&on, kept::months(am)).map(|d| display_date(&d, ui.lang())).unwrap_or_default();
                                view! {
                                    <span class="date">{until}</span>" "
                                    <button type="button" class="button" aria-label=move || format!("{}: {name}", ui.am(|u| &u.keep_remove)())
                                        on:click=move |_| leptos::task::spawn_local(kept::remove(am, serial))>{ui.am(|u| &u.keep_remove)}</button>
                                }
                            });
                            view! { <tr><td class="file mono">{f.name.clone()}</td><td class="date">{date}</td><td>{org}</td><td>{status}</td><td>{kept}</td></tr> }
                        })) }}
                        </For>
                    </tbody>
                </table>
            </ScrollBox>
            <p class="actions">
                <a class="button primary" href=AmRoute::Region.hash()>{ui.am(|u| &u.region_open)}</a>
                <button type="button" class="button" on:click=clear>{ui.am(|u| &u.am_clear_files)}</button>
            </p>
        </Show>
    }
}

/// How many of the listed files opened: with thousands of files, what did not open is otherwise
/// on a page of its own somewhere.
#[component]
fn FileSummary() -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    let summary = move || {
        let (n, opened) = am.files.with(|l| (l.len(), l.iter().filter(|f| f.outcome.is_ok()).count()));
        ui.am_fill(|u| &u.am_files_summary, "n", &n.to_string()).replace("{opened}", &opened.to_string()).replace("{failed}", &(n - opened).to_string())
    };
    view! { <p>{summary}</p> }
}

/// Which files the list shows, and the way to the others, when there are more than a page.
#[component]
fn FilePages(page: RwSignal<usize>) -> impl IntoView {
    let am = use_am();
    let ui = am.ui;
    let len = move || am.files.with(Vec::len);
    let shown = move || files_on_page(len(), page.get());
    let per_page = FILES_PER_PAGE.to_string();
    let step = move |forward: bool| {
        let range = shown();
        let first = if forward { range.end } else { range.start.saturating_sub(FILES_PER_PAGE) };
        page.set(first / FILES_PER_PAGE);
    };
    view! {
        <Show when=move || { len() > FILES_PER_PAGE }>
            <nav class="pages" aria-label=ui.am(|u| &u.am_files_pages)>
                <button type="button" class="button" disabled=move || shown().start == 0 on:click=move |_| step(false)>
                    {let n = per_page.clone(); move || ui.am_fill(|u| &u.am_files_previous, "n", &n)}
                </button>" "
                <span>{move || { let range = shown(); ui.am_fill(|u| &u.am_files_page, "from", &(range.start + 1).to_string()).replace("{to}", &range.end.to_string()).replace("{n}", &len().to_string()) }}</span>" "
                <button type="button" class="button" disabled=move || { shown().end >= len() } on:click=move |_| step(true)>
                    {let n = per_page.clone(); move || ui.am_fill(|u| &u.am_files_next, "n", &n)}
                </button>
            </nav>
        </Show>
    }
}
