//! The benchmark corpus (`bench/corpus.toml`) and judged queries (`bench/queries.tsv`).

use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use docs_index::{Article, Locale, Source};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct CorpusFile {
    pub packages: Vec<String>,
    pub roots: Vec<Root>,
}

#[derive(Debug, Deserialize)]
pub struct Root {
    pub locale: String,
    pub path: PathBuf,
    #[serde(default)]
    pub exclude: Vec<String>,
}

pub struct Corpus {
    pub articles: Vec<Article>,
    pub problems: usize,
}

pub fn load(corpus_toml: &Path) -> anyhow::Result<Corpus> {
    let text = std::fs::read_to_string(corpus_toml)
        .with_context(|| format!("cannot read {}", corpus_toml.display()))?;
    let file: CorpusFile =
        toml::from_str(&text).with_context(|| format!("bad {}", corpus_toml.display()))?;
    let mut articles = Vec::new();
    let mut problems = 0;
    for root in &file.roots {
        if !root.path.is_dir() {
            bail!(
                "{} is missing: install the corpus with `apt-get install {}` (cargo xtask bench search does it)",
                root.path.display(),
                file.packages.join(" ")
            );
        }
        let locale = Locale::parse(&root.locale)
            .with_context(|| format!("unsupported locale {}", root.locale))?;
        let ingested = docs_index::ingest::read_path_in(&root.path, Some(locale), Source::Folder)?;
        problems += ingested.problems.len();
        articles.extend(
            ingested
                .articles
                .into_iter()
                .filter(|article| !root.exclude.contains(&article.id)),
        );
    }
    Ok(Corpus { articles, problems })
}

/// One judged query: the relevant ids, best first.
#[derive(Debug, Clone)]
pub struct JudgedQuery {
    pub locale: Locale,
    pub kind: String,
    pub query: String,
    pub relevant: Vec<String>,
}

pub fn queries(tsv: &Path) -> anyhow::Result<Vec<JudgedQuery>> {
    let text =
        std::fs::read_to_string(tsv).with_context(|| format!("cannot read {}", tsv.display()))?;
    let mut queries = Vec::new();
    for (number, line) in text.lines().enumerate().skip(1) {
        let columns: Vec<&str> = line.split('\t').collect();
        let [lang, kind, query, relevant] = columns[..] else {
            bail!(
                "{}:{}: expected 4 tab-separated columns",
                tsv.display(),
                number + 1
            );
        };
        queries.push(JudgedQuery {
            locale: Locale::parse(lang)
                .with_context(|| format!("{}:{}: bad language", tsv.display(), number + 1))?,
            kind: kind.to_owned(),
            query: query.to_owned(),
            relevant: relevant
                .split(',')
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(str::to_owned)
                .collect(),
        });
    }
    Ok(queries)
}
