//! Google's error replies, mapped to messages that tell the model what to do next.

use serde_json::Value;

use super::ApiInfo;

/// A failed Google call: which API and method, what Google said, and advice.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{api} error{}{}: {message}. {advice}", status.map(|s| format!(" {s}")).unwrap_or_default(), reason.as_ref().map(|r| format!(" ({r})")).unwrap_or_default())]
pub struct GoogleError {
    pub api: &'static str,
    /// HTTP method and path, for logs and messages (never the query: it may hold ids only, but keep it short).
    pub call: String,
    pub status: Option<u16>,
    pub reason: Option<String>,
    pub message: String,
    pub advice: String,
    /// True when a request that is not safe to repeat was sent but never answered (a
    /// timeout or reset after it was written): it may have taken effect, so callers must
    /// check rather than repeat it.
    pub outcome_unknown: bool,
}

impl GoogleError {
    /// From an HTTP error reply with Google's JSON envelope (or anything else).
    pub fn from_reply(api: &ApiInfo, call: String, status: u16, body: &[u8], retries: u32) -> GoogleError {
        let json: Option<Value> = serde_json::from_slice(body).ok();
        let (message, reason) = match &json {
            Some(v) => parse_envelope(v),
            None => (String::from_utf8_lossy(body).chars().take(300).collect::<String>(), None),
        };
        // Google's messages end with a full stop; ours adds its own after the message.
        let message = message.trim().trim_end_matches('.').to_string();
        let message = if message.is_empty() { format!("HTTP {status}") } else { message };
        let advice = advice(api, &call, status, reason.as_deref(), retries);
        GoogleError { api: api.title, call, status: Some(status), reason, message, advice, outcome_unknown: false }
    }

    /// The request never got an answer.
    pub fn network(api: &ApiInfo, call: String, err: &reqwest::Error) -> GoogleError {
        if err.is_builder() {
            // Nothing was sent: the URL could not be formed, in practice because an argument
            // that goes into it (a search query, an id) is too long. Not a network problem.
            return GoogleError {
                api: api.title,
                call,
                status: None,
                reason: Some("requestTooLong".into()),
                message: "the request could not be built: an argument that goes into the URL is too long or invalid"
                    .into(),
                advice: "Shorten the query or id; nothing was sent to Google.".into(),
                outcome_unknown: false,
            };
        }
        let what = if err.is_timeout() {
            "timed out"
        } else if err.is_connect() {
            "could not connect"
        } else {
            "failed"
        };
        GoogleError {
            api: api.title,
            call,
            status: None,
            reason: None,
            message: format!("the request {what}: {}", error_chain(err)),
            advice: "Check network access to Google (proxy settings HTTPS_PROXY/NO_PROXY, CA certificates in SSL_CERT_FILE) and retry.".into(),
            outcome_unknown: false,
        }
    }

    /// A request that is not safe to repeat went out (or may have) and no answer came back.
    /// Only a failure to connect proves it never left; anything later (a timeout, a reset,
    /// a body cut short) leaves the outcome open, so the advice says to check, never to retry.
    pub fn unanswered(api: &ApiInfo, call: String, err: &reqwest::Error) -> GoogleError {
        // Not connected, or never built: nothing left this machine.
        if err.is_connect() || err.is_builder() {
            return GoogleError::network(api, call, err);
        }
        let what = if err.is_timeout() { "timed out" } else { "was cut off" };
        GoogleError {
            api: api.title,
            call,
            status: None,
            reason: None,
            message: format!("the request was sent but {what} before Google answered: {}", error_chain(err)),
            advice: "It may have taken effect. Check whether it did before doing it again; repeating it blindly \
                could do it twice."
                .into(),
            outcome_unknown: true,
        }
    }

    /// Google answered 2xx but the body was not what the API documents.
    pub fn malformed(api: &ApiInfo, call: String, detail: String) -> GoogleError {
        GoogleError {
            api: api.title,
            call,
            status: None,
            reason: Some("malformedResponse".into()),
            message: format!("the reply could not be read: {detail}"),
            advice: "This is usually transient; retry. If it persists, report it with the request that caused it."
                .into(),
            outcome_unknown: false,
        }
    }

    pub fn is_not_found(&self) -> bool {
        self.status == Some(404)
    }
}

fn parse_envelope(v: &Value) -> (String, Option<String>) {
    let err = v.get("error");
    // OAuth endpoints answer {"error": "invalid_grant", "error_description": "..."}.
    if let Some(code) = err.and_then(Value::as_str) {
        let desc = v.get("error_description").and_then(Value::as_str).unwrap_or(code);
        return (desc.to_string(), Some(code.to_string()));
    }
    let message = err.and_then(|e| e.get("message")).and_then(Value::as_str).unwrap_or_default().to_string();
    let info_reason = err
        .and_then(|e| e.get("details"))
        .and_then(Value::as_array)
        .and_then(|d| d.iter().find_map(|x| x.get("reason").and_then(Value::as_str)));
    let legacy_reason = err
        .and_then(|e| e.get("errors"))
        .and_then(Value::as_array)
        .and_then(|d| d.first())
        .and_then(|x| x.get("reason"))
        .and_then(Value::as_str);
    let status = err.and_then(|e| e.get("status")).and_then(Value::as_str);
    (message, info_reason.or(legacy_reason).or(status).map(str::to_string))
}

/// Whether a 403 is Google's way of saying "slow down" (worth retrying like a 429).
pub(super) fn is_rate_limit_403(body: &[u8]) -> bool {
    let text = String::from_utf8_lossy(body);
    ["rateLimitExceeded", "userRateLimitExceeded", "RATE_LIMIT_EXCEEDED"].iter().any(|r| text.contains(r))
}

fn advice(api: &ApiInfo, call: &str, status: u16, reason: Option<&str>, retries: u32) -> String {
    let reason = reason.unwrap_or_default();
    match status {
        400 => "Check the arguments against the tool's description and try again.".into(),
        401 => "The stored authorization was rejected; call start_google_auth to sign in again.".into(),
        403 if matches!(reason, "SERVICE_DISABLED" | "accessNotConfigured") => format!(
            "The {} is not enabled for this Google Cloud project. Enable it at {} and retry after a few minutes.",
            api.title,
            api.console_url()
        ),
        403 if matches!(reason, "ACCESS_TOKEN_SCOPE_INSUFFICIENT" | "insufficientPermissions") => {
            "The granted permissions do not cover this call; call start_google_auth to grant the missing scopes.".into()
        }
        403 if matches!(reason, "rateLimitExceeded" | "userRateLimitExceeded" | "RATE_LIMIT_EXCEEDED") => {
            format!("Google rate-limited the request (after {retries} retries); wait a minute and retry.")
        }
        403 => "The account has no permission for this resource; check it is shared with this user.".into(),
        404 => {
            format!("Nothing was found at {call}: check the id; it may have been deleted or belong to another account.")
        }
        409 => "It conflicts with something that already exists (for example a name in use).".into(),
        412 => "It changed since it was read; read it again and retry.".into(),
        429 => format!("Google rate-limited the request (after {retries} retries); wait a minute and retry."),
        500..=599 => format!("Google had a temporary server error (after {retries} retries); retry later."),
        _ => "See the message above.".into(),
    }
}

fn error_chain(err: &dyn std::error::Error) -> String {
    let mut out = err.to_string();
    let mut source = err.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disabled_api_points_to_console() {
        let body = br#"{"error":{"code":403,"message":"Gmail API has not been used in project 1 before or it is disabled.","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SERVICE_DISABLED"}]}}"#;
        let e = GoogleError::from_reply(&ApiInfo::GMAIL, "GET /x".into(), 403, body, 0);
        let text = e.to_string();
        assert!(text.contains("Gmail API error 403 (SERVICE_DISABLED)"), "{text}");
        assert!(text.contains("https://console.cloud.google.com/apis/library/gmail.googleapis.com"), "{text}");
    }

    /// A request that never connected is known not to have happened: retrying is safe. One
    /// that was written and then timed out may have happened: the advice says to check.
    #[tokio::test]
    async fn unanswered_requests_say_retry_only_when_nothing_was_sent() {
        let http = super::super::build_http_client(&super::super::HttpSettings {
            timeout: std::time::Duration::from_millis(200),
            extra_ca_file: None,
        })
        .unwrap();
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let closed_port = closed.local_addr().unwrap().port();
        drop(closed);
        let refused = http.post(format!("http://127.0.0.1:{closed_port}/send")).send().await.unwrap_err();
        let e = GoogleError::unanswered(&ApiInfo::GMAIL, "POST /send".into(), &refused);
        assert!(!e.outcome_unknown && e.advice.contains("retry"), "{e}");

        // Accepts and reads, never answers.
        let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = silent.local_addr().unwrap().port();
        tokio::spawn(async move {
            let (_socket, _) = silent.accept().await.unwrap();
            tokio::time::sleep(std::time::Duration::from_secs(5)).await;
        });
        let timed_out = http.post(format!("http://127.0.0.1:{port}/send")).body("x").send().await.unwrap_err();
        let e = GoogleError::unanswered(&ApiInfo::GMAIL, "POST /send".into(), &timed_out);
        assert!(e.outcome_unknown, "{e}");
        let text = e.to_string();
        assert!(text.contains("timed out") && text.contains("may have taken effect"), "{text}");
        assert!(!text.to_ascii_lowercase().contains("retry"), "{text}");

        // Reads the request, then drops the connection without a word (a reset).
        let rude = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = rude.local_addr().unwrap().port();
        tokio::spawn(async move {
            use tokio::io::AsyncReadExt;
            let (mut socket, _) = rude.accept().await.unwrap();
            let mut buf = [0u8; 1024];
            let _ = socket.read(&mut buf).await;
        });
        let reset = http.post(format!("http://127.0.0.1:{port}/send")).body("x").send().await.unwrap_err();
        let e = GoogleError::unanswered(&ApiInfo::GMAIL, "POST /send".into(), &reset);
        assert!(e.outcome_unknown && e.to_string().contains("was cut off"), "{e}");
        assert!(!e.to_string().to_ascii_lowercase().contains("retry"), "{e}");
    }

    #[test]
    fn non_json_body_is_kept_short() {
        let e = GoogleError::from_reply(&ApiInfo::GMAIL, "GET /x".into(), 502, &[b'x'; 1000], 3);
        assert!(e.message.len() <= 300);
        assert!(e.advice.contains("after 3 retries"));
    }

    #[test]
    fn an_unbuildable_url_is_not_called_a_network_problem() {
        let _ = rustls::crypto::ring::default_provider().install_default();
        // A URL reqwest cannot parse stands in for one too long for an HTTP request line.
        let err = reqwest::Client::new().get("http://[not-an-address/x").build().unwrap_err();
        assert!(err.is_builder());
        let e = GoogleError::network(&ApiInfo::GMAIL, "GET /x".into(), &err);
        let text = e.to_string();
        assert!(text.contains("too long") && !text.contains("proxy"), "{text}");
    }
}
