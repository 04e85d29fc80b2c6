//! The baseline: SQLite FTS5 as a careful engineer would set it up for help search.
//! `unicode61 remove_diacritics 2`, BM25 with the title weighted like Helpline's title boost,
//! the last token as a prefix, all words required, topped up with any-word matches when fewer
//! than the page size match.

use std::path::Path;

use docs_index::Article;
use rusqlite::{params, Connection};

pub const TITLE_WEIGHT: f64 = 3.0;

pub struct Fts5 {
    connection: Connection,
}

impl Fts5 {
    pub fn build(path: &Path, articles: &[Article]) -> rusqlite::Result<Self> {
        let mut connection = Connection::open(path)?;
        connection.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE VIRTUAL TABLE docs USING fts5(
                 id UNINDEXED, locale UNINDEXED, title, body,
                 tokenize = 'unicode61 remove_diacritics 2');",
        )?;
        let transaction = connection.transaction()?;
        {
            let mut insert = transaction
                .prepare("INSERT INTO docs (id, locale, title, body) VALUES (?1, ?2, ?3, ?4)")?;
            for article in articles {
                insert.execute(params![
                    article.id,
                    article.locale.as_str(),
                    article.title,
                    article.body_text
                ])?;
            }
        }
        transaction.commit()?;
        connection.execute_batch(
            "INSERT INTO docs(docs) VALUES('optimize'); PRAGMA wal_checkpoint(TRUNCATE);",
        )?;
        Ok(Self { connection })
    }

    /// Ranked article ids (one per article), with snippets computed as the UI would need them.
    pub fn search(&self, query: &str, limit: usize) -> rusqlite::Result<Vec<String>> {
        let tokens: Vec<String> = query
            .split(|c: char| !c.is_alphanumeric())
            .filter(|token| !token.is_empty())
            .map(|token| format!("\"{token}\""))
            .collect();
        if tokens.is_empty() {
            return Ok(Vec::new());
        }
        let typing = !query.ends_with(char::is_whitespace);
        let with_prefix = |joiner: &str| {
            let mut expression = tokens.join(joiner);
            if typing {
                expression.push('*');
            }
            expression
        };
        let mut ids = self.ranked(&with_prefix(" "), limit)?;
        if ids.len() < limit && tokens.len() > 1 {
            for id in self.ranked(&with_prefix(" OR "), limit)? {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        ids.truncate(limit);
        Ok(ids)
    }

    fn ranked(&self, expression: &str, limit: usize) -> rusqlite::Result<Vec<String>> {
        let mut statement = self.connection.prepare_cached(
            "SELECT id, highlight(docs, 2, '<mark>', '</mark>'), snippet(docs, 3, '<mark>', '</mark>', '…', 24)
             FROM docs WHERE docs MATCH ?1 ORDER BY bm25(docs, 0.0, 0.0, ?2, 1.0) LIMIT ?3",
        )?;
        let rows = statement.query_map(
            params![expression, TITLE_WEIGHT, (limit * 2) as i64],
            |row| row.get::<_, String>(0),
        )?;
        let mut ids: Vec<String> = Vec::with_capacity(limit);
        for id in rows {
            let id = id?;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Ok(ids)
    }
}
