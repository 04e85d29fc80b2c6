//! `cargo xtask bench search`: Helpline's help search against SQLite FTS5, side by side, on a
//! real bilingual corpus (Debian's GIMP and LibreOffice help, see bench/CORPUS.md) with the
//! judged set `judged.tsv` (its tuning and test halves reported side by side). Prints a Markdown
//! report and writes it to target/bench/search.md.
//!
//! `BENCH_RELEVANCE_ONLY=1` stops after the relevance tables (for tuning); `BENCH_VERBOSE=1`
//! prints each query of the tuning half with both engines' ranks, never the test half's;
//! `BENCH_EXPLAIN='<query>'` shows where Helpline puts the pages judged relevant for that query
//! of the tuning half.

mod corpus;
mod fts5;
mod metrics;
mod relevance_report;

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use docs_index::{DocsIndex, HelpLibrary, Locale, SearchFilters, SearchRequest};
use metrics::{percentile, relevance};
use relevance_report::Scored;

const PAGE: usize = 10;

fn main() -> anyhow::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus_toml = root.join("corpus.toml");
    let queries_tsv = root.join("judged.tsv");
    let report = run(&corpus_toml, &queries_tsv)?;
    println!("{report}");
    let out = root.join("../target/bench/search.md");
    std::fs::create_dir_all(out.parent().expect("has parent"))?;
    std::fs::write(&out, &report)?;
    eprintln!("written to {}", out.display());
    Ok(())
}

fn dir_size(path: &Path) -> u64 {
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| {
                    let meta = entry.metadata().ok();
                    if meta.as_ref().is_some_and(|m| m.is_dir()) {
                        dir_size(&entry.path())
                    } else {
                        meta.map_or(0, |m| m.len())
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}

fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

struct Engines {
    helpline: DocsIndex,
    fts5: fts5::Fts5,
    _scratch: tempfile::TempDir,
}

fn helpline_ids(index: &DocsIndex, query: &str, language: Locale) -> anyhow::Result<Vec<String>> {
    let request = SearchRequest {
        query: query.to_owned(),
        language,
        limit: PAGE as u32,
        filters: SearchFilters::default(),
    };
    Ok(index
        .search(&request)?
        .hits
        .into_iter()
        .map(|hit| hit.id)
        .collect())
}

/// Every prefix a user types on the way to `query`, by characters.
fn keystrokes(query: &str) -> impl Iterator<Item = &str> {
    query
        .char_indices()
        .map(|(start, c)| &query[..start + c.len_utf8()])
}

fn run(corpus_toml: &Path, queries_tsv: &Path) -> anyhow::Result<String> {
    let mut out = String::new();
    let started = Instant::now();
    let corpus = corpus::load(corpus_toml)?;
    let read_took = started.elapsed();
    let queries = corpus::queries(queries_tsv)?;
    let articles = &corpus.articles;
    let text_bytes: usize = articles
        .iter()
        .map(|a| a.title.len() + a.body_text.len())
        .sum();
    let count = |locale| articles.iter().filter(|a| a.locale == locale).count();

    // Index builds, on disk, so that sizes are real.
    let scratch = tempfile::tempdir()?;
    let index_dir = scratch.path().join("tantivy");
    let started = Instant::now();
    let (helpline, _) = DocsIndex::open(&index_dir)?;
    helpline.upsert(articles)?;
    helpline.commit()?;
    let helpline_build = started.elapsed();
    let helpline_size = dir_size(&index_dir);
    let fts_path = scratch.path().join("fts5.sqlite3");
    let started = Instant::now();
    let fts5 = fts5::Fts5::build(&fts_path, articles).context("FTS5 build")?;
    let fts5_build = started.elapsed();
    let fts5_size = std::fs::metadata(&fts_path)?.len();
    let engines = Engines {
        helpline,
        fts5,
        _scratch: scratch,
    };

    if let Ok(wanted) = std::env::var("BENCH_EXPLAIN") {
        return explain(&engines.helpline, articles, &queries, &wanted).map(|()| String::new());
    }
    // Relevance.
    let mut scored = Vec::with_capacity(queries.len());
    let mut typo_top5 = (0, 0);
    for judged in &queries {
        let ours = helpline_ids(&engines.helpline, &judged.query, judged.locale)?;
        let theirs = engines.fts5.search(&judged.query, PAGE)?;
        if std::env::var_os("BENCH_VERBOSE").is_some() && judged.half == corpus::Half::Tune {
            let rank = |ids: &[String]| {
                ids.iter()
                    .position(|id| judged.relevant.contains(id))
                    .map_or("-".to_owned(), |r| (r + 1).to_string())
            };
            eprintln!(
                "{}\t{}\t{}\t{:?}\thelpline {}\tfts5 {}\ttop {:?}\twant {:?}",
                judged.locale.as_str(),
                judged.kind,
                judged.source,
                judged.query,
                rank(&ours),
                rank(&theirs),
                &ours[..ours.len().min(3)],
                judged.relevant,
            );
        }
        if judged.kind == "typo" {
            typo_top5.1 += 1;
            typo_top5.0 += usize::from(
                ours[..ours.len().min(5)]
                    .iter()
                    .any(|id| judged.relevant.contains(id)),
            );
        }
        scored.push(Scored {
            query: judged,
            helpline: relevance(&ours, &judged.relevant),
            fts5: relevance(&theirs, &judged.relevant),
        });
    }
    let mut relevance_tables = String::new();
    let relevance_targets = relevance_report::write(&mut relevance_tables, &scored)?;
    if std::env::var_os("BENCH_RELEVANCE_ONLY").is_some() {
        return Ok(format!(
            "{relevance_tables}\n{}\n",
            relevance_targets.join("\n")
        ));
    }

    if std::env::var_os("BENCH_PROFILE_SEARCH").is_some() {
        // For `perf record`: nothing but Helpline's keystroke searches, many times over
        // (`BENCH_PROFILE_ROUNDS`, 20 by default), timed.
        let rounds: usize = std::env::var("BENCH_PROFILE_ROUNDS")
            .ok()
            .and_then(|rounds| rounds.parse().ok())
            .unwrap_or(20);
        let started = Instant::now();
        for _ in 0..rounds {
            for judged in &queries {
                for typed in keystrokes(&judged.query) {
                    helpline_ids(&engines.helpline, typed, judged.locale)?;
                }
            }
        }
        let searches: usize = queries
            .iter()
            .map(|q| q.query.chars().count())
            .sum::<usize>()
            * rounds;
        return Ok(format!(
            "{searches} keystroke searches, {:.3} ms each on average\n",
            started.elapsed().as_secs_f64() * 1000.0 / searches.max(1) as f64
        ));
    }

    // As-you-type latency: every keystroke of every query, one thread.
    let mut helpline_times = Vec::new();
    let mut fts5_times = Vec::new();
    for judged in &queries {
        for typed in keystrokes(&judged.query) {
            let started = Instant::now();
            helpline_ids(&engines.helpline, typed, judged.locale)?;
            helpline_times.push(started.elapsed());
            let started = Instant::now();
            engines.fts5.search(typed, PAGE)?;
            fts5_times.push(started.elapsed());
        }
    }
    helpline_times.sort();
    fts5_times.sort();

    // An edited article: from the change to being found.
    let mut edit_times = Vec::new();
    for round in 0..20 {
        let mut edited = articles[round * 97 % articles.len()].clone();
        let marker = format!("zqxedit{round}marker");
        edited.body_text.push_str(&format!(" {marker}"));
        let started = Instant::now();
        engines.helpline.upsert([&edited])?;
        engines.helpline.commit()?;
        let found = helpline_ids(&engines.helpline, &format!("{marker} "), edited.locale)?;
        edit_times.push(started.elapsed());
        anyhow::ensure!(
            found.first() == Some(&edited.id),
            "edited article not found"
        );
    }
    edit_times.sort();

    // First run of the app: index the bundled articles into an empty folder.
    let bundled_dir = tempfile::tempdir()?;
    let started = Instant::now();
    let library = HelpLibrary::open(&bundled_dir.path().join("index"))?;
    library.index_bundled_if_stale();
    let first_run = started.elapsed();

    let ms = |d: Duration| format!("{:.2} ms", d.as_secs_f64() * 1000.0);
    let secs = |d: Duration| format!("{:.2} s", d.as_secs_f64());

    writeln!(out, "## Help search: Helpline (tantivy) vs SQLite FTS5\n")?;
    writeln!(
        out,
        "Corpus: {} articles ({} en, {} fr) from Debian's GIMP and LibreOffice help, {:.1} MB of text \
         (read and cleaned in {}; {} pages skipped); {} judged queries ({} en, {} fr). One search thread.\n",
        articles.len(),
        count(Locale::En),
        count(Locale::Fr),
        megabytes(text_bytes as u64),
        secs(read_took),
        corpus.problems,
        queries.len(),
        queries.iter().filter(|q| q.locale == Locale::En).count(),
        queries.iter().filter(|q| q.locale == Locale::Fr).count(),
    )?;
    writeln!(out, "| | Helpline | SQLite FTS5 |\n|---|---|---|")?;
    writeln!(
        out,
        "| index build | {} | {} |",
        secs(helpline_build),
        secs(fts5_build)
    )?;
    writeln!(
        out,
        "| index size | {:.1} MB | {:.1} MB |",
        megabytes(helpline_size),
        megabytes(fts5_size)
    )?;
    writeln!(
        out,
        "| as-you-type p50 ({} keystrokes) | {} | {} |",
        helpline_times.len(),
        ms(percentile(&helpline_times, 0.5)),
        ms(percentile(&fts5_times, 0.5))
    )?;
    writeln!(
        out,
        "| as-you-type p99 | {} | {} |",
        ms(percentile(&helpline_times, 0.99)),
        ms(percentile(&fts5_times, 0.99))
    )?;
    out.push_str(&relevance_tables);

    let p50_ratio = percentile(&fts5_times, 0.5).as_secs_f64()
        / percentile(&helpline_times, 0.5).as_secs_f64().max(1e-9);
    writeln!(out, "\nOther figures:\n")?;
    writeln!(
        out,
        "- typo queries with a relevant article in the top 5: {} of {}",
        typo_top5.0, typo_top5.1
    )?;
    writeln!(
        out,
        "- an edited article searchable after: p50 {}, max {} (upsert, commit, reader reload)",
        ms(percentile(&edit_times, 0.5)),
        ms(*edit_times.last().expect("20 rounds"))
    )?;
    writeln!(
        out,
        "- first run: the bundled articles indexed in {}",
        ms(first_run)
    )?;
    writeln!(
        out,
        "- indexing speed: {:.1} MB of text per second",
        megabytes(text_bytes as u64) / helpline_build.as_secs_f64()
    )?;

    writeln!(out, "\nTargets:\n")?;
    let check = |ok: bool| if ok { "met" } else { "NOT MET" };
    let p50 = percentile(&helpline_times, 0.5);
    let p99 = percentile(&helpline_times, 0.99);
    writeln!(
        out,
        "- as-you-type p50 ≤ 1 ms: {} ({})",
        check(p50 <= Duration::from_millis(1)),
        ms(p50)
    )?;
    writeln!(
        out,
        "- as-you-type p99 ≤ 10 ms: {} ({})",
        check(p99 <= Duration::from_millis(10)),
        ms(p99)
    )?;
    writeln!(
        out,
        "- p50 at least 10× faster than FTS5: {} ({p50_ratio:.1}×)",
        check(p50_ratio >= 10.0)
    )?;
    for line in &relevance_targets {
        writeln!(out, "{line}")?;
    }
    writeln!(
        out,
        "- most typo queries right in the top 5: {} ({} of {})",
        check(typo_top5.0 * 2 > typo_top5.1),
        typo_top5.0,
        typo_top5.1
    )?;
    let per_10_mb = helpline_build.as_secs_f64() * 10.0 / megabytes(text_bytes as u64);
    writeln!(
        out,
        "- indexing 10 MB of text ≤ 5 s: {} ({per_10_mb:.2} s per 10 MB)",
        check(per_10_mb <= 5.0)
    )?;
    let edit_max = *edit_times.last().expect("20 rounds");
    writeln!(
        out,
        "- an edit searchable ≤ 200 ms: {} (max {})",
        check(edit_max <= Duration::from_millis(200)),
        ms(edit_max)
    )?;
    writeln!(
        out,
        "- first-run search ready ≤ 2 s: {} ({})",
        check(first_run <= Duration::from_secs(2)),
        ms(first_run)
    )?;
    Ok(out)
}

/// Helpline's results for one query of the tuning half, the relevant pages marked, and the
/// titles of the pages judged relevant.
fn explain(
    index: &DocsIndex,
    articles: &[docs_index::Article],
    queries: &[corpus::JudgedQuery],
    wanted: &str,
) -> anyhow::Result<()> {
    let tuning = queries
        .iter()
        .filter(|judged| judged.half == corpus::Half::Tune && judged.query == wanted);
    for judged in tuning {
        let request = SearchRequest {
            query: judged.query.clone(),
            language: judged.locale,
            limit: 100,
            filters: SearchFilters::default(),
        };
        for (rank, hit) in index.search(&request)?.hits.iter().enumerate() {
            let title: String = hit.title.iter().map(|part| part.text.as_str()).collect();
            let relevant = judged.relevant.contains(&hit.id);
            if rank < 8 || relevant {
                let mark = if relevant { '*' } else { ' ' };
                eprintln!(
                    "{mark}{:3} {:8.3} {} | {title}",
                    rank + 1,
                    hit.score,
                    hit.id
                );
            }
        }
        for article in articles.iter().filter(|a| judged.relevant.contains(&a.id)) {
            eprintln!(
                "relevant: {} [{}] {}",
                article.id,
                article.locale.as_str(),
                article.title
            );
        }
    }
    Ok(())
}
