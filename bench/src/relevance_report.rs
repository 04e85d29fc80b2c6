//! The relevance part of the search report: the held-out (test) half first, the tuning half
//! beside it, by kind of query and language, and the targets checked on the test half.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::corpus::{Half, JudgedQuery};
use crate::metrics::{summarise, Relevance, Summary};

/// One judged query with both engines' scores.
pub struct Scored<'a> {
    pub query: &'a JudgedQuery,
    pub helpline: Relevance,
    pub fts5: Relevance,
}

/// The queries of one group, test half first.
type Halves<'s, 'a> = (Vec<&'s Scored<'a>>, Vec<&'s Scored<'a>>);

/// nDCG@10 at or above this on the test half.
const NDCG_TARGET: f64 = 0.75;
/// No kind of query more than this below FTS5 on the test half.
const KIND_MARGIN: f64 = 0.02;
/// At most this share of queries with no relevant page in the top 10 (8 of 120).
const MISSED_SHARE: f64 = 8.0 / 120.0;

fn both(scored: &[&Scored<'_>]) -> (Summary, Summary) {
    (
        summarise(scored.iter().map(|s| &s.helpline)),
        summarise(scored.iter().map(|s| &s.fts5)),
    )
}

fn in_half<'s, 'a>(scored: &'s [Scored<'a>], half: Half) -> Vec<&'s Scored<'a>> {
    scored.iter().filter(|s| s.query.half == half).collect()
}

/// Writes the relevance tables; returns the targets' lines.
pub fn write(out: &mut String, scored: &[Scored<'_>]) -> Result<Vec<String>, std::fmt::Error> {
    let mut sources: BTreeMap<&str, usize> = BTreeMap::new();
    for s in scored {
        *sources.entry(s.query.source.as_str()).or_default() += 1;
    }
    let test = in_half(scored, Half::Test);
    let tune = in_half(scored, Half::Tune);
    writeln!(
        out,
        "\nJudged set (`bench/judged.tsv`): {} queries, {} in the tuning half and {} in the test \
         half (fixed by a hash of each query); judged by: {}.\n",
        scored.len(),
        tune.len(),
        test.len(),
        sources
            .iter()
            .map(|(source, n)| format!("{source} {n}"))
            .collect::<Vec<_>>()
            .join(", ")
    )?;

    writeln!(
        out,
        "| | test half: Helpline | FTS5 | tuning half: Helpline | FTS5 |\n|---|---|---|---|---|"
    )?;
    let (test_ours, test_theirs) = both(&test);
    let (tune_ours, tune_theirs) = both(&tune);
    let row = |name: &str, value: fn(&Summary) -> String| {
        format!(
            "| {name} | {} | {} | {} | {} |",
            value(&test_ours),
            value(&test_theirs),
            value(&tune_ours),
            value(&tune_theirs)
        )
    };
    writeln!(
        out,
        "{}",
        row("recall@5", |s| format!("{:.3}", s.recall_at_5))
    )?;
    writeln!(out, "{}", row("MRR@10", |s| format!("{:.3}", s.mrr_at_10)))?;
    writeln!(
        out,
        "{}",
        row("nDCG@10", |s| format!("{:.3}", s.ndcg_at_10))
    )?;
    writeln!(
        out,
        "{}",
        row("no relevant page in the top 10", |s| format!(
            "{} of {}",
            s.missed, s.queries
        ))
    )?;

    writeln!(
        out,
        "\nnDCG@10 by kind of query and language:\n\n\
         | kind | lang | test: queries | Helpline | FTS5 | difference | tuning: queries | Helpline | FTS5 | difference |\n\
         |---|---|---|---|---|---|---|---|---|---|"
    )?;
    let mut kinds: BTreeMap<(&str, &str), Halves<'_, '_>> = BTreeMap::new();
    for s in scored {
        let entry = kinds
            .entry((s.query.kind.as_str(), s.query.locale.as_str()))
            .or_default();
        match s.query.half {
            Half::Test => entry.0.push(s),
            Half::Tune => entry.1.push(s),
        }
    }
    let mut kinds_below = Vec::new();
    for ((kind, lang), (test, tune)) in &kinds {
        let (test_ours, test_theirs) = both(test);
        let (tune_ours, tune_theirs) = both(tune);
        let test_difference = test_ours.ndcg_at_10 - test_theirs.ndcg_at_10;
        if !test.is_empty() && test_difference < -KIND_MARGIN {
            kinds_below.push(format!("{kind} ({lang}) {test_difference:+.3}"));
        }
        writeln!(
            out,
            "| {kind} | {lang} | {} | {:.3} | {:.3} | {test_difference:+.3} | {} | {:.3} | {:.3} | {:+.3} |",
            test.len(),
            test_ours.ndcg_at_10,
            test_theirs.ndcg_at_10,
            tune.len(),
            tune_ours.ndcg_at_10,
            tune_theirs.ndcg_at_10,
            tune_ours.ndcg_at_10 - tune_theirs.ndcg_at_10,
        )?;
    }

    let ours_only: Vec<&Scored<'_>> = scored.iter().filter(|s| s.query.source == "ours").collect();
    let (own_ours, own_theirs) = both(&ours_only);
    writeln!(
        out,
        "\nThe project's own {} queries alone (both halves): Helpline {:.3}, FTS5 {:.3} ({:+.3}).",
        own_ours.queries,
        own_ours.ndcg_at_10,
        own_theirs.ndcg_at_10,
        own_ours.ndcg_at_10 - own_theirs.ndcg_at_10
    )?;

    let check = |ok: bool| if ok { "met" } else { "NOT MET" };
    let allowed_missed = (MISSED_SHARE * test_ours.queries as f64).floor() as usize;
    Ok(vec![
        format!(
            "- nDCG@10 ≥ {NDCG_TARGET} on the test half: {} ({:.3}; FTS5 {:.3}, {:+.3})",
            check(test_ours.ndcg_at_10 >= NDCG_TARGET),
            test_ours.ndcg_at_10,
            test_theirs.ndcg_at_10,
            test_ours.ndcg_at_10 - test_theirs.ndcg_at_10
        ),
        format!(
            "- no kind of query more than {KIND_MARGIN} below FTS5 on the test half: {} ({})",
            check(kinds_below.is_empty()),
            if kinds_below.is_empty() {
                "none".to_owned()
            } else {
                kinds_below.join(", ")
            }
        ),
        format!(
            "- no relevant page in the top 10 for at most 8 in 120 test queries: {} ({} of {}, at most {allowed_missed})",
            check(test_ours.missed <= allowed_missed),
            test_ours.missed,
            test_ours.queries
        ),
    ])
}
