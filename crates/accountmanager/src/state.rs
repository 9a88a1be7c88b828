//! The accountmanager's state: the keyring, persisted on every change through the core's store, and the
//! result files opened (decrypted answers live in memory only; what the accountmanager keeps on this
//! device is the encrypted file, `kept`).

use leptos::prelude::*;
use vio_core::envelope::Opened;
use vio_core::open::OpenError;
use vio_core::store::{self, Keyring, LoadNote, StorageError, KEYRING_KEY};
use vio_core::Lang;
use vio_ui::browser_storage::BrowserStorage;
use vio_ui::i18n::Ui;
use vio_ui::router::{self, Screen};

#[derive(Clone, Debug, PartialEq)]
pub enum AmRoute {
    Home,
    Poster,
    Employer(usize),
    /// Two opened results side by side (indices into the list of opened files).
    Compare(usize, usize),
    Region,
}

impl Screen for AmRoute {
    fn parse(hash: &str) -> AmRoute {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        match path.split_once('/') {
            Some(("werkgever", n)) => n.parse().map_or(AmRoute::Home, AmRoute::Employer),
            Some(("vergelijk", pair)) => {
                pair.split_once('/').and_then(|(a, b)| Some(AmRoute::Compare(a.parse().ok()?, b.parse().ok()?))).unwrap_or(AmRoute::Home)
            }
            _ if path == "poster" => AmRoute::Poster,
            _ if path == "regio" => AmRoute::Region,
            _ => AmRoute::Home,
        }
    }

    fn hash(&self) -> String {
        match self {
            AmRoute::Home => "#/".into(),
            AmRoute::Poster => "#/poster".into(),
            AmRoute::Employer(n) => format!("#/werkgever/{n}"),
            AmRoute::Compare(a, b) => format!("#/vergelijk/{a}/{b}"),
            AmRoute::Region => "#/regio".into(),
        }
    }
}

/// One file the accountmanager opened, with what came of it.
#[derive(Clone)]
pub struct OpenedFile {
    /// Unique per outcome (a retry gets a new one), so the file list re-renders only what changed.
    pub serial: u64,
    pub name: String,
    /// The browser's handle on the file picked or dropped, read again to keep it on this device later
    /// or to try another passphrase (`None`: restored from this device, or refused before it was
    /// read). Not its bytes: kept for every file, they were 16 KB of the 27 KB each opened file held
    /// in the page's memory (`bench/regional`), and they are rarely needed again.
    pub file: Option<web_sys::File>,
    pub outcome: Result<Opened, OpenError>,
    /// What makes another file the same result (`vio_core::open::result_digest`), for an opened one.
    pub digest: Option<[u8; 32]>,
    /// The check code of the key that opened it (`None`: a passphrase, or not opened).
    pub key_code: Option<String>,
    /// Opened, and by what `vio_core::keep::worth_keeping` keeps.
    pub keepable: bool,
    /// Kept on this device (`None`: open in this session only).
    pub kept: Option<Kept>,
}

/// Where and since when a file is kept on this device.
#[derive(Clone)]
pub struct Kept {
    /// The record's id (`kept`).
    pub id: String,
    /// `JJJJ-MM-DD`; the retention period runs from here.
    pub on: String,
}

static SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn next_serial() -> u64 {
    SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl OpenedFile {
    pub fn new(name: String, file: Option<web_sys::File>, outcome: Result<Opened, OpenError>) -> OpenedFile {
        // Only an opened result makes a later file a duplicate: a file refused for want of the
        // right key must open once the key is there.
        let digest = outcome.as_ref().ok().map(vio_core::open::result_digest);
        OpenedFile::listed(name, file, outcome, digest)
    }

    /// A result a worker opened (`vio_core::open::Handover`) with the key whose check code is
    /// `key_code`; the worker computed its digest, so it is not computed again here.
    pub fn handed_over(name: String, file: Option<web_sys::File>, handed: vio_core::open::Handover, key_code: Option<String>) -> OpenedFile {
        let with = vio_core::open::OpenedWith::Key(handed.key);
        let digest = Some(handed.digest);
        OpenedFile { key_code, keepable: vio_core::keep::worth_keeping(with), ..OpenedFile::listed(name, file, Ok(handed.opened()), digest) }
    }

    fn listed(name: String, file: Option<web_sys::File>, outcome: Result<Opened, OpenError>, digest: Option<[u8; 32]>) -> OpenedFile {
        OpenedFile { serial: next_serial(), name, file, outcome, digest, key_code: None, keepable: false, kept: None }
    }

    /// Kept on this device, or no longer (`None`); a new serial, so its row is drawn again.
    pub fn set_kept(&mut self, kept: Option<Kept>) {
        self.kept = kept;
        self.serial = next_serial();
    }
}

#[derive(Clone, Copy)]
pub struct AmState {
    pub keyring: RwSignal<Keyring>,
    pub files: RwSignal<Vec<OpenedFile>, LocalStorage>,
    pub route: RwSignal<AmRoute>,
    /// The page of the file list shown (`vio_core::open::files_on_page`), kept while the
    /// accountmanager looks at one of its results and comes back.
    pub files_page: RwSignal<usize>,
    /// Files opened so far of those handed over, while a batch is being opened.
    pub progress: RwSignal<Option<(usize, usize)>>,
    /// How often the list was cleared: files still opening when the accountmanager clears it stop
    /// there, instead of filling the list again.
    pub cleared: StoredValue<u64>,
    /// Whether opened files are being written to this device now (`kept::keep_opened`).
    pub keeping: StoredValue<bool>,
    pub problem: RwSignal<Option<&'static str>>,
    /// A stored keyring that could not be read: kept aside under this key, or left in place.
    pub unreadable: RwSignal<Option<LoadNote>>,
    /// What happened to opened or kept files that the accountmanager must know (expired and removed,
    /// not kept for want of storage, moved since they were opened).
    pub files_note: RwSignal<Option<String>>,
    /// The regional views shown in this session (`vio_core::region::Audit`): kept here, not in the
    /// regional screen, so leaving it and coming back does not forget them.
    pub audit: StoredValue<vio_core::region::Audit>,
    pub ui: Ui,
}

impl AmState {
    pub fn new() -> AmState {
        let (keyring, note, problem) = match store::load_keyring(&mut BrowserStorage::open()) {
            Ok((k, note)) => (k, note, None),
            Err(e) => (Keyring::default(), LoadNote::Fresh, Some(e)),
        };
        let keyring = RwSignal::new(keyring);
        let ui = Ui::provide(Signal::derive(move || keyring.with(|k| k.lang)));
        let am = AmState {
            keyring,
            files: RwSignal::new_local(Vec::new()),
            route: router::follow(),
            files_page: RwSignal::new(0),
            progress: RwSignal::new(None),
            cleared: StoredValue::new(0),
            keeping: StoredValue::new(false),
            problem: RwSignal::new(None),
            unreadable: RwSignal::new(matches!(note, LoadNote::KeptAside(_) | LoadNote::LeftInPlace).then_some(note)),
            files_note: RwSignal::new(None),
            audit: StoredValue::new(Default::default()),
            ui,
        };
        am.show_storage_problem(problem);
        // Another tab created, restored or removed a key: show what is stored now.
        let _ = window_event_listener(leptos::ev::storage, move |e| {
            if e.key().as_deref() == Some(KEYRING_KEY) {
                if let Ok((k, _)) = store::load_keyring(&mut BrowserStorage::open()) {
                    am.keyring.set(k);
                }
            }
        });
        am
    }

    pub fn set_lang(&self, lang: Lang) {
        self.change_keyring(|k| k.lang = lang);
    }

    /// Changes the keyring as stored now (another tab may have changed it since this one read it) and
    /// saves it at once. A change that could not be saved is reported, because it would be gone after a
    /// reload, and still shown, so a new key can be backed up before the tab closes.
    pub fn change_keyring(&self, change: impl Fn(&mut Keyring)) {
        match store::change_keyring(&mut BrowserStorage::open(), &change) {
            Ok(k) => {
                self.keyring.set(k);
                self.show_storage_problem(None);
            }
            Err(e) => {
                self.keyring.update(change);
                self.show_storage_problem(Some(e));
            }
        }
    }

    /// A new key, made here, becomes the key in use; the keys before it stay (files already sent to
    /// them must still open).
    pub fn add_new_key(&self, name: Option<String>) {
        let secret = vio_core::crypto::identity_file(&age::x25519::Identity::generate(), &vio_ui::files::today());
        self.change_keyring(|k| {
            k.add(secret.clone());
            if let Some(name) = &name {
                k.name = name.clone();
            }
        });
    }

    /// Removes a key after the accountmanager confirmed it: files sent to it will no longer open here.
    pub fn remove_key_if_confirmed(&self, public: &str) {
        if window().confirm_with_message(self.ui.am(|u| &u.am_confirm_delete_key)()).unwrap_or(false) {
            self.change_keyring(|k| k.remove(public));
        }
    }

    fn show_storage_problem(&self, e: Option<StorageError>) {
        self.problem.set(e.map(|e| match e {
            StorageError::Blocked => self.ui.am(|u| &u.am_storage_blocked)(),
            StorageError::Full => self.ui.am(|u| &u.am_storage_full)(),
        }));
    }

    /// The key in use: the one share links and the poster carry.
    pub fn identity(&self) -> Option<age::x25519::Identity> {
        self.keyring.with(|k| k.current().and_then(|s| vio_core::crypto::parse_identity(s).ok()))
    }

    /// Every key this browser has had, oldest first: each still opens the files encrypted to it.
    pub fn identities(&self) -> Vec<age::x25519::Identity> {
        self.keyring.with(|k| k.identities.iter().filter_map(|s| vio_core::crypto::parse_identity(s).ok()).collect())
    }
}

pub fn use_am() -> AmState {
    expect_context::<AmState>()
}
