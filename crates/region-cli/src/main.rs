//! `vio-region`: the regional analysis of the accountmanager's page, for an analyst with more files
//! than a browser tab holds comfortably. The same core opens, checks, counts once and aggregates
//! (`vio_core::open`, `vio_core::region`), with the same suppression, and writes the same CSV and
//! XLSX as the page's buttons; only reading files and using every core is this tool's own.
//!
//! ```text
//! vio-region --identity key.txt DIR [DIR|FILE …] [--csv out.csv] [--xlsx out.xlsx]
//!            [--sector S] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--lang nl|en] [--threads N]
//! ```
//!
//! `key.txt` is the accountmanager's plain backup (an age identity file; every key in it is tried).
//! Folders are read recursively. Exit status: 0 with tables, 1 when the selection is too small to
//! show, 2 for a usage or input error.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;
use vio_core::envelope::Opened;
use vio_core::open::{self, Keys, OpenError};
use vio_core::region::{self, Filter, Region};
use vio_core::{crypto, export, Lang, Questionnaire};

const USAGE: &str = "usage: vio-region --identity key.txt DIR [DIR|FILE …] [--csv out.csv] [--xlsx out.xlsx] \
[--sector S] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--lang nl|en] [--threads N]";

struct Options {
    identity: PathBuf,
    inputs: Vec<PathBuf>,
    csv: Option<PathBuf>,
    xlsx: Option<PathBuf>,
    sector: String,
    from: String,
    to: String,
    lang: Lang,
    threads: Option<usize>,
}

fn parse_options() -> Result<Options, lexopt::Error> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let (mut identity, mut inputs, mut csv, mut xlsx) = (None, Vec::new(), None, None);
    let (mut sector, mut from, mut to, mut lang, mut threads) = (String::new(), String::new(), String::new(), Lang::Nl, None);
    while let Some(arg) = parser.next()? {
        match arg {
            Long("identity") | Short('i') => identity = Some(PathBuf::from(parser.value()?)),
            Long("csv") => csv = Some(PathBuf::from(parser.value()?)),
            Long("xlsx") => xlsx = Some(PathBuf::from(parser.value()?)),
            Long("sector") => sector = parser.value()?.string()?,
            Long("from") => from = parser.value()?.string()?,
            Long("to") => to = parser.value()?.string()?,
            Long("lang") => {
                let code = parser.value()?.string()?;
                lang = Lang::from_code(&code).ok_or_else(|| format!("--lang: nl or en, not {code:?}"))?;
            }
            Long("threads") => threads = Some(parser.value()?.parse()?),
            Value(path) => inputs.push(PathBuf::from(path)),
            Long("help") | Short('h') => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            _ => return Err(arg.unexpected()),
        }
    }
    let identity = identity.ok_or("--identity key.txt is missing")?;
    if inputs.is_empty() {
        return Err("no folder or file of results given".into());
    }
    Ok(Options { identity, inputs, csv, xlsx, sector, from, to, lang, threads })
}

/// Every regular file under `inputs`, sorted, so a run's order (and its messages) never depends on
/// the file system.
fn files_under(inputs: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    fn walk(path: &Path, into: &mut Vec<PathBuf>) -> std::io::Result<()> {
        if path.is_dir() {
            for entry in std::fs::read_dir(path)? {
                let entry = entry?.path();
                if !entry.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')) {
                    walk(&entry, into)?;
                }
            }
        } else {
            into.push(path.to_path_buf());
        }
        Ok(())
    }
    let mut files = Vec::new();
    for input in inputs {
        walk(input, &mut files)?;
    }
    files.sort();
    Ok(files)
}

/// Opens one file as the page does, but refuses one above the size limit before reading it.
fn open_file(path: &Path, keys: &Keys, q: &Questionnaire) -> Result<Opened, Problem> {
    let size = std::fs::metadata(path).map_err(Problem::Io)?.len();
    if size > crypto::MAX_FILE_BYTES as u64 {
        return Err(Problem::Open(OpenError::Crypto(crypto::CryptoError::TooLarge)));
    }
    let bytes = std::fs::read(path).map_err(Problem::Io)?;
    open::open_result(&bytes, keys, q).map(|(opened, _)| opened).map_err(Problem::Open)
}

enum Problem {
    Io(std::io::Error),
    Open(OpenError),
}

fn main() -> ExitCode {
    let options = match parse_options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("vio-region: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(options: &Options) -> Result<ExitCode, String> {
    let lang = options.lang;
    let q = Questionnaire::vio();
    let identity_text = std::fs::read_to_string(&options.identity).map_err(|e| format!("{}: {e}", options.identity.display()))?;
    let identities = crypto::parse_identities(&identity_text).map_err(|_| format!("{}: no AGE-SECRET-KEY-… line", options.identity.display()))?;
    let filter = Filter::from_input(&options.sector, &options.from, &options.to).ok_or("--from and --to: a date as YYYY-MM-DD")?;
    let files = files_under(&options.inputs).map_err(|e| e.to_string())?;
    if let Some(threads) = options.threads {
        rayon::ThreadPoolBuilder::new().num_threads(threads).build_global().map_err(|e| e.to_string())?;
    }

    let keys = Keys { identities: &identities, passphrase: None };
    let outcomes: Vec<Result<Opened, Problem>> = files.par_iter().map(|path| open_file(path, &keys, q)).collect();
    // A result handed over twice (the same file twice, or a copy under another name) counts once,
    // as on the page.
    let mut seen = std::collections::HashSet::new();
    let (mut results, mut refused, mut duplicates) = (Vec::new(), 0usize, 0usize);
    for (path, outcome) in files.iter().zip(outcomes) {
        match outcome {
            Ok(opened) if seen.insert(open::result_digest(&opened)) => results.push(opened),
            Ok(_) => duplicates += 1,
            Err(problem) => {
                refused += 1;
                let message = match problem {
                    Problem::Io(e) => e.to_string(),
                    Problem::Open(e) => e.message(lang),
                };
                eprintln!("{}: {message}", path.display());
            }
        }
    }
    eprintln!("{} opened, {duplicates} counted once already, {refused} not opened", results.len());

    let indicator_ids: Vec<String> = q.indicators().map(|i| i.id.to_string()).collect();
    let tables = match region::aggregate(&results, &filter, q, &indicator_ids) {
        Region::Tables(t) => t,
        Region::TooFew | Region::CloseToEarlier => {
            eprintln!("{}", vio_core::ui::AmTexts::get().region_too_few.get(lang));
            return Ok(ExitCode::from(1));
        }
    };
    if let Some(path) = &options.csv {
        std::fs::write(path, export::to_csv(&tables, q, lang)).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if let Some(path) = &options.xlsx {
        let bytes = export::to_xlsx(&tables, q, lang).map_err(|e| e.to_string())?;
        std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if options.csv.is_none() && options.xlsx.is_none() {
        print!("{}", export::to_csv(&tables, q, lang));
    }
    Ok(ExitCode::SUCCESS)
}
