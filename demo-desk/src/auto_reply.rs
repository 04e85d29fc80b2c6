//! The automatic first agent reply, in the customer's language.

/// Whether a text reads as French rather than English: counts common function words of each
/// language, with accented letters as extra votes for French. Enough to pick a canned reply.
pub(crate) fn looks_french(text: &str) -> bool {
    const FRENCH: &[&str] = &[
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "est",
        "une",
        "un",
        "je",
        "ne",
        "pas",
        "mon",
        "ma",
        "mes",
        "avec",
        "pour",
        "dans",
        "sur",
        "nous",
        "vous",
        "bonjour",
        "merci",
        "depuis",
        "et",
        "il",
        "elle",
        "ce",
        "cette",
        "sont",
        "au",
        "aux",
        "qui",
        "que",
        "votre",
        "notre",
        "l",
        "d",
        "j",
        "n",
        "qu",
        "c",
        "impossible",
        "problème",
        "quand",
    ];
    const ENGLISH: &[&str] = &[
        "the", "is", "and", "to", "my", "with", "for", "in", "on", "we", "you", "hello", "hi",
        "thanks", "since", "it", "this", "are", "not", "of", "an", "our", "your", "when", "after",
        "can", "cannot", "i", "please", "problem",
    ];
    let lowercase = text.to_lowercase();
    let mut french = 0;
    let mut english = 0;
    for word in lowercase.split(|c: char| !c.is_alphabetic()) {
        if word.is_empty() {
            continue;
        }
        if FRENCH.contains(&word) {
            french += 1;
        }
        if ENGLISH.contains(&word) {
            english += 1;
        }
        if word.chars().any(|c| "éèêëàâçùûôîï".contains(c)) {
            french += 1;
        }
    }
    french > english
}

pub(crate) fn reply_text(french: bool) -> &'static str {
    if french {
        "Merci — nous examinons votre demande et revenons vers vous rapidement.\n\n\
         Si vous avez des captures d'écran, des journaux ou l'identifiant de l'élément concerné, \
         ajoutez-les en réponse à ce message."
    } else {
        "Thanks — we are looking into it and will get back to you soon.\n\n\
         If you have screenshots, logs or the ID of the affected item, add them in a reply to \
         this message."
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_requests_are_recognised() {
        assert!(looks_french(
            "Impossible d'ajouter un utilisateur à l'espace de travail"
        ));
        assert!(looks_french("Bonjour, la facture de mars est incorrecte"));
    }

    #[test]
    fn english_requests_are_not_mistaken_for_french() {
        assert!(!looks_french("Cannot sign in after password reset"));
        assert!(!looks_french("Export to CSV times out for large projects"));
    }
}
