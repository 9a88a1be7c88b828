//! Results kept on this device: each encrypted file as it was handed over, one record per file
//! (`device`) under the digest of its bytes. Which results are kept, and for how long, is
//! `vio_core::keep`'s; this module stores them and keeps the opened list in step.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use vio_core::keep;
use vio_ui::files;

use super::device::{self, DeviceError, Store};
use super::open::{open_bytes, Lister, Pool};
use super::read;
use super::state::{AmState, Kept, OpenedFile};

/// One kept file: the encrypted bytes, never what they say.
struct KeptFile {
    /// Hex of `vio_core::open::file_digest` of the bytes.
    id: String,
    name: String,
    /// `JJJJ-MM-DD`; the retention period runs from here.
    kept_on: String,
    bytes: Vec<u8>,
}

fn id_of(bytes: &[u8]) -> String {
    vio_core::open::file_digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

async fn put_all(files: &[KeptFile]) -> Result<(), DeviceError> {
    let records: Vec<_> = files.iter().map(|f| device::record(&f.id, &[("name", &f.name), ("keptOn", &f.kept_on)], &f.bytes)).collect();
    device::put_all(Store::KeptResults, &records).await
}

async fn delete(ids: &[String]) -> Result<(), DeviceError> {
    device::delete(Store::KeptResults, ids).await
}

async fn delete_all() -> Result<(), DeviceError> {
    device::delete_all(Store::KeptResults).await
}

/// Kept files in the order of their ids, at most [`super::open::CHUNK`] after `after`. A record this
/// page cannot read (written by hand, or by a later version) is left where it is and not listed.
async fn page_after(after: Option<&str>) -> Result<(Vec<KeptFile>, Option<String>), DeviceError> {
    let records = device::get_page(Store::KeptResults, after, super::open::CHUNK as u32).await?;
    let last = records.last().and_then(|r| device::text(r, "id"));
    let files = records
        .iter()
        .filter_map(|r| {
            Some(KeptFile { id: device::text(r, "id")?, name: device::text(r, "name")?, kept_on: device::text(r, "keptOn")?, bytes: device::bytes(r)? })
        })
        .collect();
    Ok((files, last))
}

/// The retention period in force: the accountmanager's choice, or the default for records found
/// while keeping is off (another tab's, or left by a failed removal).
pub fn months(am: AmState) -> u32 {
    am.keyring.with_untracked(|k| k.keep_months).unwrap_or(keep::DEFAULT_RETENTION_MONTHS)
}

/// On opening the page: removes what is past its period (and says so), and opens the rest with
/// the keys this browser has and adds them to the list, as if they had just been handed over. Read
/// a page at a time, and each page opened before the next is read.
pub async fn restore(am: AmState) {
    let first = match device::count(Store::KeptResults).await {
        Ok(0) => return,
        Ok(total) => page_after(None).await.map(|first| (first, total as usize)),
        Err(e) => Err(e),
    };
    let (first, total) = match first {
        Ok(first) => first,
        // Said only to an accountmanager who chose to keep results: to anyone else it is noise.
        Err(e) if am.keyring.with_untracked(|k| k.keep_months.is_some()) => return report(am, e, 0),
        Err(_) => return,
    };
    let today = files::today();
    // Opened in the pool of workers, like files handed over: thousands of kept results must not
    // hold up the page they are restored into.
    let pool = Pool::new(am);
    let keys = pool.keys(None);
    // A result listed already (opened in this visit before the restore ended) is not listed twice.
    // Told by the digest the worker computes anyway, not by hashing every kept file here first.
    let mut seen: HashSet<[u8; 32]> = am.files.with_untracked(|l| l.iter().filter_map(|f| f.digest).collect());
    let mut lister = Lister::new();
    let mut expired = Vec::new();
    let mut done = 0;
    let run = am.cleared.get_value();
    let mut next = Some(first);
    while let Some((page, last)) = next.take() {
        let (past, current): (Vec<KeptFile>, Vec<KeptFile>) = page.into_iter().partition(|f| keep::is_expired(&f.kept_on, months(am), &today));
        let past_count = past.len();
        expired.extend(past.into_iter().map(|f| f.id));
        // The next page is asked for while the workers open this one.
        let handovers = pool.send(&current.iter().map(|f| f.bytes.as_slice()).collect::<Vec<_>>());
        next = match last {
            None => None,
            Some(last) => match page_after(Some(&last)).await {
                Ok((page, _)) if page.is_empty() => None,
                Ok(page) => Some(page),
                Err(e) => {
                    report(am, e, 0);
                    None
                }
            },
        };
        let opened = current.len();
        for (f, handed) in current.into_iter().zip(handovers.await) {
            let mut file = pool.take(handed, &f.name, None).unwrap_or_else(|| open_bytes(&keys, f.name.clone(), None, &f.bytes));
            if file.digest.is_some_and(|d| seen.contains(&d)) {
                continue;
            }
            seen.extend(file.digest);
            file.kept = Some(Kept { id: f.id, on: f.kept_on });
            lister.push(file);
        }
        if am.cleared.get_value() != run {
            break;
        }
        lister.list(am, next.is_none());
        done += opened + past_count;
        am.progress.set(Some((done.min(total), total)));
        files::next_tick().await;
    }
    am.progress.set(None);
    remove_expired(am, expired).await;
}

async fn remove_expired(am: AmState, ids: Vec<String>) {
    if ids.is_empty() {
        return;
    }
    match delete(&ids).await {
        Ok(()) => {
            let n = ids.len().to_string();
            let note = am.ui.am_fill(|u| &u.keep_expired, "n", &n).replace("{months}", &months(am).to_string());
            am.files_note.set(Some(note));
        }
        Err(e) => report(am, e, 0),
    }
}

/// Files written to this device in one transaction. Each file is read again and its id is a digest
/// of its bytes, and the browser copies each record on the page's thread as it is put: in batches,
/// no one task grows with the number of files opened meanwhile.
const KEEP_BATCH: usize = 100;

/// Keeps every opened file worth keeping that is not kept yet, if the accountmanager keeps results,
/// [`KEEP_BATCH`] at a time. One call at a time does it: a call while another runs leaves its files
/// to that one, which takes what is listed meanwhile too.
///
/// Each file is read again from where it was picked (`read::again`); one moved, deleted or changed
/// since is not kept, and the accountmanager is told to open it again.
pub async fn keep_opened(am: AmState) {
    let keeping = move || am.keyring.with_untracked(|k| k.keep_months.is_some());
    if !keeping() || am.keeping.get_value() {
        return;
    }
    am.keeping.set_value(true);
    let unkept = |f: &&OpenedFile| f.keepable && f.kept.is_none() && f.file.is_some();
    let mut gone = 0;
    while keeping() {
        let kept_on = files::today();
        let (serials, picked): (Vec<u64>, Vec<web_sys::File>) =
            am.files.with_untracked(|l| l.iter().filter(unkept).take(KEEP_BATCH).filter_map(|f| Some((f.serial, f.file.clone()?))).unzip());
        if picked.is_empty() {
            break;
        }
        let mut records = Vec::new();
        let mut unreadable = HashSet::new();
        for ((serial, file), bytes) in serials.into_iter().zip(&picked).zip(read::again(&picked).await) {
            match bytes {
                Some(bytes) => records.push((serial, KeptFile { id: id_of(&bytes), name: file.name(), kept_on: kept_on.clone(), bytes })),
                None => {
                    unreadable.insert(serial);
                }
            }
        }
        if !unreadable.is_empty() {
            gone += unreadable.len();
            // Not tried again: the handle will not read now either. Untracked: no row shows it.
            am.files.update_untracked(|l| l.iter_mut().filter(|f| unreadable.contains(&f.serial)).for_each(|f| f.file = None));
        }
        let (serials, records): (Vec<u64>, Vec<KeptFile>) = records.into_iter().unzip();
        match put_all(&records).await {
            // Not if keeping was switched off meanwhile: that removed these from the device again.
            Ok(()) if keeping() => {
                let mut kept: HashMap<u64, Kept> = serials.into_iter().zip(records).map(|(serial, r)| (serial, Kept { id: r.id, on: r.kept_on })).collect();
                am.files.update(|l| {
                    for f in l.iter_mut() {
                        if let Some(k) = kept.remove(&f.serial) {
                            f.set_kept(Some(k));
                        }
                    }
                });
            }
            Ok(()) => break,
            Err(e) => {
                report(am, e, am.files.with_untracked(|l| l.iter().filter(unkept).count()));
                break;
            }
        }
    }
    am.keeping.set_value(false);
    if gone > 0 {
        am.files_note.set(Some(am.ui.am_fill(|u| &u.keep_gone, "n", &gone.to_string())));
    }
}

/// Removes one kept file from this device and from the list.
pub async fn remove(am: AmState, serial: u64) {
    let Some(id) = am.files.with_untracked(|l| l.iter().find(|f| f.serial == serial).and_then(|f| Some(f.kept.as_ref()?.id.clone()))) else { return };
    match delete(&[id]).await {
        Ok(()) => am.files.update(|l| l.retain(|f| f.serial != serial)),
        Err(e) => report(am, e, 0),
    }
}

/// Removes every kept file from this device, after the accountmanager confirmed `question`; the
/// serials of the files that were kept, or `None` when nothing was removed.
async fn delete_all_if_confirmed(am: AmState, question: fn(&vio_core::ui::AmTexts) -> &vio_core::text::Text) -> Option<HashSet<u64>> {
    let kept: HashSet<u64> = am.files.with_untracked(|l| l.iter().filter(|f| f.kept.is_some()).map(|f| f.serial).collect());
    if !kept.is_empty() && !window().confirm_with_message(&am.ui.am_fill(question, "n", &kept.len().to_string())).unwrap_or(false) {
        return None;
    }
    match delete_all().await {
        Ok(()) => Some(kept),
        Err(e) => {
            report(am, e, 0);
            None
        }
    }
}

/// "Remove all": the kept files leave this device and the list; new ones are still kept.
pub async fn remove_all_if_confirmed(am: AmState) {
    if let Some(kept) = delete_all_if_confirmed(am, |u| &u.keep_confirm_remove_all).await {
        am.files.update(|l| l.retain(|f| !kept.contains(&f.serial)));
    }
}

/// Keeping switched off: the kept files leave this device but stay open until the page closes.
/// `false` when the accountmanager changed their mind or the removal failed (keeping stays on).
pub async fn stop_keeping_if_confirmed(am: AmState) -> bool {
    let Some(kept) = delete_all_if_confirmed(am, |u| &u.keep_confirm_stop).await else { return false };
    am.files.update(|l| l.iter_mut().filter(|f| kept.contains(&f.serial)).for_each(|f| f.set_kept(None)));
    am.change_keyring(|k| k.keep_months = None);
    true
}

/// A new period applies to what is kept already: what is past it now goes at once.
pub async fn set_period(am: AmState, new_months: u32) {
    am.change_keyring(|k| k.keep_months = Some(new_months));
    let today = files::today();
    let (serials, ids): (HashSet<u64>, Vec<String>) = am.files.with_untracked(|l| {
        l.iter().filter_map(|f| f.kept.as_ref().filter(|k| keep::is_expired(&k.on, new_months, &today)).map(|k| (f.serial, k.id.clone()))).unzip()
    });
    if !ids.is_empty() {
        am.files.update(|l| l.retain(|f| !serials.contains(&f.serial)));
        remove_expired(am, ids).await;
    }
}

/// Tells the accountmanager what failed; `not_kept` files were opened but could not be kept.
fn report(am: AmState, e: DeviceError, not_kept: usize) {
    let note = match e {
        DeviceError::Full => am.ui.am_fill(|u| &u.keep_full, "n", &not_kept.to_string()),
        DeviceError::Blocked => am.ui.am(|u| &u.keep_blocked)().to_string(),
    };
    am.files_note.set(Some(note));
}
