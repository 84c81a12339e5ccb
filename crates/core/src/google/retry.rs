//! Retries with exponential backoff and full jitter, for requests that are safe to repeat.

use std::time::Duration;

#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    /// Attempts after the first one.
    pub max_retries: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_retries: 3, base_delay: Duration::from_millis(500), max_delay: Duration::from_secs(8) }
    }
}

impl RetryPolicy {
    /// Delay before retry number `attempt` (0-based): uniform in [0, min(max, base * 2^attempt)],
    /// or what the server asked for in `Retry-After`, capped at `max_delay`.
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(after) = retry_after {
            return after.min(self.max_delay);
        }
        let ceiling = self.base_delay.saturating_mul(2u32.saturating_pow(attempt)).min(self.max_delay);
        let millis = ceiling.as_millis() as u64;
        Duration::from_millis(if millis == 0 { 0 } else { rand::random_range(0..=millis) })
    }

    /// Statuses worth another try: rate limits and transient server errors.
    pub fn retryable_status(status: u16) -> bool {
        matches!(status, 429 | 500 | 502 | 503 | 504)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_and_stay_capped() {
        let p = RetryPolicy {
            max_retries: 5,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(300),
        };
        for attempt in 0..6 {
            assert!(p.delay(attempt, None) <= Duration::from_millis(300));
        }
        assert_eq!(p.delay(0, Some(Duration::from_secs(60))), Duration::from_millis(300));
        assert!(RetryPolicy::retryable_status(429));
        assert!(!RetryPolicy::retryable_status(400));
    }
}
