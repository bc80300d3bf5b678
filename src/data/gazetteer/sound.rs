//! A place name typed in Arabic script matched by its sound when the data has no spelling of it
//! in that script: پنجگور and "Panjgur" both come down to the consonants p-n-j-g-r. Both sides
//! lose what the two writings do not agree on: short vowels (Arabic script writes none), the
//! long vowels' letters (ا و ی, a e i o u), h (ه ح may be written or not), w and v (و is
//! either), y; q and k are one. A match this loose is offered as such, never as a spelling.

/// The consonants of a name in Arabic script or in Latin letters (folded), run together; empty
/// when it has letters of another script.
///
/// ```
/// use strikemap::data::gazetteer::sound::skeleton;
/// assert_eq!(skeleton("پنجگور"), "pnjgr");
/// assert_eq!(skeleton("Panjgur"), "pnjgr");
/// assert_eq!(skeleton("سراوان"), skeleton("Sarāvān"));
/// assert_eq!(skeleton("زاهدان"), skeleton("Zahedan"));
/// ```
pub fn skeleton(name: &str) -> String {
    let mut out = String::new();
    for c in super::fold(name).chars() {
        let sound = match c {
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'w' | 'v' => "",
            'q' => "k",
            'b'..='z' => {
                out.push(c);
                continue;
            }
            _ if c.is_ascii() || c.is_whitespace() => "",
            _ => match arabic(c) {
                Some(sound) => sound,
                None => return String::new(),
            },
        };
        out.push_str(sound);
    }
    out.dedup_consonants()
}

/// What an Arabic-script letter (folded) sounds like, as above; `None` for other scripts.
fn arabic(c: char) -> Option<&'static str> {
    Some(match c {
        'ا' | 'و' | 'ی' | 'ه' | 'ح' | 'ع' | 'ء' => "",
        'ب' => "b",
        'پ' => "p",
        'ت' | 'ط' | 'ٹ' => "t",
        'ث' | 'س' | 'ص' | 'ش' => "s",
        'ج' => "j",
        'چ' => "c",
        'خ' | 'ق' | 'ک' => "k",
        'د' | 'ڈ' => "d",
        'ذ' | 'ز' | 'ض' | 'ظ' | 'ژ' => "z",
        'ر' | 'ڑ' => "r",
        'غ' | 'گ' => "g",
        'ف' => "f",
        'ل' => "l",
        'م' => "m",
        'ن' | 'ں' => "n",
        _ => return None,
    })
}

/// Letters doubled in one writing and not the other ("Abbas", عباس) count once.
trait DedupConsonants {
    fn dedup_consonants(self) -> String;
}

impl DedupConsonants for String {
    fn dedup_consonants(self) -> String {
        let mut chars: Vec<char> = self.chars().collect();
        chars.dedup();
        chars.into_iter().collect()
    }
}
