//! Reading many picked or dropped result files at once, each only up to a limit.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// What reading a picked or dropped file gave.
pub enum Read {
    Bytes(Vec<u8>),
    /// More than the limit: reading stopped there.
    TooLarge,
    Failed,
}

/// Reads `file` through its stream, and stops once it holds more than `max` bytes: a 2 GB file is
/// never loaded into memory, and its size is never asked. (In Chromium `File.size`, `Blob.slice`
/// and `arrayBuffer()` each cost the page a synchronous round trip to the browser per file, about
/// half a millisecond, more than reading a small file; `stream()` a fiftieth of that.)
async fn read_at_most(file: &web_sys::File, max: usize) -> Read {
    let reader: web_sys::ReadableStreamDefaultReader = file.stream().get_reader().unchecked_into();
    let mut bytes = Vec::new();
    loop {
        let Ok(chunk) = JsFuture::from(reader.read()).await else { return Read::Failed };
        let chunk: web_sys::ReadableStreamReadResult = chunk.unchecked_into();
        if chunk.get_done() == Some(true) {
            return Read::Bytes(bytes);
        }
        let Ok(part) = chunk.get_value().dyn_into::<js_sys::Uint8Array>() else { return Read::Failed };
        if bytes.len() + part.length() as usize > max {
            let _ = reader.cancel();
            return Read::TooLarge;
        }
        // Copied once, from the browser's buffer straight into the file's.
        let at = bytes.len();
        bytes.resize(at + part.length() as usize, 0);
        part.copy_to(&mut bytes[at..]);
    }
}

/// Many files at once, each as [`read_at_most`]. All reads are requested together: one after the
/// other, each would wait for the disk on its own, which made opening a thousand files mostly waiting.
pub async fn all_at_most(files: &[web_sys::File], max: usize) -> Vec<Read> {
    futures::future::join_all(files.iter().map(|f| read_at_most(f, max))).await
}

/// Files opened earlier (`OpenedFile::file`) read again, as [`all_at_most`]: `None` for one moved,
/// deleted or changed since. A changed file cannot be read (the File API's snapshot rule), so what
/// comes back is never other bytes than were opened.
pub async fn again(files: &[web_sys::File]) -> Vec<Option<Vec<u8>>> {
    let read = all_at_most(files, vio_core::crypto::MAX_FILE_BYTES).await;
    read.into_iter().map(|r| if let Read::Bytes(bytes) = r { Some(bytes) } else { None }).collect()
}
