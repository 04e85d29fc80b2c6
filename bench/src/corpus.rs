//! The benchmark corpus (`bench/corpus.toml`) and judged queries (`bench/judged.tsv`, made by
//! `bench/make_judged_set.py` from `bench/queries.tsv` and the help's own index).

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

/// Which half of the judged set a query is in: tune on one, report the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Half {
    Tune,
    Test,
}

/// One judged query: the relevant ids, best first.
#[derive(Debug, Clone)]
pub struct JudgedQuery {
    pub half: Half,
    pub locale: Locale,
    pub kind: String,
    /// Who judged it: `ours`, or the help's own index (`lo-index`, `gimp-index`).
    pub source: String,
    pub query: String,
    pub relevant: Vec<String>,
}

pub fn queries(tsv: &Path) -> anyhow::Result<Vec<JudgedQuery>> {
    let text =
        std::fs::read_to_string(tsv).with_context(|| format!("cannot read {}", tsv.display()))?;
    let mut queries = Vec::new();
    for (number, line) in text.lines().enumerate().skip(1) {
        let at = || format!("{}:{}", tsv.display(), number + 1);
        let columns: Vec<&str> = line.split('\t').collect();
        let [half, lang, kind, source, query, relevant] = columns[..] else {
            bail!("{}: expected 6 tab-separated columns", at());
        };
        let half = match half {
            "tune" => Half::Tune,
            "test" => Half::Test,
            other => bail!("{}: half is {other:?}, not tune or test", at()),
        };
        queries.push(JudgedQuery {
            half,
            locale: Locale::parse(lang).with_context(|| format!("{}: bad language", at()))?,
            kind: kind.to_owned(),
            source: source.to_owned(),
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
