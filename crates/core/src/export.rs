//! The regional tables as files for a spreadsheet: CSV (one table, for any program) and XLSX (the
//! indicator table, the quadrant and a sheet that explains both). Both are built from the same
//! [`Sheet`]s, so they never disagree. Only aggregates reach this module: [`Tables`] holds no answer
//! of any single employer.

use crate::questionnaire::Questionnaire;
use crate::region::{format_decimal, Cell, Tables};
use crate::text::Lang;
use crate::ui::{AmTexts, UiTexts};

/// One cell of an exported table. Numbers stay numbers, so a spreadsheet can compute with them.
#[derive(Clone, Debug, PartialEq)]
enum Field {
    Text(String),
    Count(u64),
    /// 0–100.
    Percent(f64),
    PValue(f64),
    Effect(f64),
}

impl Field {
    fn of_cell(cell: &Cell, lang: Lang) -> Field {
        match cell {
            Cell::Shown { percent, .. } => Field::Percent(*percent),
            Cell::Suppressed => Field::Text(cell.text(lang)),
        }
    }

    /// As a CSV field: the number written the way the user's language writes it.
    fn text(&self, lang: Lang) -> String {
        match self {
            Field::Text(s) => s.clone(),
            Field::Count(n) => n.to_string(),
            Field::Percent(p) => format_decimal(*p, 1, lang),
            Field::PValue(p) => format_decimal(*p, 4, lang),
            Field::Effect(v) => format_decimal(*v, 2, lang),
        }
    }
}

struct Sheet {
    name: String,
    header: Vec<String>,
    rows: Vec<Vec<Field>>,
}

fn empty() -> Field {
    Field::Text(String::new())
}

/// Per indicator and group: N, rood/oranje/groen %, onbekend, the test against the other
/// organisations and the deck's marker.
fn indicator_sheet(t: &Tables, q: &Questionnaire, lang: Lang) -> Sheet {
    let (ui, am) = (UiTexts::get(), AmTexts::get());
    let percent = |l: &crate::text::Text| format!("{} %", l.get(lang));
    let header = vec![
        ui.indicator.get(lang).to_string(),
        am.region_group.get(lang).to_string(),
        "N".into(),
        percent(&ui.light_rood),
        percent(&ui.light_oranje),
        percent(&ui.light_groen),
        ui.light_onbekend.get(lang).to_string(),
        "χ² p".into(),
        "Cramér V".into(),
        am.region_marker.get(lang).to_string(),
    ];
    let mut rows = Vec::new();
    for ind in &t.indicators {
        let name = q.indicator(&ind.indicator).map_or_else(|| ind.indicator.clone(), |i| i.name.get(lang).to_string());
        for c in &ind.columns {
            let mut row = vec![Field::Text(name.clone()), Field::Text(c.group.label(q, lang))];
            match c.cells {
                Some(cells) => {
                    row.push(Field::Count(c.n));
                    row.extend(cells.iter().map(|cell| Field::of_cell(cell, lang)));
                    row.push(Field::Count(c.onbekend));
                    row.push(c.test.map_or_else(empty, |t| Field::PValue(t.p)));
                    row.push(c.test.map_or_else(empty, |t| Field::Effect(t.cramers_v)));
                    row.push(Field::Text(c.marker.map(|m| m.symbol().to_string()).unwrap_or_default()));
                }
                None => {
                    row.push(Field::Text(am.region_group_too_few.get(lang).to_string()));
                    row.extend(std::iter::repeat_with(empty).take(7));
                }
            }
            rows.push(row);
        }
    }
    Sheet { name: am.export_sheet_indicators.get(lang).to_string(), header, rows }
}

/// The behaviour × intention table in long form (one row per cell), which filters and pivots well.
fn quadrant_sheet(t: &Tables, q: &Questionnaire, lang: Lang) -> Sheet {
    let (ui, am) = (UiTexts::get(), AmTexts::get());
    let qr = &q.quadrant;
    let label = |l: &crate::questionnaire::LowHigh, i: usize| match i {
        0 => l.low.get(lang).to_string(),
        1 => l.high.get(lang).to_string(),
        _ => ui.light_onbekend.get(lang).to_string(),
    };
    let mut rows = Vec::new();
    for (r, row) in t.quadrant.cells.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (n, percent) = match cell {
                Cell::Shown { count, .. } => (Field::Count(*count), Field::of_cell(cell, lang)),
                Cell::Suppressed => (Field::Text(cell.text(lang)), Field::Text(cell.text(lang))),
            };
            rows.push(vec![Field::Text(label(&qr.behaviour_labels, r)), Field::Text(label(&qr.intention_labels, c)), n, percent]);
        }
    }
    let header = vec![am.export_behaviour.get(lang).to_string(), am.export_intention.get(lang).to_string(), "N".into(), "%".into()];
    Sheet { name: ui.quadrant_title.get(lang).to_string(), header, rows }
}

/// What the numbers are: N, the questionnaire versions (and which topics count only newer ones),
/// the markers and the suppression.
fn notes_sheet(t: &Tables, q: &Questionnaire, lang: Lang) -> Sheet {
    let am = AmTexts::get();
    let versions = t.questionnaire_versions.iter().map(u32::to_string).collect::<Vec<_>>().join(", ");
    let mut lines = vec![am.region_n.get(lang).replace("{n}", &t.n.to_string()), am.region_versions.get(lang).replace("{v}", &versions)];
    lines.extend(t.indicators.iter().filter_map(|ind| {
        let name = q.indicator(&ind.indicator).map_or_else(|| ind.indicator.clone(), |i| i.name.get(lang).to_string());
        ind.older_note(lang).map(|note| format!("{name}: {note}"))
    }));
    lines.extend([am.region_note.get(lang).to_string(), am.region_lead.get(lang).to_string()]);
    Sheet {
        name: am.export_sheet_notes.get(lang).to_string(),
        header: vec![am.region_title.get(lang).to_string()],
        rows: lines.into_iter().map(|l| vec![Field::Text(l)]).collect(),
    }
}

/// The indicator table as CSV for Excel: UTF-8 with a byte-order mark (so Excel reads é and ≥), `;`
/// between fields and a decimal comma in Dutch (Excel's list separator in a Dutch locale).
pub fn to_csv(t: &Tables, q: &Questionnaire, lang: Lang) -> String {
    let sheet = indicator_sheet(t, q, lang);
    let mut w = csv::WriterBuilder::new().delimiter(if lang == Lang::Nl { b';' } else { b',' }).from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(&sheet.header);
    for row in &sheet.rows {
        let _ = w.write_record(row.iter().map(|v| v.text(lang)));
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{FEFF}{}", String::from_utf8(bytes).unwrap_or_default())
}

/// The tables as an Excel workbook: indicators, quadrant and notes, each a sheet with a bold, frozen
/// header and a filter; percentages are numbers with a percent format, so Excel shows them in the
/// reader's own locale.
pub fn to_xlsx(t: &Tables, q: &Questionnaire, lang: Lang) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.0%");
    let p_value = Format::new().set_num_format("0.0000");
    let effect = Format::new().set_num_format("0.00");
    let mut book = Workbook::new();
    for sheet in [indicator_sheet(t, q, lang), quadrant_sheet(t, q, lang), notes_sheet(t, q, lang)] {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name)?;
        for (c, h) in sheet.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &bold)?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, v) in row.iter().enumerate() {
                let c = c as u16;
                match v {
                    Field::Text(s) if s.is_empty() => continue,
                    Field::Text(s) => ws.write_string(r, c, s)?,
                    Field::Count(n) => ws.write_number(r, c, *n as f64)?,
                    Field::Percent(p) => ws.write_number_with_format(r, c, p / 100.0, &percent)?,
                    Field::PValue(p) => ws.write_number_with_format(r, c, *p, &p_value)?,
                    Field::Effect(v) => ws.write_number_with_format(r, c, *v, &effect)?,
                };
            }
        }
        if sheet.header.len() > 1 {
            ws.set_freeze_panes(1, 0)?;
            ws.autofilter(0, 0, sheet.rows.len() as u32, sheet.header.len() as u16 - 1)?;
            ws.autofit();
        } else {
            ws.set_column_width(0, 120)?;
        }
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::region::tests::{ids, known_region};
    use crate::region::{aggregate, Filter, Region};
    use calamine::{Data, DataType, Reader, Xlsx};

    fn tables() -> Tables {
        let Region::Tables(t) = aggregate(&known_region(), &Filter::default(), Questionnaire::vio(), &ids()) else { panic!("20 results give tables") };
        t
    }

    #[test]
    fn csv_opens_in_a_dutch_excel() {
        let csv = to_csv(&tables(), Questionnaire::vio(), Lang::Nl);
        assert!(csv.starts_with('\u{FEFF}'));
        let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').lines().collect();
        assert!(lines[0].split(';').count() == 10);
        assert!(lines.iter().any(|l| l.contains(";Totaal;20;25,0;25,0;50,0;0;")), "{csv}");
        assert!(lines.iter().any(|l| l.contains("Inclusieve organisaties")));
    }

    #[test]
    fn xlsx_holds_the_same_numbers_as_the_screen() {
        let t = tables();
        let q = Questionnaire::vio();
        let bytes = to_xlsx(&t, q, Lang::Nl).unwrap();
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), ["Indicatoren", "Gedrag en intentie", "Toelichting"]);

        let sheet = book.worksheet_range("Indicatoren").unwrap();
        let rows: Vec<&[Data]> = sheet.rows().collect();
        assert_eq!(rows[0].len(), 10);
        let total = rows.iter().find(|r| r[1] == Data::String("Totaal".into())).unwrap();
        assert_eq!(total[2], Data::Float(20.0));
        // Percentages are fractions with a percent format: 25 % is 0.25 in the cell.
        assert_eq!(&total[3..6], [Data::Float(0.25), Data::Float(0.25), Data::Float(0.5)]);
        // Every row of the CSV is a row of the sheet, field by field.
        let csv = to_csv(&t, q, Lang::En);
        let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{FEFF}').as_bytes());
        let csv_rows = reader.records().count();
        assert_eq!(csv_rows, rows.len() - 1);

        let quadrant = book.worksheet_range("Gedrag en intentie").unwrap();
        assert_eq!(quadrant.rows().count(), 1 + 9);
        let n: f64 = quadrant.rows().skip(1).filter_map(|r| r[2].as_f64()).sum();
        // Suppressed cells are "<5"; the shown counts never exceed N.
        assert!(n <= t.n as f64);

        let notes = book.worksheet_range("Toelichting").unwrap();
        let text: Vec<String> = notes.rows().map(|r| r[0].to_string()).collect();
        assert!(text.iter().any(|l| l.contains("(N): 20")), "{text:?}");
        assert!(text.iter().any(|l| l.contains("Cramérs V")));
    }

    #[test]
    fn english_sheets_have_english_names() {
        let bytes = to_xlsx(&tables(), Questionnaire::vio(), Lang::En).unwrap();
        let book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), ["Indicators", "Behaviour and intention", "Notes"]);
    }
}
