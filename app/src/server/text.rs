//! Text folding for search: lower case without accents, so that "educacion" finds "educación"
//! and "nino" finds "niño", the same way on SQLite and PostgreSQL (the database only ever sees
//! folded text).

/// The letter without its accent (Latin letters used in the region's languages and in the
/// members' names), or the letter itself.
fn base_letter(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ů' => 'u',
        'ý' | 'ÿ' => 'y',
        'ñ' | 'ń' | 'ň' => 'n',
        'ç' | 'ć' | 'č' => 'c',
        'š' | 'ś' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ř' => 'r',
        'ł' => 'l',
        'ď' => 'd',
        'ť' => 't',
        'ğ' => 'g',
        other => other,
    }
}

/// Lower case, accents removed, anything that is not a letter or a digit turned into a space,
/// runs of spaces collapsed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = base_letter(c);
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The words of a search, folded; at most ten, each at most 40 characters, no duplicates.
pub fn search_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for w in fold(query).split(' ').filter(|w| !w.is_empty()) {
        let w: String = w.chars().take(40).collect();
        if !terms.contains(&w) {
            terms.push(w);
        }
        if terms.len() == 10 {
            break;
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_and_punctuation() {
        assert_eq!(fold("Educación, NIÑOS y niñas!"), "educacion ninos y ninas");
        assert_eq!(
            fold("  Inclusión  socio-económica "),
            "inclusion socio economica"
        );
        assert_eq!(
            fold("Ayuda en Acción (2022–2025)"),
            "ayuda en accion 2022 2025"
        );
        assert_eq!(fold(""), "");
    }

    #[test]
    fn search_terms_are_folded_unique_and_bounded() {
        assert_eq!(
            search_terms("Niño nino NIÑO educación"),
            vec!["nino", "educacion"]
        );
        assert_eq!(search_terms("' OR 1=1 --"), vec!["or", "1"]);
        assert_eq!(search_terms(&"palabra ".repeat(30)).len(), 1);
        let many: String = (0..30).map(|i| format!("w{i} ")).collect();
        assert_eq!(search_terms(&many).len(), 10);
    }
}
