//! Reading help articles from files: Markdown with front matter, HTML, Zendesk Help Center
//! article JSON and JSON Lines. A bad file or line is reported with its path and line, and
//! everything else still comes through.

mod html_file;
mod jsonl;
mod markdown;
mod zendesk;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::html::LinkTargets;
use crate::{Article, Locale, Source};

pub use markdown::parse_markdown;

/// Something wrong with one file or line; the rest of the corpus still indexes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestProblem {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for IngestProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// The articles read, and what could not be read.
#[derive(Debug, Default)]
pub struct Ingested {
    pub articles: Vec<Article>,
    pub problems: Vec<IngestProblem>,
}

impl Ingested {
    fn problem(&mut self, path: &Path, line: Option<usize>, message: impl Into<String>) {
        self.problems.push(IngestProblem {
            path: path.to_owned(),
            line,
            message: message.into(),
        });
    }

    fn extend(&mut self, other: Ingested) {
        self.articles.extend(other.articles);
        self.problems.extend(other.problems);
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A file as handed to a format reader.
struct SourceFile<'a> {
    path: &'a Path,
    /// The path below the corpus root, with `/` separators, e.g. `en/reply-offline.md`.
    relative: String,
    text: String,
    source: Source,
    /// The language of files that name none (a corpus root that is itself a language folder).
    default_locale: Option<Locale>,
}

impl SourceFile<'_> {
    /// The language named by the first folder that is a locale (`en/…`, `docs/fr-fr/…`), or the
    /// default language of the corpus.
    fn folder_locale(&self) -> Option<Locale> {
        self.relative
            .split('/')
            .rev()
            .skip(1)
            .filter(|part| is_locale_folder(part))
            .find_map(Locale::parse)
            .or(self.default_locale)
    }

    /// The path without locale folders and extension: shared by translations of the same page.
    fn default_id(&self) -> String {
        let without_extension = self
            .relative
            .rsplit_once('.')
            .map_or(&*self.relative, |(stem, _)| stem);
        without_extension
            .split('/')
            .filter(|part| !is_locale_folder(part))
            .collect::<Vec<_>>()
            .join("/")
    }

    fn file_name(&self) -> &str {
        self.relative.rsplit('/').next().unwrap_or_default()
    }
}

/// Reads every article under `path` (a folder, or a single `.md`, `.html`, `.json` or `.jsonl`
/// file).
pub fn read_path(path: &Path, source: Source) -> Result<Ingested, IngestError> {
    read_path_in(path, None, source)
}

/// Like [`read_path`], for a folder whose files are all in `locale` unless they say otherwise
/// (e.g. `/usr/share/gimp/2.0/help/fr`).
pub fn read_path_in(
    path: &Path,
    locale: Option<Locale>,
    source: Source,
) -> Result<Ingested, IngestError> {
    let read_error = |source| IngestError::Read {
        path: path.to_owned(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(read_error)?;
    let (root, files): (&Path, Vec<PathBuf>) = if metadata.is_dir() {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(path)
            .follow_links(true)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|entry| entry.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .filter(|file| format_of(file).is_some())
            .collect();
        files.sort();
        (path, files)
    } else {
        (
            path.parent().unwrap_or(Path::new("")),
            vec![path.to_owned()],
        )
    };
    let mut loaded = Vec::with_capacity(files.len());
    let mut ingested = Ingested::default();
    for file in &files {
        match std::fs::read(file) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => loaded.push((file.as_path(), text)),
                Err(error) => {
                    let valid = error.utf8_error().valid_up_to();
                    let line = error.as_bytes()[..valid]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count()
                        + 1;
                    ingested.problem(file, Some(line), "not UTF-8 text: save the file as UTF-8");
                }
            },
            Err(error) => ingested.problem(file, None, format!("cannot read: {error}")),
        }
    }
    let files: Vec<SourceFile<'_>> = loaded
        .into_iter()
        .map(|(file, text)| SourceFile {
            path: file,
            relative: relative_path(root, file),
            text,
            source,
            default_locale: locale,
        })
        .collect();
    ingested.extend(read_files(&files));
    Ok(ingested)
}

/// Reads files already in memory (used for the bundled articles).
fn read_files(files: &[SourceFile<'_>]) -> Ingested {
    // Links between articles are written as file names; learn which id each file gets first.
    let link_targets = link_targets(files);
    let mut ingested = Ingested::default();
    for file in files {
        let read = match format_of(file.path) {
            Some(Format::Markdown) => markdown::read(file, &link_targets),
            Some(Format::Html) => html_file::read(file, &link_targets),
            Some(Format::ZendeskJson) => zendesk::read(file),
            Some(Format::JsonLines) => jsonl::read(file, &link_targets),
            None => continue,
        };
        ingested.extend(read);
    }
    ingested
}

fn link_targets(files: &[SourceFile<'_>]) -> LinkTargets {
    files
        .iter()
        .filter(|file| matches!(format_of(file.path), Some(Format::Markdown | Format::Html)))
        .map(|file| {
            let id = markdown::declared_id(&file.text).unwrap_or_else(|| file.default_id());
            (file.file_name().to_owned(), id)
        })
        .collect()
}

/// `en`, `fr`, `en-us`, `fr_CA`: a folder that names a language, not a topic.
fn is_locale_folder(part: &str) -> bool {
    matches!(part.len(), 2 | 5) && Locale::parse(part).is_some()
}

#[derive(Debug, Clone, Copy)]
enum Format {
    Markdown,
    Html,
    ZendeskJson,
    JsonLines,
}

fn format_of(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "md" | "markdown" => Some(Format::Markdown),
        "html" | "htm" => Some(Format::Html),
        "json" => Some(Format::ZendeskJson),
        "jsonl" | "ndjson" => Some(Format::JsonLines),
        _ => None,
    }
}

fn relative_path(root: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(root).unwrap_or(file);
    relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The articles shipped inside Helpline (`docs-index/articles/{en,fr}/*.md`).
static BUNDLED: include_dir::Dir<'_> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/articles");

/// Every Markdown file of the bundled articles, in every language folder.
fn bundled_files() -> impl Iterator<Item = &'static include_dir::File<'static>> {
    BUNDLED
        .dirs()
        .flat_map(|dir| dir.files())
        .filter(|file| file.path().extension().is_some_and(|ext| ext == "md"))
}

/// The bundled articles, read and sanitised like any other Markdown folder.
pub fn bundled() -> Ingested {
    let mut files = Vec::new();
    for file in bundled_files() {
        files.push(SourceFile {
            path: file.path(),
            relative: file.path().to_string_lossy().replace('\\', "/"),
            text: file.contents_utf8().unwrap_or_default().to_owned(),
            source: Source::Bundled,
            default_locale: None,
        });
    }
    files.sort_by(|a, b| a.relative.cmp(&b.relative));
    read_files(&files)
}

/// A fingerprint of the bundled articles, so the app re-indexes them when an update changes them.
pub fn bundled_fingerprint() -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for file in bundled_files() {
        file.path().hash(&mut hasher);
        file.contents().hash(&mut hasher);
    }
    hasher.finish()
}

/// Builds an article from its parts, sanitising the HTML and extracting its text.
fn article(
    file: &SourceFile<'_>,
    id: String,
    locale: Locale,
    title: String,
    body_html: &str,
    link_targets: &LinkTargets,
) -> Article {
    let body_html = crate::html::sanitize(body_html, link_targets);
    let body_text = crate::html::text_of(&body_html);
    Article {
        id,
        locale,
        title,
        body_html,
        body_text,
        section: None,
        labels: Vec::new(),
        url: None,
        updated_at: None,
        source: file.source,
    }
}

#[cfg(test)]
mod tests;
