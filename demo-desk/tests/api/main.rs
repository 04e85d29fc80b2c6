//! The demo desk over real HTTP on loopback: contract tests per endpoint and the behaviours
//! clients rely on. One binary, so the server and client crates are linked once.

mod helpers;

mod back_office;
mod comments;
mod durability;
mod faults;
mod headers;
mod idempotency;
mod paging;
mod rate_limits;
mod requests;
mod statuspage;
mod users;
