use std::path::Path;

use anyhow::Context as _;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::{fmt, layer::SubscriberExt as _, util::SubscriberInitExt as _, EnvFilter};

/// Days of log files kept in the log directory.
const KEPT_LOG_FILES: usize = 7;

/// Sends `tracing` events to a daily log file in `log_dir` (and to stderr in debug builds).
/// Keep the returned guard alive: dropping it flushes and stops the writer.
pub fn init(log_dir: &Path) -> anyhow::Result<WorkerGuard> {
    let appender = RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix("helpline")
        .filename_suffix("log")
        .max_log_files(KEPT_LOG_FILES)
        .build(log_dir)
        .with_context(|| format!("cannot write logs to {}", log_dir.display()))?;
    let (file_writer, guard) = tracing_appender::non_blocking(appender);
    let filter = EnvFilter::try_from_env("HELPLINE_LOG").unwrap_or_else(|_| EnvFilter::new("info"));
    let stderr = cfg!(debug_assertions).then(|| fmt::layer().with_writer(std::io::stderr));
    tracing_subscriber::registry()
        .with(filter)
        .with(fmt::layer().with_ansi(false).with_writer(file_writer))
        .with(stderr)
        .try_init()
        .context("logging was already set up")?;
    Ok(guard)
}
