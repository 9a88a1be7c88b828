//! localStorage behind the core's `KeyValue` trait. Blocked storage (the browser refuses access) and
//! full storage (QuotaExceededError) become the core's `StorageError`, never a panic.

use gloo_storage::{LocalStorage, Storage};
use vio_core::store::{KeyValue, StorageError};

pub struct BrowserStorage {
    available: bool,
}

impl BrowserStorage {
    pub fn open() -> Self {
        // gloo-storage throws when access is refused; ask the browser first.
        let available = web_sys::window().is_some_and(|w| matches!(w.local_storage(), Ok(Some(_))));
        BrowserStorage { available }
    }
}

impl KeyValue for BrowserStorage {
    fn read(&self, key: &str) -> Result<Option<String>, StorageError> {
        if !self.available {
            return Err(StorageError::Blocked);
        }
        LocalStorage::raw().get_item(key).map_err(|_| StorageError::Blocked)
    }

    fn write(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        if !self.available {
            return Err(StorageError::Blocked);
        }
        LocalStorage::raw().set_item(key, value).map_err(|_| StorageError::Full)
    }
}

/// A `data:` link to download what is stored under `key` (data kept aside because it could not be
/// read). Not a blob download: the start screen's wasm then needs no Blob code for a notice that is
/// rarely shown, and it is the user's own data, never sent anywhere.
pub fn download_href(key: &str) -> String {
    let data = BrowserStorage::open().read(key).ok().flatten().unwrap_or_default();
    format!("data:application/json;charset=utf-8,{}", percent_encoding::utf8_percent_encode(&data, percent_encoding::NON_ALPHANUMERIC))
}
