//! A bound on how many pages one listing reads, so a desk whose `has_more` never ends (a bug,
//! a proxy replaying one page) cannot keep Helpline paging forever.

use super::HelpdeskError;

/// 1,000 pages of 100: far beyond any customer's own requests or one ticket's comments.
pub const MAX_LIST_PAGES: u32 = 1_000;

/// Counts the pages of one listing.
pub(crate) struct PageBudget {
    what: &'static str,
    read: u32,
}

impl PageBudget {
    /// A budget for listing `what` ("requests", "comments").
    pub(crate) fn new(what: &'static str) -> Self {
        Self { what, read: 0 }
    }

    /// Counts a page about to be read; an error once the listing has had its share.
    pub(crate) fn take(&mut self) -> Result<(), HelpdeskError> {
        self.read += 1;
        if self.read > MAX_LIST_PAGES {
            return Err(HelpdeskError::Protocol(format!(
                "the help desk kept sending more {} after {MAX_LIST_PAGES} pages, so Helpline stopped reading. Try again later; if it goes on, tell the help desk's administrators",
                self.what
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_after_the_last_allowed_one_is_refused() {
        let mut budget = PageBudget::new("comments");
        for _ in 0..MAX_LIST_PAGES {
            budget.take().unwrap();
        }
        let error = budget.take().unwrap_err().to_string();
        assert!(error.contains("more comments after 1000 pages"), "{error}");
    }
}
