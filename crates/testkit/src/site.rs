//! A small loopback web site for tests of URL fetches: fixed pages and redirects by path,
//! and a log of the paths requested, so a test can show an endpoint was never reached.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// What one path answers.
#[derive(Debug, Clone)]
pub enum Page {
    /// 200 with this content type and body.
    Body(&'static str, Vec<u8>),
    /// 302 to this location (absolute or relative).
    Redirect(String),
}

/// A served site; stops with the test's runtime.
pub struct Site {
    pub addr: SocketAddr,
    requested: Arc<Mutex<Vec<String>>>,
}

impl Site {
    /// Serves `pages` on a free loopback port; any other path is a 404.
    pub async fn serve(pages: Vec<(&str, Page)>) -> Site {
        let pages: Arc<HashMap<String, Page>> = Arc::new(pages.into_iter().map(|(p, v)| (p.to_string(), v)).collect());
        let requested = Arc::new(Mutex::new(Vec::new()));
        let log = requested.clone();
        let router = Router::new().fallback(move |req: Request| {
            let path = req.uri().path().to_string();
            log.lock().unwrap().push(path.clone());
            let page = pages.get(&path).cloned();
            async move { answer(page) }
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, router).await });
        Site { addr, requested }
    }

    /// `http://127.0.0.1:<port><path>`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The paths requested so far, in order.
    pub fn requested(&self) -> Vec<String> {
        self.requested.lock().unwrap().clone()
    }
}

fn answer(page: Option<Page>) -> Response {
    match page {
        Some(Page::Body(content_type, body)) => ([(header::CONTENT_TYPE, content_type)], body).into_response(),
        Some(Page::Redirect(to)) => (StatusCode::FOUND, [(header::LOCATION, to)]).into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
