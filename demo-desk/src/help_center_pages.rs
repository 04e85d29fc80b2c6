//! `/hc/{locale}/articles/{id}`: the public page each article's `html_url` names, so "open
//! on the web" from a client lands on the article rather than on a 404.

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::Arc;

use crate::desk::Desk;
use crate::seed::help_center::HELP_CENTER_LOCALES;
use crate::store::help_center;
use crate::zendesk::context::RequestContext;
use crate::zendesk::help_center::render::body_with_web_links;

pub(crate) fn router() -> Router<Arc<Desk>> {
    Router::new().route("/{locale}/articles/{id}", get(article_page))
}

async fn article_page(
    State(desk): State<Arc<Desk>>,
    Path((locale, id)): Path<(String, String)>,
    context: RequestContext,
) -> Response {
    let locale = HELP_CENTER_LOCALES
        .iter()
        .copied()
        .find(|known| known.eq_ignore_ascii_case(&locale));
    let id = id
        .split('-')
        .next()
        .and_then(|digits| digits.parse::<i64>().ok());
    let (Some(locale), Some(id)) = (locale, id) else {
        return not_found();
    };
    let article = desk
        .store
        .run(move |connection| Ok(help_center::article(connection, id, locale)?))
        .await;
    match article {
        Ok(Some(article)) => {
            // The body was sanitised when the articles were read; the title is text.
            let page = format!(
                "<!doctype html>\n<html lang=\"{locale}\"><head><meta charset=\"utf-8\">\
                 <title>{title}</title></head><body><main><h1>{title}</h1>\n{body}\n</main>\
                 </body></html>\n",
                title = escape(&article.title),
                body = body_with_web_links(&context.base_url, locale, &article.body),
            );
            html(StatusCode::OK, page)
        }
        Ok(None) => not_found(),
        Err(error) => {
            tracing::error!(%error, "help center page failed");
            html(
                StatusCode::INTERNAL_SERVER_ERROR,
                String::from("Internal error\n"),
            )
        }
    }
}

fn not_found() -> Response {
    html(
        StatusCode::NOT_FOUND,
        String::from("<!doctype html>\n<title>Not found</title><p>No such article.</p>\n"),
    )
}

fn html(status: StatusCode, page: String) -> Response {
    let mut response = (status, page).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
