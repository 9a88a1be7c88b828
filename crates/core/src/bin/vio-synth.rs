//! Writes N synthetic, encrypted result files for a test identity (tests and benchmarks only):
//! `vio-synth --seed 1 --count 1000 --recipient age1… --out DIR [--organisation NAME]`
//! `[--set ITEM=VALUE …]`
//! (`--organisation`: every result carries that name, as repeated measurements of one employer;
//! `--set`: every result gives this answer, a number or an option id, for known proportions).
use std::path::PathBuf;

use vio_core::envelope::Organisation;
use vio_core::{crypto, synth, Answer, Answers, Questionnaire};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let (Some(recipient), Some(out)) = (arg("--recipient"), arg("--out")) else {
        eprintln!("usage: vio-synth --seed N --count N --recipient age1… --out DIR [--organisation NAME] [--set ITEM=VALUE …]");
        std::process::exit(2);
    };
    let seed = arg("--seed").and_then(|s| s.parse().ok()).unwrap_or(1);
    let count = arg("--count").and_then(|s| s.parse().ok()).unwrap_or(100);
    let recipient = crypto::parse_recipient(&recipient).unwrap_or_else(|_| {
        eprintln!("not an age1… public key");
        std::process::exit(2);
    });
    let out = PathBuf::from(out);
    std::fs::create_dir_all(&out).expect("cannot create the output folder");
    let organisation = arg("--organisation").map(|name| Organisation { name, contact: String::new() });
    let fixed: Answers = args
        .windows(2)
        .filter(|w| w[0] == "--set")
        .filter_map(|w| w[1].split_once('='))
        .map(|(item, value)| (item.to_string(), value.parse().map_or_else(|_| Answer::Text(value.into()), Answer::Number)))
        .collect();
    for (i, mut envelope) in synth::synthetic_results_with(Questionnaire::vio(), seed, count, &fixed).into_iter().enumerate() {
        envelope.organisation = organisation.clone();
        let file = crypto::encrypt_to(&recipient, &envelope.to_padded_json());
        std::fs::write(out.join(format!("vio-resultaat-{:05}.age", i + 1)), file).expect("cannot write a file");
    }
    println!("{count} files in {}", out.display());
}
