//! `helpline search`: one query, or a batch of queries in one process.

use std::io::{BufRead as _, Write as _};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context as _};
use clap::Args;
use docs_index::{DocsIndex, Locale, SearchFilters, SearchHit, SearchRequest, TextPart};

#[derive(Args)]
pub struct SearchArgs {
    /// What to search for. Leave out with --queries.
    #[arg(required_unless_present = "queries")]
    query: Option<String>,
    /// Run one query per line of FILE and print one result line per query with its time.
    #[arg(long, conflicts_with = "query")]
    queries: Option<PathBuf>,
    /// The reader's language: results show this translation when there is one.
    #[arg(long, default_value = "en", value_parser = super::parse_locale)]
    lang: Locale,
    /// Only articles in this language.
    #[arg(long, value_parser = super::parse_locale)]
    only: Option<Locale>,
    /// Only articles in this section.
    #[arg(long)]
    section: Option<String>,
    #[arg(long, default_value_t = 10)]
    limit: u32,
    /// The index folder (default: Helpline's own index in its data folder).
    #[arg(long)]
    index: Option<PathBuf>,
    /// Print JSON (one object per query) instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(args: SearchArgs) -> anyhow::Result<()> {
    let dir = super::index_dir(args.index.clone())?;
    if !dir.join("meta.json").exists() {
        bail!(
            "no index at {}: build one with `helpline index build --from PATH --index {}`",
            dir.display(),
            dir.display()
        );
    }
    let (index, _) = DocsIndex::open(&dir)?;
    if index.is_empty() {
        bail!(
            "the index at {} is empty: build it with `helpline index build --from PATH`",
            dir.display()
        );
    }
    let request = |query: &str| SearchRequest {
        query: query.to_owned(),
        language: args.lang,
        limit: args.limit,
        filters: SearchFilters {
            locale: args.only,
            section: args.section.clone(),
            ..SearchFilters::default()
        },
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match &args.queries {
        None => {
            let query = args.query.as_deref().unwrap_or_default();
            let results = index.search(&request(query))?;
            if args.json {
                serde_json::to_writer_pretty(&mut out, &results)?;
                writeln!(out)?;
            } else if results.hits.is_empty() {
                writeln!(out, "no articles match {query:?}")?;
            } else {
                for (rank, hit) in results.hits.iter().enumerate() {
                    print_hit(&mut out, rank + 1, hit)?;
                }
            }
        }
        Some(file) => {
            let reader = std::io::BufReader::new(
                std::fs::File::open(file)
                    .with_context(|| format!("cannot open {}", file.display()))?,
            );
            for line in reader.lines() {
                let query = line?;
                let started = Instant::now();
                let results = index.search(&request(&query))?;
                let took = started.elapsed();
                let ids: Vec<&str> = results.hits.iter().map(|hit| hit.id.as_str()).collect();
                if args.json {
                    let line = serde_json::json!({
                        "query": query,
                        "took_micros": took.as_micros(),
                        "hits": results.hits.iter().map(|hit| serde_json::json!({
                            "id": hit.id, "locale": hit.locale, "title": plain(&hit.title), "score": hit.score,
                        })).collect::<Vec<_>>(),
                    });
                    writeln!(out, "{line}")?;
                } else {
                    writeln!(
                        out,
                        "{:.3}ms\t{query}\t{}",
                        took.as_secs_f64() * 1000.0,
                        ids.join(",")
                    )?;
                }
            }
        }
    }
    Ok(())
}

fn plain(parts: &[TextPart]) -> String {
    parts.iter().map(|part| part.text.as_str()).collect()
}

/// Highlights as `[word]`, readable in a terminal and in logs.
fn marked(parts: &[TextPart]) -> String {
    parts
        .iter()
        .map(|part| {
            if part.highlighted {
                format!("[{}]", part.text)
            } else {
                part.text.clone()
            }
        })
        .collect()
}

fn print_hit(out: &mut impl std::io::Write, rank: usize, hit: &SearchHit) -> std::io::Result<()> {
    writeln!(
        out,
        "{rank:>2}. {} ({}, {}, score {:.2})",
        marked(&hit.title),
        hit.id,
        hit.locale.as_str(),
        hit.score
    )?;
    writeln!(out, "    {}", marked(&hit.snippet))
}
