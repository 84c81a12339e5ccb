//! The two pages a browser sees from this server: the consent page and the error page shown
//! when redirecting back to the client would be unsafe. Both forbid framing (clickjacking) and
//! load nothing from elsewhere.

use axum::response::{Html, IntoResponse, Response};
use http::{HeaderValue, StatusCode, header};

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:36em;margin:3em auto;padding:0 1em;line-height:1.5}\
    button{font-size:1em;padding:.5em 1.2em;margin-right:.8em}code{background:#f2f2f2;padding:0 .2em}\
    .client{font-size:1.4em;margin:.2em 0}";

pub struct Consent<'a> {
    pub client_name: &'a str,
    pub client_id: &'a str,
    /// For a client ID URL, its host: the only part of its identity this server verified (its
    /// name is whatever its document says).
    pub client_host: Option<&'a str>,
    /// The browser returns to this machine, where any program could have used the client ID
    /// URL: its host says nothing, and the page says so.
    pub unproven_host: bool,
    pub redirect_host: &'a str,
    pub scopes: &'a [String],
    pub request_id: &'a str,
    pub csrf: &'a str,
}

pub fn consent(c: &Consent<'_>, cookie: &str) -> Response {
    let scopes: String = c.scopes.iter().map(|s| format!("<li><code>{}</code></li>", escape(s))).collect();
    let who = match c.client_host {
        Some(host) => format!(
            "<p class=client>An application from <b>{host}</b></p>\
             <p>The application at <b>{host}</b> (client <code>{id}</code>, calling itself <b>{name}</b>, a name it \
             chose itself) asks to use this server's Google Workspace tools as you.</p>",
            host = escape(host),
            id = escape(c.client_id),
            name = escape(c.client_name),
        ),
        None => format!(
            "<p><b>{name}</b> (client <code>{id}</code>) asks to use this server's Google Workspace tools as you.</p>",
            name = escape(c.client_name),
            id = escape(c.client_id),
        ),
    };
    let caution = if c.unproven_host {
        "<p><b>Caution:</b> this sign-in returns to a program on your own computer, and any program there can \
         use this application's address. Approve only if you started this sign-in yourself, just now.</p>"
    } else {
        ""
    };
    let body = format!(
        "<h1>Allow access to your Google Workspace?</h1>{who}{caution}\
         <p>After you approve, Google asks you to sign in, then your browser returns to <b>{host}</b>.</p>\
         <p>Google permissions it will ask for:</p><ul>{scopes}</ul>\
         <p>Approve only if you started this from an application you trust and <b>{host}</b> is its address.</p>\
         <form method=post action=\"consent\">\
         <input type=hidden name=request value=\"{request}\"><input type=hidden name=csrf value=\"{csrf}\">\
         <button name=decision value=approve>Approve</button><button name=decision value=deny>Deny</button></form>",
        host = escape(c.redirect_host),
        request = escape(c.request_id),
        csrf = escape(c.csrf),
    );
    let mut r = page(StatusCode::OK, "Authorize access", &body);
    if let Ok(v) = HeaderValue::from_str(cookie) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

/// A dead end for the browser: bad client, unregistered redirect URI, expired request.
pub fn error(status: StatusCode, message: &str) -> Response {
    page(status, "Authorization failed", &format!("<h1>Authorization failed</h1><p>{}</p>", escape(message)))
}

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html =
        format!("<!doctype html><meta charset=utf-8><title>{title}</title><style>{STYLE}</style><body>{body}</body>");
    let mut r = (status, Html(html)).into_response();
    let h = r.headers_mut();
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    r
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}
