use serde::{Deserialize, Serialize};
use specta::Type;

/// A language the UI is translated into.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Fr,
}

impl Language {
    /// Maps a POSIX or BCP 47 locale (`fr_CA.UTF-8`, `fr-BE`, `en-US`) to a UI language;
    /// anything not French falls back to English.
    pub fn from_locale(locale: &str) -> Self {
        let primary = locale
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default();
        if primary.eq_ignore_ascii_case("fr") {
            Self::Fr
        } else {
            Self::En
        }
    }

    /// The UI language of the running system's locale.
    pub fn of_system() -> Self {
        Self::from_locale(&sys_locale::get_locale().unwrap_or_default())
    }
}

/// The user's choice in Settings: follow the system, or a fixed language.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, Type, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum LanguagePreference {
    #[default]
    System,
    En,
    Fr,
}

impl LanguagePreference {
    pub fn resolve(self, system_locale: Option<&str>) -> Language {
        match self {
            Self::System => system_locale.map(Language::from_locale).unwrap_or_default(),
            Self::En => Language::En,
            Self::Fr => Language::Fr,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_locales_in_every_spelling_map_to_french() {
        for locale in ["fr", "fr_FR.UTF-8", "fr-CA", "FR_be", "fr_CH@euro"] {
            assert_eq!(Language::from_locale(locale), Language::Fr, "{locale}");
        }
    }

    #[test]
    fn other_locales_fall_back_to_english() {
        for locale in ["en_US.UTF-8", "de-DE", "C", "POSIX", "", "fry"] {
            assert_eq!(Language::from_locale(locale), Language::En, "{locale}");
        }
    }

    #[test]
    fn explicit_preference_wins_over_system_locale() {
        assert_eq!(LanguagePreference::En.resolve(Some("fr_FR")), Language::En);
        assert_eq!(
            LanguagePreference::System.resolve(Some("fr_FR")),
            Language::Fr
        );
        assert_eq!(LanguagePreference::System.resolve(None), Language::En);
    }
}
