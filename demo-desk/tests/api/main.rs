//! The demo desk over real HTTP on loopback: contract tests per endpoint and the behaviours
//! clients rely on. One binary, so the server and client crates are linked once.

mod helpers;

mod back_office;
mod comments;
mod durability;
mod faults;
mod headers;
mod help_center;
mod help_center_incremental;
mod help_center_search;
mod idempotency;
mod oauth;
mod paging;
mod rate_limits;
mod requests;
mod statuspage;
mod uploads;
mod users;
