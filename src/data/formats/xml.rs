//! The one pass over an XML format (KML, GPX), with `quick-xml`: the bytes decoded as their
//! byte order mark or declaration says ([`decode`]), then every element handed to the
//! format's [`Handler`] as it starts and ends, with the character data directly inside it.
//! The pass checks what XML requires (well-formed, end tags matching) and refuses nesting
//! deeper than [`MAX_DEPTH`]; where it must stop early it says where ([`Cut`]), and the reader
//! keeps what was complete before. Positions are byte offsets, turned into lines only for what
//! is reported ([`super::lines`]), so the pass is linear in the file's size.

use std::borrow::Cow;

use quick_xml::Reader;

use super::lines::LineIndex;
use quick_xml::events::{BytesStart, Event};

/// Deepest element nesting read.
pub const MAX_DEPTH: usize = 100;

/// An element as it starts.
pub struct Element<'e, 'a> {
    /// Its name as written, with any namespace prefix (`gx:Track`).
    pub name: &'e str,
    /// Where its start tag begins in the text (a byte offset).
    pub at: usize,
    start: &'e BytesStart<'a>,
}

impl Element<'_, '_> {
    /// Its name without a namespace prefix (`Track`).
    pub fn local(&self) -> &str {
        local(self.name)
    }

    /// The value of its attribute `name` (compared without a namespace prefix), entities
    /// resolved where they can be.
    pub fn attribute(&self, name: &str) -> Option<String> {
        self.start
            .attributes()
            .with_checks(false)
            .flatten()
            .find(|a| local(&String::from_utf8_lossy(a.key.as_ref())) == name)
            .map(
                |a| match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                    Ok(value) => value.into_owned(),
                    Err(_) => String::from_utf8_lossy(&a.value).into_owned(),
                },
            )
    }
}

/// A name without its namespace prefix.
pub fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// What a format reader does with the elements of a file.
pub trait Handler {
    /// `element` starts; `path` holds the names of the elements it is in, outermost first.
    fn start(&mut self, element: &Element, path: &[String]);
    /// The element `name` ends: `text` is the character data directly inside it (after its
    /// last child, if it has children), entities resolved; `path` as for [`Handler::start`].
    fn end(&mut self, name: &str, text: &str, path: &[String], at: usize);
}

/// Why a pass stopped before the end of the document: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    pub at: usize,
    pub problem: String,
}

/// A document read by [`read_document`]: its text, a note on its encoding when one is due,
/// and, when the pass had to stop early, why and at which line.
pub struct Document<'b> {
    pub text: Cow<'b, str>,
    pub note: Option<String>,
    pub cut: Option<String>,
}

/// Decode `bytes` and hand every element to `handler`. Refused (the problem, worded to follow
/// the file's name) when there is nothing readable: an empty text, no element, an XML error
/// before the first element, or a root element other than `root` (`format` names it).
pub fn read_document<'b>(
    bytes: &'b [u8],
    root: &str,
    format: &str,
    handler: &mut impl Handler,
) -> Result<Document<'b>, String> {
    let (text, note) = decode(bytes);
    if text.trim().is_empty() {
        return Err("is empty".to_owned());
    }
    let mut rooted = Rooted {
        root: None,
        inner: handler,
    };
    let cut = walk(&text, &mut rooted).err().map(|cut| {
        format!(
            "{} (line {})",
            cut.problem,
            LineIndex::new(&text).line(cut.at)
        )
    });
    match (rooted.root, cut) {
        (None, Some(cut)) => Err(cut),
        (None, None) => Err(no_elements(&text)),
        (Some(found), _) if local(&found) != root => Err(format!(
            "is not {format}: its root element is <{found}>, not <{root}>"
        )),
        (Some(_), cut) => Ok(Document { text, note, cut }),
    }
}

/// A handler that also notes the root element.
struct Rooted<'h, H> {
    root: Option<String>,
    inner: &'h mut H,
}

impl<H: Handler> Handler for Rooted<'_, H> {
    fn start(&mut self, element: &Element, path: &[String]) {
        if path.is_empty() && self.root.is_none() {
            self.root = Some(element.name.to_owned());
        }
        self.inner.start(element, path);
    }
    fn end(&mut self, name: &str, text: &str, path: &[String], at: usize) {
        self.inner.end(name, text, path, at);
    }
}

/// Hand every element of `text` to `handler`, in document order. `Err` when the text stops
/// being readable XML (what was handed over until then stands).
pub fn walk(text: &str, handler: &mut impl Handler) -> Result<(), Cut> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut path: Vec<String> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    let mut content = String::new();
    loop {
        let at = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|err| Cut {
            at: reader.error_position() as usize,
            problem: format!("is not well-formed XML: {err}"),
        })?;
        let (start, empty) = match event {
            Event::Start(start) => (start, false),
            Event::Empty(start) => (start, true),
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                starts.pop();
                handler.end(&name, &content, &path, at);
                content.clear();
                continue;
            }
            Event::Text(text) => {
                match text.xml10_content() {
                    Ok(text) => content.push_str(&text),
                    Err(_) => content.push_str(&String::from_utf8_lossy(&text)),
                }
                continue;
            }
            Event::CData(data) => {
                content.push_str(&String::from_utf8_lossy(&data));
                continue;
            }
            Event::GeneralRef(reference) => {
                push_reference(&mut content, &reference);
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        if path.len() >= MAX_DEPTH {
            return Err(Cut {
                at,
                problem: format!("nests elements more than {MAX_DEPTH} deep"),
            });
        }
        let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
        let element = Element {
            name: &name,
            at,
            start: &start,
        };
        handler.start(&element, &path);
        content.clear();
        if empty {
            handler.end(&name, "", &path, at);
        } else {
            path.push(name);
            starts.push(at);
        }
    }
    match (path.last(), starts.last()) {
        (Some(name), Some(&at)) => Err(Cut {
            at,
            problem: format!("is cut short: <{name}> is never closed"),
        }),
        _ => Ok(()),
    }
}

/// `&name;` or `&#n;` in character data: the character it stands for; an entity XML does
/// not define (a DTD's, which is never expanded) is kept as written.
fn push_reference(content: &mut String, reference: &quick_xml::events::BytesRef) {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        content.push(c);
        return;
    }
    let name = String::from_utf8_lossy(reference);
    match name.as_ref() {
        "lt" => content.push('<'),
        "gt" => content.push('>'),
        "amp" => content.push('&'),
        "apos" => content.push('\''),
        "quot" => content.push('"'),
        other => {
            content.push('&');
            content.push_str(other);
            content.push(';');
        }
    }
}

/// Why a text with no element at all is refused: it is not XML, and what it looks like.
pub fn no_elements(text: &str) -> String {
    let start: String = text.trim_start().chars().take(40).collect();
    let looks = match start.chars().next() {
        Some('{' | '[') => " (it looks like JSON: is it GeoJSON?)",
        _ if start.contains(',') || start.contains(';') => " (it looks like CSV)",
        _ => "",
    };
    format!(
        "is not XML: it holds no element; it begins \"{}\"{looks}",
        start.replace('\n', " ")
    )
}

/// An XML file's text: as its byte order mark says (UTF-8, UTF-16), else as its declaration
/// says (`encoding="ISO-8859-1"`, any label the WHATWG Encoding Standard knows), else UTF-8.
/// Text that is not in the encoding it claims is read as Windows-1252 (a superset of
/// Latin-1, what such files usually are), with a note saying so.
///
/// ```
/// use strikemap::data::formats::xml::decode;
///
/// let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><name>Caf\xe9</name>";
/// assert_eq!(decode(latin1).0, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><name>Café</name>");
/// let (text, note) = decode(b"<name>Caf\xe9</name>");
/// assert_eq!(text, "<name>Café</name>");
/// assert!(note.unwrap().contains("Windows-1252"));
/// ```
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Option<String>) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, bad) = encoding.decode(&bytes[bom..]);
        let note =
            bad.then(|| format!("has bytes that are not {}: they show as �", encoding.name()));
        return (text, note);
    }
    let declared = declared_encoding(bytes);
    let mut note = None;
    if let Some(label) = &declared {
        match encoding_rs::Encoding::for_label(label.as_bytes()) {
            Some(encoding) if encoding != encoding_rs::UTF_8 => {
                let (text, _) = encoding.decode_without_bom_handling(bytes);
                return (text, None);
            }
            Some(_) => {}
            None => {
                note = Some(format!(
                    "declares the encoding \"{label}\", which strikemap does not know: read as UTF-8"
                ));
            }
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), note),
        Err(err) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            let note = format!(
                "is not UTF-8 text as it {} (first bad byte at offset {}): read as Windows-1252, \
                 so accented letters may show wrongly if it was written in another encoding",
                if declared.is_some() {
                    "declares"
                } else {
                    "should be"
                },
                err.valid_up_to()
            );
            (text, Some(note))
        }
    }
}

/// The `encoding` of an XML declaration at the start of `bytes`.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head);
    let declaration = head.trim_start().strip_prefix("<?xml")?;
    let declaration = &declaration[..declaration.find("?>")?];
    let after = &declaration[declaration.find("encoding")? + "encoding".len()..];
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &after[1..];
    Some(value[..value.find(quote)?].trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records what the pass hands over.
    #[derive(Default)]
    struct Log(Vec<String>);

    impl Handler for Log {
        fn start(&mut self, element: &Element, path: &[String]) {
            let id = element.attribute("id").unwrap_or_default();
            self.0
                .push(format!("<{} {id} {}", element.name, path.len()));
        }
        fn end(&mut self, name: &str, text: &str, _: &[String], _: usize) {
            self.0.push(format!(">{name} {text:?}"));
        }
    }

    #[test]
    fn elements_arrive_with_their_text_and_depth() {
        let mut log = Log::default();
        let text = "<a id='1'><b>x &amp; &#233; &lol;</b><c/><d><![CDATA[<i>]]></d></a>";
        walk(text, &mut log).unwrap();
        assert_eq!(
            log.0,
            [
                "<a 1 0",
                "<b  1",
                ">b \"x & é &lol;\"",
                "<c  1",
                ">c \"\"",
                "<d  1",
                ">d \"<i>\"",
                ">a \"\""
            ]
        );
    }

    #[test]
    fn a_cut_says_where_and_why() {
        let text = "<kml>\n<Document>\n<name>x</name>";
        let cut = walk(text, &mut Log::default()).unwrap_err();
        assert_eq!(cut.problem, "is cut short: <Document> is never closed");
        assert_eq!(cut.at, 6);
        let cut = walk("<a>\n<b></c></a>", &mut Log::default()).unwrap_err();
        assert!(cut.problem.starts_with("is not well-formed XML"), "{cut:?}");
        let deep = "<a>".repeat(MAX_DEPTH + 1);
        let cut = walk(&deep, &mut Log::default()).unwrap_err();
        assert!(cut.problem.contains("deep"), "{cut:?}");
    }
}
