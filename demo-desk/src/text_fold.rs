//! Case and accent folding, one character for one, so positions in folded text are positions
//! in the original (which snippets rely on).

/// Lowercase without diacritics: `É` → `e`, `ç` → `c`, `Œ` → `o`.
pub(crate) fn fold_char(character: char) -> char {
    let lower = character.to_lowercase().next().unwrap_or(character);
    match lower {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'æ' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'œ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'ß' => 's',
        other => other,
    }
}

pub(crate) fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// Zendesk's URL slug of a title: its words joined by `-`, case kept, accents dropped so the
/// URL stays ASCII.
pub(crate) fn slug(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    for character in title.chars() {
        let plain = if character.is_ascii_alphanumeric() {
            Some(character)
        } else {
            let folded = fold_char(character);
            folded.is_ascii_alphanumeric().then(|| {
                if character.is_uppercase() {
                    folded.to_ascii_uppercase()
                } else {
                    folded
                }
            })
        };
        match plain {
            Some(character) => slug.push(character),
            None if !slug.is_empty() && !slug.ends_with('-') => slug.push('-'),
            None => {}
        }
    }
    slug.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_one_character_per_character() {
        let text = "Écrire à l'équipe — Œuvre";
        assert_eq!(fold(text).chars().count(), text.chars().count());
        assert_eq!(fold(text), "ecrire a l'equipe — ouvre");
    }

    #[test]
    fn slugs_join_words_with_dashes_and_keep_case() {
        assert_eq!(slug("Fix sign-in problems"), "Fix-sign-in-problems");
        assert_eq!(
            slug("Réinitialiser l'accès : étapes"),
            "Reinitialiser-l-acces-etapes"
        );
    }
}
