//! Helpers shared by the CLI tests: running the binary and serving the demo desk.

#![allow(dead_code)]

use std::process::{Command, Output};

pub fn helpline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_helpline"))
        .args(args)
        .output()
        .expect("helpline runs")
}

/// Runs `helpline` with `token` (or none) as the desk token and no desk in the environment.
pub fn helpline_as(token: Option<&str>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_helpline"));
    command
        .args(args)
        .env_remove("HELPLINE_DESK_URL")
        .env_remove("HELPLINE_ZENDESK_TOKEN")
        .env("RUST_BACKTRACE", "0");
    if let Some(token) = token {
        command.env("HELPLINE_ZENDESK_TOKEN", token);
    }
    command.output().expect("helpline runs")
}

/// [`helpline_as`] for a command that must succeed; its standard output.
pub fn helpline_ok(token: Option<&str>, args: &[&str]) -> String {
    let output = helpline_as(token, args);
    assert!(
        output.status.success(),
        "helpline {args:?} failed: {}",
        text(&output.stderr)
    );
    text(&output.stdout)
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A `helpline demo-desk serve` on a free port: the process, its base address and token.
pub struct ServedDesk {
    pub process: std::process::Child,
    pub address: String,
    pub token: String,
}

impl Drop for ServedDesk {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

pub fn serve_demo_desk() -> ServedDesk {
    serve_demo_desk_with(&[])
}

/// [`serve_demo_desk`] with more `helpline demo-desk serve` options (e.g. `--rate-limit`).
pub fn serve_demo_desk_with(options: &[&str]) -> ServedDesk {
    use std::io::BufRead as _;
    let mut process = Command::new(env!("CARGO_BIN_EXE_helpline"))
        .args(["demo-desk", "serve", "--port", "0", "--reply-after", "0"])
        .args(options)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("helpline starts");
    let mut api = String::new();
    let mut token = String::new();
    for line in std::io::BufReader::new(process.stdout.take().unwrap()).lines() {
        let line = line.unwrap();
        if let Some(url) = line.strip_prefix("Zendesk API:") {
            api = url.trim().to_owned();
        }
        if let Some(value) = line.strip_prefix("HELPLINE_ZENDESK_TOKEN=") {
            token = value.to_owned();
            break;
        }
    }
    let address = api
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    ServedDesk {
        process,
        address,
        token,
    }
}

/// A GET with the demo token over plain HTTP/1.1; the raw response.
pub fn get(desk: &ServedDesk, path: &str) -> String {
    use std::io::{Read as _, Write as _};
    let mut stream = std::net::TcpStream::connect(&desk.address).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\nConnection: close\r\n\r\n",
        desk.address, desk.token
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}
