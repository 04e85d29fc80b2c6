//! Driving the page with script where WebDriver has no verb: dropping a file on a drop zone,
//! reading the DOM, and waiting for a condition that spans several elements.

use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use serde_json::Value;

use crate::App;

impl App {
    /// Runs `script` (a function body; `arguments` holds `args`) in the window; its result.
    pub async fn run_script(&self, script: &str, args: Vec<Value>) -> anyhow::Result<Value> {
        self.client
            .execute(script, args)
            .await
            .context("the script failed in the window")
    }

    /// How many elements match `css` right now.
    pub async fn count(&self, css: &str) -> anyhow::Result<usize> {
        let value = self
            .run_script(
                "return document.querySelectorAll(arguments[0]).length;",
                vec![Value::from(css)],
            )
            .await?;
        Ok(value.as_u64().unwrap_or_default() as usize)
    }

    /// Waits up to `timeout` until `count(css) >= at_least`.
    pub async fn wait_for_count(
        &self,
        css: &str,
        at_least: usize,
        timeout: Duration,
    ) -> anyhow::Result<()> {
        let deadline = Instant::now() + timeout;
        let mut seen = 0;
        while Instant::now() < deadline {
            seen = self.count(css).await?;
            if seen >= at_least {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        bail!("expected at least {at_least} `{css}` within {timeout:?}, saw {seen}")
    }

    /// Waits up to `timeout` until nothing matches `css` (what went away stays away only if
    /// the caller checks again later).
    pub async fn wait_for_none(&self, css: &str, timeout: Duration) -> anyhow::Result<()> {
        let deadline = Instant::now() + timeout;
        let mut seen = 0;
        while Instant::now() < deadline {
            seen = self.count(css).await?;
            if seen == 0 {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        bail!("`{css}` still matched {seen} element(s) after {timeout:?}")
    }

    /// Drops a file with `contents` on the element matching `css`, as a user dragging it from
    /// the file manager would (the window handles drops itself, as HTML5 drag and drop).
    pub async fn drop_file(
        &self,
        css: &str,
        file_name: &str,
        mime: &str,
        contents: &str,
    ) -> anyhow::Result<()> {
        let script = r#"
            const [css, name, type, contents] = arguments;
            const target = document.querySelector(css);
            if (!target) return 'no ' + css;
            const transfer = new DataTransfer();
            transfer.items.add(new File([contents], name, { type }));
            for (const kind of ['dragenter', 'dragover', 'drop']) {
                target.dispatchEvent(new DragEvent(kind, { bubbles: true, cancelable: true, dataTransfer: transfer }));
            }
            return 'dropped';
        "#;
        let args = [css, file_name, mime, contents].map(Value::from).to_vec();
        let outcome = self.run_script(script, args).await?;
        if outcome != "dropped" {
            bail!("cannot drop {file_name}: {outcome}");
        }
        Ok(())
    }
}
