//! Listing rows of one table in a stable order, by offset or by keyset.
//!
//! Keyset pages are anchored on `(sort value, id)` of a row rather than on a row number, so a
//! cursor keeps pointing at the same place while rows are added elsewhere in the list.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, Row};

/// A filtered, ordered view of one table.
pub(crate) struct Listing {
    pub table: &'static str,
    /// The selected columns, in the order the row mapper reads them.
    pub columns: &'static str,
    /// A boolean SQL expression with `?` placeholders for `params`.
    pub filter: String,
    pub params: Vec<Value>,
    pub order: Order,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Order {
    /// An integer column; ties are broken by `id` in the same direction.
    pub column: &'static str,
    pub descending: bool,
}

/// Where a row sits in an [`Order`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Position {
    pub sort_value: i64,
    pub id: i64,
}

/// Which page of a keyset listing to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Window {
    First,
    After(Position),
    Before(Position),
}

pub(crate) struct KeysetPage<T> {
    pub items: Vec<T>,
    /// Rows exist after the last item.
    pub more_after: bool,
    /// Rows exist before the first item.
    pub more_before: bool,
}

impl Listing {
    pub(crate) fn count(&self, connection: &Connection) -> rusqlite::Result<i64> {
        let sql = format!("SELECT COUNT(*) FROM {} WHERE {}", self.table, self.filter);
        connection.query_row(&sql, params_from_iter(self.params.iter()), |row| row.get(0))
    }

    pub(crate) fn offset<T>(
        &self,
        connection: &Connection,
        offset: i64,
        limit: i64,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<Vec<T>> {
        let sql = format!(
            "SELECT {} FROM {} WHERE {} ORDER BY {} LIMIT ? OFFSET ?",
            self.columns,
            self.table,
            self.filter,
            self.order_by(false)
        );
        let mut params = self.params.clone();
        params.push(Value::Integer(limit));
        params.push(Value::Integer(offset));
        let mut statement = connection.prepare(&sql)?;
        let rows = statement.query_map(params_from_iter(params.iter()), map)?;
        rows.collect()
    }

    pub(crate) fn keyset<T>(
        &self,
        connection: &Connection,
        window: Window,
        size: usize,
        mut map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
        position_of: impl Fn(&T) -> Position,
    ) -> rusqlite::Result<KeysetPage<T>> {
        let (anchor, backwards) = match window {
            Window::First => (None, false),
            Window::After(position) => (Some(position), false),
            Window::Before(position) => (Some(position), true),
        };
        let mut sql = format!(
            "SELECT {} FROM {} WHERE ({})",
            self.columns, self.table, self.filter
        );
        let mut params = self.params.clone();
        if let Some(anchor) = anchor {
            sql.push_str(&format!(
                " AND ({}, id) {} (?, ?)",
                self.order.column,
                self.comparison(!backwards)
            ));
            params.push(Value::Integer(anchor.sort_value));
            params.push(Value::Integer(anchor.id));
        }
        sql.push_str(&format!(" ORDER BY {} LIMIT ?", self.order_by(backwards)));
        params.push(Value::Integer(size as i64 + 1));

        let mut statement = connection.prepare(&sql)?;
        let mut items = statement
            .query_map(params_from_iter(params.iter()), &mut map)?
            .collect::<rusqlite::Result<Vec<T>>>()?;
        let more_in_travel_direction = items.len() > size;
        items.truncate(size);
        if backwards {
            items.reverse();
        }

        let (more_before, more_after) = match (items.first(), items.last()) {
            (Some(_), Some(last)) if backwards => (
                more_in_travel_direction,
                self.exists_beyond(connection, position_of(last), true)?,
            ),
            (Some(first), Some(_)) => (
                self.exists_beyond(connection, position_of(first), false)?,
                more_in_travel_direction,
            ),
            _ => (false, false),
        };
        Ok(KeysetPage {
            items,
            more_after,
            more_before,
        })
    }

    /// Whether any row sorts after (`forward`) or before `position`.
    fn exists_beyond(
        &self,
        connection: &Connection,
        position: Position,
        forward: bool,
    ) -> rusqlite::Result<bool> {
        let sql = format!(
            "SELECT EXISTS (SELECT 1 FROM {} WHERE ({}) AND ({}, id) {} (?, ?))",
            self.table,
            self.filter,
            self.order.column,
            self.comparison(forward)
        );
        let mut params = self.params.clone();
        params.push(Value::Integer(position.sort_value));
        params.push(Value::Integer(position.id));
        connection.query_row(&sql, params_from_iter(params.iter()), |row| row.get(0))
    }

    /// The SQL operator for "sorts after" (`forward`) or "sorts before".
    fn comparison(&self, forward: bool) -> &'static str {
        if forward != self.order.descending {
            ">"
        } else {
            "<"
        }
    }

    fn order_by(&self, reversed: bool) -> String {
        let direction = if self.order.descending != reversed {
            "DESC"
        } else {
            "ASC"
        };
        format!("{} {direction}, id {direction}", self.order.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(count: i64) -> Connection {
        let connection = Connection::open_in_memory().unwrap();
        connection
            .execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)")
            .unwrap();
        for id in 1..=count {
            // Pairs of rows share a sort value, so the id tie-break matters.
            connection
                .execute("INSERT INTO t (id, v) VALUES (?, ?)", [id, id / 2])
                .unwrap();
        }
        connection
    }

    fn listing(descending: bool) -> Listing {
        Listing {
            table: "t",
            columns: "id, v",
            filter: "1".into(),
            params: vec![],
            order: Order {
                column: "v",
                descending,
            },
        }
    }

    fn page(connection: &Connection, listing: &Listing, window: Window) -> KeysetPage<Position> {
        listing
            .keyset(
                connection,
                window,
                3,
                |row| {
                    Ok(Position {
                        id: row.get(0)?,
                        sort_value: row.get(1)?,
                    })
                },
                |position| *position,
            )
            .unwrap()
    }

    #[test]
    fn walking_forward_then_back_visits_the_same_pages() {
        let connection = numbers(8);
        let listing = listing(true);
        let first = page(&connection, &listing, Window::First);
        let ids = |page: &KeysetPage<Position>| page.items.iter().map(|p| p.id).collect::<Vec<_>>();
        assert_eq!(ids(&first), vec![8, 7, 6]);
        assert!(first.more_after && !first.more_before);

        let second = page(
            &connection,
            &listing,
            Window::After(*first.items.last().unwrap()),
        );
        assert_eq!(ids(&second), vec![5, 4, 3]);
        assert!(second.more_after && second.more_before);

        let third = page(
            &connection,
            &listing,
            Window::After(*second.items.last().unwrap()),
        );
        assert_eq!(ids(&third), vec![2, 1]);
        assert!(!third.more_after && third.more_before);

        let back = page(&connection, &listing, Window::Before(third.items[0]));
        assert_eq!(ids(&back), vec![5, 4, 3]);
        assert!(back.more_after && back.more_before);
    }

    #[test]
    fn offset_and_count_follow_the_order() {
        let connection = numbers(5);
        let listing = listing(false);
        assert_eq!(listing.count(&connection).unwrap(), 5);
        let ids = listing
            .offset(&connection, 2, 2, |row| row.get::<_, i64>(0))
            .unwrap();
        assert_eq!(ids, vec![3, 4]);
    }
}
