//! The app's own texts (buttons, headings, messages), kept as data beside the questionnaire so that
//! every word the user reads is in one place per language. A struct rather than a string map: a
//! misspelt text is a compile error, not an empty button. `build.rs` writes the structs and their
//! statics from `data/ui.json` (both pages), `data/later.json` (the employer's screens after the
//! questionnaire, in the later screens' wasm; the accountmanager's page uses them too) and
//! `data/accountmanager.json` (the accountmanager's page
//! only, so none of it is in the employer's wasm), as plain data parsed by nobody.

use crate::text::Text;

include!(concat!(env!("OUT_DIR"), "/ui_texts.rs"));

impl UiTexts {
    pub fn get() -> &'static UiTexts {
        &UI
    }
}

impl LaterTexts {
    pub fn get() -> &'static LaterTexts {
        &LATER_UI
    }
}

impl AmTexts {
    pub fn get() -> &'static AmTexts {
        &AM_UI
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_ui_text_is_used_somewhere() {
        fn sources(dir: &std::path::Path, out: &mut String) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    sources(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("ui.rs") {
                    out.push_str(&std::fs::read_to_string(&path).unwrap());
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut code = String::new();
        sources(&root.join("src"), &mut code);
        for app in ["../../src", "../ui/src", "../accountmanager/src"] {
            sources(&root.join(app), &mut code);
        }
        let used = |k: &str| {
            let field = format!(".{k}");
            code.match_indices(&field).any(|(i, _)| !code[i + field.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_'))
        };
        let [both, later, accountmanager] = [include_str!("../data/ui.json"), include_str!("../data/later.json"), include_str!("../data/accountmanager.json")]
            .map(|json| serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(json).unwrap());
        let all: Vec<&String> = both.keys().chain(later.keys()).chain(accountmanager.keys()).collect();
        let unused: Vec<&&String> = all.iter().filter(|k| !used(k)).collect();
        assert!(unused.is_empty(), "texts no screen uses: {unused:?}");
        let mut twice: Vec<&&String> = all.iter().filter(|k| all.iter().filter(|o| o == k).count() > 1).collect();
        twice.dedup();
        assert!(twice.is_empty(), "texts in two files: {twice:?}");
    }

    #[test]
    fn the_static_start_screen_in_index_html_matches_the_texts() {
        // index.html shows the start screen before the wasm runs; it must say what the app will say.
        let html = include_str!("../../../index.html");
        let ui = super::UiTexts::get();
        for t in [
            &ui.start_title,
            &ui.start_lead,
            &ui.start_duration,
            &ui.privacy_title,
            &ui.privacy_1,
            &ui.privacy_2,
            &ui.privacy_3,
            &ui.language_switch,
            &ui.language_switch_label,
            &ui.for_accountmanagers,
        ] {
            assert!(html.contains(&*t.nl), "index.html lacks: {}", t.nl);
        }
    }
}
