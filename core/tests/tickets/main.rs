//! The tickets backend against a demo desk on loopback: the Zendesk client, the sync engine,
//! the outbox and the store. Every test starts its own desk.

mod accelerated_hour;
mod client;
mod damaged;
mod helpers;
mod oauth;
mod outbox;
mod pace;
mod search;
mod service;
mod signin;
mod staged_files;
mod store;
mod support;
mod sync;
mod unknown_outcome;
