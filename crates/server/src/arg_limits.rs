//! Size limits on tool arguments, checked before a tool runs: an oversized value would
//! otherwise fail deep inside (a 1 MB query overflows the request URL and surfaced as a
//! connection error), or hold memory for nothing. The error names the limit and its variable.

use serde_json::{Map, Value};

use crate::limits::Limits;

pub fn check(args: &Map<String, Value>, limits: &Limits) -> Result<(), String> {
    if let Some((path, len)) = longest_string(args).filter(|(_, len)| *len > limits.max_argument_bytes) {
        return Err(format!(
            "argument {path} is {len} bytes, over the limit of {} bytes for one argument \
             (WORKSPACE_MCP_MAX_ARGUMENT_BYTES); shorten it, or pass large content as a file or URL",
            limits.max_argument_bytes
        ));
    }
    let total = json_len(args);
    if total > limits.max_arguments_bytes {
        return Err(format!(
            "the arguments are {total} bytes as JSON, over the limit of {} bytes (WORKSPACE_MCP_MAX_ARGUMENTS_BYTES)",
            limits.max_arguments_bytes
        ));
    }
    Ok(())
}

/// The arguments' length as JSON, counted while serializing rather than into a copy: this runs
/// on every call.
fn json_len(args: &Map<String, Value>) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    let _ = serde_json::to_writer(&mut count, args);
    count.0
}

/// The longest string anywhere in the arguments, with its path (`to[2]`, `body`).
fn longest_string(args: &Map<String, Value>) -> Option<(String, usize)> {
    let mut best: Option<(String, usize)> = None;
    let mut stack: Vec<(String, &Value)> = args.iter().map(|(k, v)| (k.clone(), v)).collect();
    while let Some((path, value)) = stack.pop() {
        match value {
            Value::String(s) if best.as_ref().is_none_or(|(_, len)| s.len() > *len) => best = Some((path, s.len())),
            Value::Array(items) => stack.extend(items.iter().enumerate().map(|(i, v)| (format!("{path}[{i}]"), v))),
            Value::Object(map) => stack.extend(map.iter().map(|(k, v)| (format!("{path}.{k}"), v))),
            _ => {}
        }
    }
    best
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use serde_json::json;

    fn args(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn a_long_string_is_named_with_its_limit() {
        let limits = Limits { max_argument_bytes: 10, ..Limits::default() };
        let err = check(&args(json!({"query": "x".repeat(11)})), &limits).unwrap_err();
        assert!(err.contains("query") && err.contains("WORKSPACE_MCP_MAX_ARGUMENT_BYTES"), "{err}");
        let err = check(&args(json!({"to": ["a", "y".repeat(20)]})), &limits).unwrap_err();
        assert!(err.contains("to[1]"), "{err}");
        assert!(check(&args(json!({"query": "x".repeat(10)})), &limits).is_ok());
    }

    #[test]
    fn the_counted_length_is_the_serialized_length() {
        let a = args(json!({"to": ["a@example.com", "b"], "body": "é\n\"x\"", "n": 5, "nested": {"k": null}}));
        assert_eq!(json_len(&a), serde_json::to_vec(&a).unwrap().len());
    }

    #[test]
    fn the_whole_arguments_object_is_capped() {
        let limits = Limits { max_argument_bytes: 100, max_arguments_bytes: 50, ..Limits::default() };
        let many = args(json!({"a": "x".repeat(30), "b": "y".repeat(30)}));
        let err = check(&many, &limits).unwrap_err();
        assert!(err.contains("WORKSPACE_MCP_MAX_ARGUMENTS_BYTES"), "{err}");
    }
}
