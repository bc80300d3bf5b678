//! A first pass over XML formats (KML, GPX) with `quick-xml`, before their own crates read
//! them: the text must be well-formed, every element closed, and nesting no deeper than
//! [`MAX_DEPTH`]. The `kml` crate loops forever on a file cut short and recurses into nested
//! folders; this pass refuses such files with a line number instead.

use quick_xml::Reader;
use quick_xml::events::Event;

/// Deepest element nesting read.
pub const MAX_DEPTH: usize = 100;

/// Check that `text` is well-formed XML whose elements are all closed and nested at most
/// [`MAX_DEPTH`] deep; the problem, with its line, if not.
///
/// ```
/// use strikemap::data::formats::xml::check;
///
/// assert!(check("<kml><Placemark/></kml>").is_ok());
/// assert_eq!(check("<kml>\n<Document>\n").unwrap_err(), "is cut short: <Document> (line 2) is never closed");
/// ```
pub fn check(text: &str) -> Result<(), String> {
    let mut reader = Reader::from_str(text);
    let mut open: Vec<(String, usize)> = Vec::new();
    let line_at = |offset: u64| {
        text.as_bytes()[..(offset as usize).min(text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    };
    loop {
        let before = reader.buffer_position();
        match reader.read_event() {
            Ok(Event::Start(start)) => {
                let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
                open.push((name, line_at(before)));
                if open.len() > MAX_DEPTH {
                    return Err(format!(
                        "nests elements more than {MAX_DEPTH} deep (line {})",
                        line_at(before)
                    ));
                }
            }
            Ok(Event::End(_)) => {
                open.pop();
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(err) => {
                let line = line_at(reader.error_position());
                return Err(format!("is not well-formed XML at line {line}: {err}"));
            }
        }
    }
    match open.last() {
        Some((name, line)) => Err(format!(
            "is cut short: <{name}> (line {line}) is never closed"
        )),
        None if text.trim().is_empty() => Err("is empty".to_owned()),
        None => Ok(()),
    }
}
