//! Multipart batch for bulk reads: many GETs in one HTTP round trip. When the batch fails
//! as a whole, or an item inside it hits a transient error, the affected items are fetched
//! one by one (with the usual retries), so a caller always gets one result per item.

use futures::StreamExt;
use serde_json::Value;

use super::{ApiInfo, GoogleCtx, GoogleError, RetryPolicy};

/// One read in a batch: a path with its query string, e.g.
/// `/gmail/v1/users/me/messages/18c?format=metadata`.
#[derive(Debug, Clone)]
pub struct BatchItem {
    pub path_and_query: String,
}

/// At most this many single requests run at once during a fallback.
const FALLBACK_CONCURRENCY: usize = 5;

impl GoogleCtx {
    /// Fetches every item, `chunk` per batch request, and returns the results in order.
    pub async fn batch_get(
        &self,
        api: &'static ApiInfo,
        items: &[BatchItem],
        chunk: usize,
    ) -> Vec<Result<Value, GoogleError>> {
        let mut out = Vec::with_capacity(items.len());
        let groups = items.chunks(chunk.clamp(1, 100));
        let several = groups.len() > 1;
        for group in groups {
            out.extend(self.batch_group(api, group).await);
            // Long reads report progress between batches; one batch is over before it could.
            if several {
                let note = format!("read {} of {} items", out.len(), items.len());
                self.notifier.progress(out.len() as f64, Some(items.len() as f64), &note);
            }
        }
        out
    }

    async fn batch_group(&self, api: &'static ApiInfo, group: &[BatchItem]) -> Vec<Result<Value, GoogleError>> {
        let mut results: Vec<Option<Result<Value, GoogleError>>> = match self.send_batch(api, group).await {
            Ok(replies) => replies
                .into_iter()
                .map(|r| match r {
                    Some((status, body)) if (200..300).contains(&status) => Some(
                        serde_json::from_slice(&body)
                            .map_err(|e| GoogleError::malformed(api, "batch item".into(), e.to_string())),
                    ),
                    Some((status, body))
                        if RetryPolicy::retryable_status(status)
                            || (status == 403 && super::error::is_rate_limit_403(&body)) =>
                    {
                        None
                    }
                    Some((status, body)) => {
                        Some(Err(GoogleError::from_reply(api, "batch item".into(), status, &body, 0)))
                    }
                    None => None,
                })
                .collect(),
            Err(reason) => {
                tracing::warn!(target: "google", api = api.title, %reason, "batch failed as a whole; fetching items one by one");
                let note = format!("a {} batch failed as a whole ({reason}); fetching its items one by one", api.title);
                self.notifier.log(crate::notify::LogLevel::Warning, &note);
                vec![None; group.len()]
            }
        };
        let missing: Vec<usize> = results.iter().enumerate().filter(|(_, r)| r.is_none()).map(|(i, _)| i).collect();
        let singles: Vec<(usize, Result<Value, GoogleError>)> =
            futures::stream::iter(missing.into_iter().filter_map(|i| {
                let item = group.get(i)?.clone();
                let ctx = self.clone();
                Some(async move { (i, ctx.get_path_and_query(api, &item.path_and_query).await) })
            }))
            .buffer_unordered(FALLBACK_CONCURRENCY)
            .collect()
            .await;
        for (i, r) in singles {
            if let Some(slot) = results.get_mut(i) {
                *slot = Some(r);
            }
        }
        results
            .into_iter()
            .map(|r| r.unwrap_or_else(|| Err(GoogleError::malformed(api, "batch item".into(), "no reply".into()))))
            .collect()
    }

    async fn get_path_and_query(&self, api: &'static ApiInfo, pq: &str) -> Result<Value, GoogleError> {
        let (path, query) = pq.split_once('?').unwrap_or((pq, ""));
        let mut call = self.get(api, path.to_string());
        for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
            call = call.query(&k, v);
        }
        call.send().await
    }

    /// One batch round trip: a (status, body) per item in order, `None` for a missing part.
    async fn send_batch(
        &self,
        api: &'static ApiInfo,
        group: &[BatchItem],
    ) -> Result<Vec<Option<(u16, Vec<u8>)>>, String> {
        let boundary = format!("batch_{}", uuid::Uuid::new_v4().simple());
        let mut body = String::new();
        for (i, item) in group.iter().enumerate() {
            body.push_str(&format!(
                "--{boundary}\r\nContent-Type: application/http\r\nContent-ID: <item-{i}>\r\n\r\nGET {}\r\nAccept: application/json\r\n\r\n",
                item.path_and_query
            ));
        }
        body.push_str(&format!("--{boundary}--\r\n"));
        let url = self.client.url(api.host, api.batch_path);
        let resp = self
            .authorize(self.client.http.post(url))
            .header("content-type", format!("multipart/mixed; boundary={boundary}"))
            .body(body)
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if !resp.status().is_success() {
            return Err(format!("batch answered HTTP {}", resp.status()));
        }
        let ctype = resp.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        let reply_boundary = boundary_of(&ctype).ok_or_else(|| format!("batch reply has no boundary ({ctype})"))?;
        let bytes = resp.bytes().await.map_err(|e| e.to_string())?;
        let text = String::from_utf8_lossy(&bytes);
        let mut out: Vec<Option<(u16, Vec<u8>)>> = vec![None; group.len()];
        for part in split_parts(&text, &reply_boundary) {
            if let Some((index, status, body)) = parse_part(part)
                && let Some(slot) = out.get_mut(index)
            {
                *slot = Some((status, body.into_bytes()));
            }
        }
        Ok(out)
    }
}

fn boundary_of(content_type: &str) -> Option<String> {
    content_type.split(';').find_map(|p| {
        let p = p.trim();
        p.strip_prefix("boundary=").map(|b| b.trim_matches('"').to_string())
    })
}

fn split_parts<'a>(text: &'a str, boundary: &str) -> Vec<&'a str> {
    let delim = format!("--{boundary}");
    text.split(delim.as_str()).skip(1).take_while(|p| !p.starts_with("--")).collect()
}

/// Parses one part: outer headers (with `Content-ID: <response-item-N>`), then an HTTP reply.
fn parse_part(part: &str) -> Option<(usize, u16, String)> {
    let part = part.trim_start_matches(['\r', '\n']);
    let (outer_headers, http) = split_head(part)?;
    let index = outer_headers.lines().find_map(|l| {
        let (name, value) = l.split_once(':')?;
        if !name.trim().eq_ignore_ascii_case("content-id") {
            return None;
        }
        value.trim().trim_matches(['<', '>']).rsplit("item-").next()?.parse::<usize>().ok()
    })?;
    let (head, body) = split_head(http)?;
    let status = head.lines().next()?.split_whitespace().nth(1)?.parse::<u16>().ok()?;
    Some((index, status, body.trim_end_matches(['\r', '\n']).to_string()))
}

fn split_head(s: &str) -> Option<(&str, &str)> {
    s.split_once("\r\n\r\n").or_else(|| s.split_once("\n\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_google_style_reply() {
        let reply = "--batch_abc\r\nContent-Type: application/http\r\nContent-ID: <response-item-1>\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n\r\n{\"error\":{}}\r\n--batch_abc\r\nContent-Type: application/http\r\nContent-ID: <response-item-0>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"id\":\"a\"}\r\n--batch_abc--\r\n";
        let parts: Vec<_> = split_parts(reply, "batch_abc").into_iter().filter_map(parse_part).collect();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0], (1, 404, "{\"error\":{}}".to_string()));
        assert_eq!(parts[1], (0, 200, "{\"id\":\"a\"}".to_string()));
        assert_eq!(boundary_of("multipart/mixed; boundary=batch_abc").as_deref(), Some("batch_abc"));
    }
}
