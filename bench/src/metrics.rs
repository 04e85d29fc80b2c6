//! Relevance metrics over ranked id lists, and latency percentiles.

use std::time::Duration;

/// Scores of one ranking against judged relevant ids (the first judged id is the best answer).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Relevance {
    pub recall_at_5: f64,
    pub reciprocal_rank_at_10: f64,
    pub ndcg_at_10: f64,
    pub found_in_top_10: bool,
}

/// Gain of a relevant id: 2 for the best answer, 1 for the others.
fn gain(relevant: &[String], id: &str) -> f64 {
    match relevant.iter().position(|judged| judged == id) {
        Some(0) => 2.0,
        Some(_) => 1.0,
        None => 0.0,
    }
}

pub fn relevance(ranked: &[String], relevant: &[String]) -> Relevance {
    let top = |n: usize| &ranked[..ranked.len().min(n)];
    let in_top_5 = top(5).iter().filter(|id| relevant.contains(id)).count();
    let first_hit = top(10).iter().position(|id| relevant.contains(id));
    let dcg: f64 = top(10)
        .iter()
        .enumerate()
        .map(|(rank, id)| gain(relevant, id) / (rank as f64 + 2.0).log2())
        .sum();
    let mut ideal: Vec<f64> = relevant.iter().map(|id| gain(relevant, id)).collect();
    ideal.sort_by(|a, b| b.total_cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(10)
        .enumerate()
        .map(|(rank, g)| g / (rank as f64 + 2.0).log2())
        .sum();
    Relevance {
        recall_at_5: if relevant.is_empty() {
            0.0
        } else {
            in_top_5 as f64 / relevant.len() as f64
        },
        reciprocal_rank_at_10: first_hit.map_or(0.0, |rank| 1.0 / (rank as f64 + 1.0)),
        ndcg_at_10: if idcg > 0.0 { dcg / idcg } else { 0.0 },
        found_in_top_10: first_hit.is_some(),
    }
}

/// Averages of a set of per-query scores.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    pub queries: usize,
    pub recall_at_5: f64,
    pub mrr_at_10: f64,
    pub ndcg_at_10: f64,
    pub missed: usize,
}

pub fn summarise<'a>(scores: impl IntoIterator<Item = &'a Relevance>) -> Summary {
    let mut summary = Summary::default();
    for score in scores {
        summary.queries += 1;
        summary.recall_at_5 += score.recall_at_5;
        summary.mrr_at_10 += score.reciprocal_rank_at_10;
        summary.ndcg_at_10 += score.ndcg_at_10;
        summary.missed += usize::from(!score.found_in_top_10);
    }
    if summary.queries > 0 {
        let n = summary.queries as f64;
        summary.recall_at_5 /= n;
        summary.mrr_at_10 /= n;
        summary.ndcg_at_10 /= n;
    }
    summary
}

/// The value below which `fraction` of the samples fall (nearest rank).
pub fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((fraction * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|id| (*id).to_owned()).collect()
    }

    #[test]
    fn perfect_ranking_scores_one() {
        let score = relevance(&ids(&["a", "b", "x"]), &ids(&["a", "b"]));
        assert_eq!(score.recall_at_5, 1.0);
        assert_eq!(score.reciprocal_rank_at_10, 1.0);
        assert!((score.ndcg_at_10 - 1.0).abs() < 1e-9);
        assert!(score.found_in_top_10);
    }

    #[test]
    fn best_answer_second_scores_below_one() {
        let score = relevance(&ids(&["x", "a"]), &ids(&["a"]));
        assert_eq!(score.reciprocal_rank_at_10, 0.5);
        assert!((score.ndcg_at_10 - 1.0 / 3f64.log2()).abs() < 1e-9);
    }

    #[test]
    fn nothing_relevant_in_the_top_ten_is_a_miss() {
        let ranked: Vec<String> = (0..20).map(|n| n.to_string()).collect();
        let score = relevance(&ranked, &ids(&["15"]));
        assert_eq!(score, Relevance::default());
        assert_eq!(summarise([&score]).missed, 1);
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let samples: Vec<Duration> = (1..=100).map(Duration::from_micros).collect();
        assert_eq!(percentile(&samples, 0.5), Duration::from_micros(50));
        assert_eq!(percentile(&samples, 0.99), Duration::from_micros(99));
    }
}
