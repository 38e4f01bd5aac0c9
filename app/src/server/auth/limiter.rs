//! Sign-in throttling: too many failures for one account, or from one client address, within a
//! window get `AppError::RateLimited` (HTTP 429) until the oldest failure leaves the window.
//! Successful sign-ins clear the account's failures. Counts are per server instance.

use crate::error::AppError;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct LoginLimiter {
    window: Duration,
    per_account: usize,
    per_client: usize,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl Default for LoginLimiter {
    /// 5 failures per account and 20 per client address in 15 minutes.
    fn default() -> Self {
        LoginLimiter::new(Duration::from_secs(15 * 60), 5, 20)
    }
}

impl LoginLimiter {
    pub fn new(window: Duration, per_account: usize, per_client: usize) -> Self {
        LoginLimiter {
            window,
            per_account,
            per_client,
            failures: Mutex::new(HashMap::new()),
        }
    }

    fn count(
        &self,
        map: &mut HashMap<String, VecDeque<Instant>>,
        key: &str,
        now: Instant,
    ) -> usize {
        match map.get_mut(key) {
            Some(q) => {
                while q
                    .front()
                    .is_some_and(|t| now.duration_since(*t) > self.window)
                {
                    q.pop_front();
                }
                q.len()
            }
            None => 0,
        }
    }

    /// Refuses the attempt when either key has used up its failures.
    pub fn check(&self, account: &str, client: &str) -> Result<(), AppError> {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let a = self.count(&mut map, &format!("account:{account}"), now);
        let c = self.count(&mut map, &format!("client:{client}"), now);
        if a >= self.per_account || c >= self.per_client {
            Err(AppError::RateLimited)
        } else {
            Ok(())
        }
    }

    pub fn record_failure(&self, account: &str, client: &str) {
        let now = Instant::now();
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        for key in [format!("account:{account}"), format!("client:{client}")] {
            map.entry(key).or_default().push_back(now);
        }
        // Keep memory bounded under a flood of distinct keys.
        if map.len() > 100_000 {
            let window = self.window;
            map.retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) <= window));
        }
    }

    pub fn record_success(&self, account: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(&format!("account:{account}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_account_and_per_client() {
        let l = LoginLimiter::new(Duration::from_secs(60), 3, 5);
        for _ in 0..3 {
            assert!(l.check("a@x.org", "1.1.1.1").is_ok());
            l.record_failure("a@x.org", "1.1.1.1");
        }
        assert_eq!(l.check("a@x.org", "2.2.2.2"), Err(AppError::RateLimited));
        assert!(l.check("b@x.org", "2.2.2.2").is_ok());
        // Two more failures from the first client on other accounts exhaust the client budget.
        l.record_failure("b@x.org", "1.1.1.1");
        l.record_failure("c@x.org", "1.1.1.1");
        assert_eq!(l.check("d@x.org", "1.1.1.1"), Err(AppError::RateLimited));
        l.record_success("a@x.org");
        assert!(l.check("a@x.org", "3.3.3.3").is_ok());
    }

    #[test]
    fn failures_leave_the_window() {
        let l = LoginLimiter::new(Duration::from_millis(30), 1, 10);
        l.record_failure("a@x.org", "1.1.1.1");
        assert!(l.check("a@x.org", "1.1.1.1").is_err());
        std::thread::sleep(Duration::from_millis(60));
        assert!(l.check("a@x.org", "1.1.1.1").is_ok());
    }
}
