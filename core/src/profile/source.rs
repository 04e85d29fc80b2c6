//! Where a vendor's profile comes from when the user gives one: a file on this computer, or
//! the address the vendor publishes it at (https; plain http only on loopback, for tests).

use std::time::Duration;

use super::{ProfileError, ProviderProfile};

/// A profile is a few kilobytes; anything much larger is not one.
const MAX_PROFILE_BYTES: usize = 1024 * 1024;

/// A checked profile and its text, to keep as the desk's `profile.toml`.
pub struct GivenProfile {
    pub profile: ProviderProfile,
    pub text: String,
}

impl ProviderProfile {
    /// Reads and checks the profile at `source`: an `https://` address, or a file path.
    pub async fn from_source(source: &str) -> Result<GivenProfile, ProfileError> {
        let source = source.trim();
        let text = if source.starts_with("https://") || is_loopback_http(source) {
            fetch(source).await?
        } else if source.starts_with("http://") {
            return Err(ProfileError::Fetch(format!(
                "{source} is not secure: ask your vendor for its https:// address"
            )));
        } else {
            let path = std::path::Path::new(source);
            std::fs::read_to_string(path).map_err(|error| ProfileError::Read {
                path: path.display().to_string(),
                source: error,
            })?
        };
        let profile = Self::from_toml(&text)?;
        Ok(GivenProfile { profile, text })
    }
}

fn is_loopback_http(source: &str) -> bool {
    source.starts_with("http://")
        && reqwest::Url::parse(source).is_ok_and(|url| crate::zendesk::is_loopback(&url))
}

async fn fetch(url: &str) -> Result<String, ProfileError> {
    let failed = |why: String| ProfileError::Fetch(format!("cannot fetch {url}: {why}"));
    let http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(15))
        .build()
        .map_err(|error| failed(error.to_string()))?;
    let mut response = http
        .get(url)
        .send()
        .await
        .map_err(|error| failed(error.without_url().to_string()))?;
    if !response.status().is_success() {
        return Err(failed(format!("the server answered {}", response.status())));
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|error| failed(error.without_url().to_string()))?
    {
        body.extend_from_slice(&chunk);
        if body.len() > MAX_PROFILE_BYTES {
            return Err(failed("it is larger than a profile can be (1 MB)".into()));
        }
    }
    String::from_utf8(body).map_err(|_| failed("it is not text".into()))
}
