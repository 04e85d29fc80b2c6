use serde::{Deserialize, Serialize};
use specta::Type;

/// A language the index has analyzers for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Type,
)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    En,
    Fr,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Fr];

    /// Reads `en`, `en-US`, `fr_CA`, `FR-fr` and the like; other languages are not supported.
    pub fn parse(tag: &str) -> Option<Self> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Self::En),
            "fr" => Some(Self::Fr),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Fr => "fr",
        }
    }
}

/// Where an article came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Shipped inside Helpline.
    Bundled,
    /// Synced from a Zendesk Help Center.
    HelpCenter,
    /// Read from a local folder of Markdown or HTML files.
    Folder,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Bundled => "bundled",
            Self::HelpCenter => "help_center",
            Self::Folder => "folder",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [Self::Bundled, Self::HelpCenter, Self::Folder]
            .into_iter()
            .find(|source| source.as_str() == text)
    }
}

/// One translation of a help article, normalised from whichever format it came in.
///
/// Translations of the same article share `id` (as in Zendesk Help Center), so search finds an
/// article through any of its translations and can show the one in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    pub id: String,
    pub locale: Locale,
    pub title: String,
    /// Sanitised HTML, safe to show in the reader.
    pub body_html: String,
    /// The text of the body, for indexing and snippets.
    pub body_text: String,
    pub section: Option<String>,
    pub labels: Vec<String>,
    /// Where the article lives on the web, if anywhere.
    pub url: Option<String>,
    /// RFC 3339, as the source gave it.
    pub updated_at: Option<String>,
    pub source: Source,
}
