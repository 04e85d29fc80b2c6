//! The index's fields. Each article translation is one document; language-specific analysis
//! lives in per-language fields, so one index serves English and French side by side.

use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};

use crate::analysis;
use crate::Locale;

#[derive(Clone, Copy)]
pub struct LanguageFields {
    pub title: Field,
    pub body: Field,
}

#[derive(Clone, Copy)]
pub struct Fields {
    /// `id` + `locale`: one translation, the unit of update and delete.
    pub key: Field,
    pub id: Field,
    pub locale: Field,
    pub source: Field,
    pub section: Field,
    pub labels: Field,
    pub url: Field,
    pub updated_at: Field,
    pub title: Field,
    pub body_html: Field,
    pub body_text: Field,
    pub en: LanguageFields,
    pub fr: LanguageFields,
    /// Whole folded words, for typo tolerance.
    pub plain: LanguageFields,
    /// Edge n-grams, for the word being typed.
    pub prefix: LanguageFields,
}

impl Fields {
    pub fn language(&self, locale: Locale) -> LanguageFields {
        match locale {
            Locale::En => self.en,
            Locale::Fr => self.fr,
        }
    }
}

fn analyzed(analyzer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(analyzer)
            .set_index_option(record),
    )
}

pub fn build() -> (Schema, Fields) {
    let mut schema = Schema::builder();
    let positions = IndexRecordOption::WithFreqsAndPositions;
    let mut pair = |name: &str, analyzer: &str, record: IndexRecordOption| LanguageFields {
        title: schema.add_text_field(&format!("title_{name}"), analyzed(analyzer, record)),
        body: schema.add_text_field(&format!("body_{name}"), analyzed(analyzer, record)),
    };
    let en = pair("en", analysis::ENGLISH, positions);
    let fr = pair("fr", analysis::FRENCH, positions);
    let plain = pair("plain", analysis::PLAIN, IndexRecordOption::Basic);
    let prefix = pair("prefix", analysis::PREFIX, IndexRecordOption::WithFreqs);
    let fields = Fields {
        key: schema.add_text_field("key", STRING),
        // Fast too: a search reads the ids of its candidates without opening their documents.
        id: schema.add_text_field("id", STRING | STORED | FAST),
        locale: schema.add_text_field("locale", STRING | STORED),
        source: schema.add_text_field("source", STRING | STORED),
        section: schema.add_text_field("section", STRING | STORED),
        labels: schema.add_text_field("labels", STRING | STORED),
        url: schema.add_text_field("url", STORED),
        updated_at: schema.add_text_field("updated_at", STORED),
        title: schema.add_text_field("title", STORED),
        body_html: schema.add_text_field("body_html", STORED),
        body_text: schema.add_text_field("body_text", STORED),
        en,
        fr,
        plain,
        prefix,
    };
    (schema.build(), fields)
}

/// The key of one translation: `id` and `locale` joined by a separator ids never contain.
pub fn key(id: &str, locale: Locale) -> String {
    format!("{id}\u{1f}{}", locale.as_str())
}
