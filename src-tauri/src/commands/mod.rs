//! Thin commands: each takes typed input, calls the core crates and returns a typed output or a
//! [`helpline_core::WireError`].

pub mod app;
pub mod desk;
pub mod desktop;
pub mod search;
pub mod settings;
pub mod support;
pub mod tickets;
