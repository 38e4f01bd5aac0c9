//! Sign-in throttling. Every attempt is counted *before* the password is checked (a reservation
//! taken under one lock), so guesses sent at the same moment cannot slip past the limit; a
//! successful sign-in hands its reservation back.
//!
//! Three budgets within a window (15 minutes by default), each giving `AppError::RateLimited`
//! (HTTP 429) once used up:
//! - one account from one address: 5 failures;
//! - one address, whatever the accounts: 20 failures;
//! - one account from every address together: 20 failures. This one does not apply to an address
//!   that signed this account in during the last 30 days, so someone guessing on purpose cannot
//!   lock a person out of the place they usually work from, while a spread-out attack on one
//!   account still gets 20 guesses per window and no more.
//!
//! Counts are per server instance.

use crate::error::AppError;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a successful sign-in makes its address "known" for the account.
const KNOWN_FOR: Duration = Duration::from_secs(30 * 24 * 3600);
/// Keys kept before expired ones are swept out (memory stays bounded under a flood).
const SWEEP_ABOVE: usize = 100_000;

#[derive(Debug)]
pub struct LoginLimiter {
    window: Duration,
    per_pair: usize,
    per_client: usize,
    per_account: usize,
    state: Mutex<Counts>,
}

#[derive(Debug, Default)]
struct Counts {
    failures: HashMap<String, VecDeque<Instant>>,
    /// `account|address` → when that address last signed the account in.
    known: HashMap<String, Instant>,
}

/// An attempt that has been counted: hand it to [`LoginLimiter::succeeded`] when the password
/// was right; otherwise it simply stays counted as a failure.
#[derive(Debug)]
pub struct Attempt {
    account: String,
    client: String,
    at: Instant,
}

impl Default for LoginLimiter {
    /// 5 failures per account and address, 20 per address, 20 per account, in 15 minutes.
    fn default() -> Self {
        LoginLimiter::new(Duration::from_secs(15 * 60), 5, 20, 20)
    }
}

fn pair_key(account: &str, client: &str) -> String {
    format!("pair:{account}|{client}")
}
fn client_key(client: &str) -> String {
    format!("client:{client}")
}
fn account_key(account: &str) -> String {
    format!("account:{account}")
}

impl LoginLimiter {
    pub fn new(window: Duration, per_pair: usize, per_client: usize, per_account: usize) -> Self {
        LoginLimiter {
            window,
            per_pair,
            per_client,
            per_account,
            state: Mutex::new(Counts::default()),
        }
    }

    fn recent(&self, counts: &mut Counts, key: &str, now: Instant) -> usize {
        match counts.failures.get_mut(key) {
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

    /// Counts the attempt, or refuses it when one of its budgets is used up.
    pub fn begin(&self, account: &str, client: &str) -> Result<Attempt, AppError> {
        let now = Instant::now();
        let mut counts = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let known = counts
            .known
            .get(&pair_key(account, client))
            .is_some_and(|t| now.duration_since(*t) <= KNOWN_FOR);
        let pair = self.recent(&mut counts, &pair_key(account, client), now);
        let by_client = self.recent(&mut counts, &client_key(client), now);
        let by_account = self.recent(&mut counts, &account_key(account), now);
        if pair >= self.per_pair
            || by_client >= self.per_client
            || (by_account >= self.per_account && !known)
        {
            return Err(AppError::RateLimited);
        }
        for key in [
            pair_key(account, client),
            client_key(client),
            account_key(account),
        ] {
            counts.failures.entry(key).or_default().push_back(now);
        }
        if counts.failures.len() + counts.known.len() > SWEEP_ABOVE {
            let window = self.window;
            counts
                .failures
                .retain(|_, q| q.back().is_some_and(|t| now.duration_since(*t) <= window));
            counts
                .known
                .retain(|_, t| now.duration_since(*t) <= KNOWN_FOR);
        }
        Ok(Attempt {
            account: account.to_owned(),
            client: client.to_owned(),
            at: now,
        })
    }

    /// The password was right: the attempt no longer counts, the address's failures on this
    /// account are forgotten and the address becomes known for it. Failures from elsewhere stay.
    pub fn succeeded(&self, attempt: Attempt) {
        let mut counts = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let pair = pair_key(&attempt.account, &attempt.client);
        counts.failures.remove(&pair);
        for key in [client_key(&attempt.client), account_key(&attempt.account)] {
            if let Some(q) = counts.failures.get_mut(&key) {
                if let Some(i) = q.iter().rposition(|t| *t == attempt.at) {
                    q.remove(i);
                }
            }
        }
        counts.known.insert(pair, Instant::now());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fail(l: &LoginLimiter, account: &str, client: &str) -> Result<(), AppError> {
        l.begin(account, client).map(drop)
    }

    #[test]
    fn an_attempt_counts_before_its_answer_is_known() {
        let l = LoginLimiter::new(Duration::from_secs(60), 3, 50, 50);
        // Three attempts in flight at once use the whole budget; the fourth is refused.
        let held: Vec<_> = (0..3).map(|_| l.begin("a@x.org", "1.1.1.1")).collect();
        assert!(held.iter().all(Result::is_ok));
        assert_eq!(fail(&l, "a@x.org", "1.1.1.1"), Err(AppError::RateLimited));
        // One of them turns out right: its place comes back, and the address's failures go.
        let first = held.into_iter().next().expect("one").expect("ok");
        l.succeeded(first);
        assert!(fail(&l, "a@x.org", "1.1.1.1").is_ok());
    }

    #[test]
    fn per_address_budget_covers_every_account() {
        let l = LoginLimiter::new(Duration::from_secs(60), 3, 5, 50);
        for i in 0..5 {
            assert!(fail(&l, &format!("u{i}@x.org"), "1.1.1.1").is_ok());
        }
        assert_eq!(fail(&l, "z@x.org", "1.1.1.1"), Err(AppError::RateLimited));
        assert!(fail(&l, "z@x.org", "2.2.2.2").is_ok());
    }

    #[test]
    fn guessing_on_purpose_cannot_lock_a_person_out() {
        let l = LoginLimiter::new(Duration::from_secs(60), 3, 50, 6);
        // The owner signs in from the office once.
        let ok = l.begin("chair@x.org", "10.0.0.1").expect("ok");
        l.succeeded(ok);
        // Someone else uses up their own address's budget: the office is not affected.
        for _ in 0..3 {
            assert!(fail(&l, "chair@x.org", "6.6.6.6").is_ok());
        }
        assert_eq!(
            fail(&l, "chair@x.org", "6.6.6.6"),
            Err(AppError::RateLimited)
        );
        assert!(l.begin("chair@x.org", "10.0.0.1").is_ok());
        // A guess spread over many addresses uses up the account's budget: new addresses are
        // refused, the known one still gets in.
        for i in 0..6 {
            let _ = fail(&l, "chair@x.org", &format!("7.7.7.{i}"));
        }
        assert_eq!(
            fail(&l, "chair@x.org", "8.8.8.8"),
            Err(AppError::RateLimited)
        );
        assert!(l.begin("chair@x.org", "10.0.0.1").is_ok());
    }

    #[test]
    fn failures_leave_the_window() {
        let l = LoginLimiter::new(Duration::from_millis(30), 1, 10, 10);
        assert!(fail(&l, "a@x.org", "1.1.1.1").is_ok());
        assert!(fail(&l, "a@x.org", "1.1.1.1").is_err());
        std::thread::sleep(Duration::from_millis(60));
        assert!(fail(&l, "a@x.org", "1.1.1.1").is_ok());
    }
}
