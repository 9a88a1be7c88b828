//! What the accountmanager's page stores in this browser's IndexedDB: the kept result files and the
//! accountmanager's notes, both encrypted before they get here. One record per thing, so a tab only
//! adds or removes records and never writes a stale list over another tab's.

use idb::{Database, DatabaseEvent, Factory, KeyRange, ObjectStoreParams, Query, TransactionMode, TransactionResult};
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

const DATABASE: &str = "vio-accountmanager";
/// 1: kept results. 2: the accountmanager's notes. 3: results marked as one employer.
const VERSION: u32 = 3;

#[derive(Clone, Copy)]
pub enum Store {
    KeptResults,
    EmployerNotes,
    /// `vio_core::compare::link_key`s of results the accountmanager marked as one employer.
    EmployerLinks,
}

impl Store {
    const ALL: [Store; 3] = [Store::KeptResults, Store::EmployerNotes, Store::EmployerLinks];

    fn name(self) -> &'static str {
        match self {
            Store::KeptResults => "kept-results",
            Store::EmployerNotes => "employer-notes",
            Store::EmployerLinks => "employer-links",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DeviceError {
    /// The browser's storage for this site is full.
    Full,
    /// This browser does not allow IndexedDB here (a private window, a policy), or it failed.
    Blocked,
}

impl From<idb::Error> for DeviceError {
    fn from(e: idb::Error) -> DeviceError {
        // The browser says "full" only in the exception's name; the idb crate wraps it in a dozen
        // variants, one per operation.
        if format!("{e:?}").contains("QuotaExceededError") {
            DeviceError::Full
        } else {
            DeviceError::Blocked
        }
    }
}

/// A record: its id, text fields, and the encrypted bytes under `bytes`.
pub fn record(id: &str, texts: &[(&str, &str)], bytes: &[u8]) -> Object {
    let record = Object::new();
    let fields = [("id", JsValue::from_str(id)), ("bytes", Uint8Array::from(bytes).into())];
    for (field, value) in fields.into_iter().chain(texts.iter().map(|(f, t)| (*f, JsValue::from_str(t)))) {
        let _ = Reflect::set(&record, &JsValue::from_str(field), &value);
    }
    record
}

pub fn text(record: &JsValue, field: &str) -> Option<String> {
    Reflect::get(record, &JsValue::from_str(field)).ok()?.as_string()
}

pub fn bytes(record: &JsValue) -> Option<Vec<u8>> {
    Some(Reflect::get(record, &JsValue::from_str("bytes")).ok()?.dyn_into::<Uint8Array>().ok()?.to_vec())
}

async fn database() -> Result<Database, DeviceError> {
    let mut request = Factory::new()?.open(DATABASE, Some(VERSION))?;
    request.on_upgrade_needed(|event| {
        if let Ok(db) = event.database() {
            let there = db.store_names();
            for store in Store::ALL.into_iter().filter(|s| !there.iter().any(|n| n == s.name())) {
                // Keys out of line (the record's id is also inside it, for reading all at once).
                let _ = db.create_object_store(store.name(), ObjectStoreParams::new());
            }
        }
    });
    Ok(request.await?)
}

/// Runs `work` on a store in one transaction and waits until it is written: a thing counts as
/// stored only once the browser has committed it.
async fn in_transaction(store: Store, work: impl FnOnce(&idb::ObjectStore) -> Result<(), idb::Error>) -> Result<(), DeviceError> {
    let db = database().await?;
    let transaction = db.transaction(&[store.name()], TransactionMode::ReadWrite)?;
    work(&transaction.object_store(store.name())?)?;
    let outcome = transaction.await?;
    db.close();
    match outcome {
        TransactionResult::Committed => Ok(()),
        TransactionResult::Aborted => Err(DeviceError::Full),
    }
}

pub async fn put_all(store: Store, records: &[Object]) -> Result<(), DeviceError> {
    in_transaction(store, |s| {
        for r in records {
            let id = Reflect::get(r, &JsValue::from_str("id")).unwrap_or_default();
            // Not awaited one by one: the transaction's commit says whether all were written.
            drop(s.put(r, Some(&id))?);
        }
        Ok(())
    })
    .await
}

pub async fn delete(store: Store, ids: &[String]) -> Result<(), DeviceError> {
    in_transaction(store, |s| {
        for id in ids {
            drop(s.delete(Query::Key(JsValue::from_str(id)))?);
        }
        Ok(())
    })
    .await
}

pub async fn delete_all(store: Store) -> Result<(), DeviceError> {
    in_transaction(store, |s| s.clear().map(drop)).await
}

pub async fn get(store: Store, id: &str) -> Result<Option<JsValue>, DeviceError> {
    let db = database().await?;
    let transaction = db.transaction(&[store.name()], TransactionMode::ReadOnly)?;
    let found = transaction.object_store(store.name())?.get(Query::Key(JsValue::from_str(id)))?.await?;
    db.close();
    Ok(found)
}

pub async fn count(store: Store) -> Result<u32, DeviceError> {
    let db = database().await?;
    let transaction = db.transaction(&[store.name()], TransactionMode::ReadOnly)?;
    let n = transaction.object_store(store.name())?.count(None)?.await?;
    db.close();
    Ok(n)
}

/// At most `limit` records whose ids come after `after`, in the order of their ids. In pages, not
/// all at once: the browser turns the records it reads back into objects on the page's thread, and
/// 10,000 kept results (175 MB) froze it for 2.9 s in one task.
pub async fn get_page(store: Store, after: Option<&str>, limit: u32) -> Result<Vec<JsValue>, DeviceError> {
    let db = database().await?;
    let transaction = db.transaction(&[store.name()], TransactionMode::ReadOnly)?;
    let after = after.map(|id| KeyRange::lower_bound(&JsValue::from_str(id), Some(true))).transpose()?.map(Query::KeyRange);
    let records = transaction.object_store(store.name())?.get_all(after, Some(limit))?.await?;
    db.close();
    Ok(records)
}

pub async fn get_all(store: Store) -> Result<Vec<JsValue>, DeviceError> {
    let db = database().await?;
    let transaction = db.transaction(&[store.name()], TransactionMode::ReadOnly)?;
    let records = transaction.object_store(store.name())?.get_all(None, None)?.await?;
    db.close();
    Ok(records)
}
