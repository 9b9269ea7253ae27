//! The `Idempotency-Key` of a step's request that changes state on the service. A repeat of
//! the same request (Retry after a lost answer) carries the same key, so the service answers
//! it with the first answer instead of acting twice; a different request (another code typed,
//! "Send again" pressed) gets a new key. A key is forgotten once its answer is in.

use qoltanba_core::domain::IdempotencyKey;
use zeroize::Zeroizing;

#[derive(Debug, Clone, Default)]
pub struct RequestKey {
    /// The key and what it was made for (may be a secret such as the SMS code: wiped on drop).
    current: Option<(Zeroizing<String>, IdempotencyKey)>,
}

impl RequestKey {
    /// The key for a request about `what`: the same key as last time while `what` is the same
    /// and no answer came in, a new one otherwise.
    pub fn for_request(&mut self, what: &str) -> IdempotencyKey {
        match &self.current {
            Some((made_for, key)) if made_for.as_str() == what => key.clone(),
            _ => {
                let key = IdempotencyKey::new();
                self.current = Some((Zeroizing::new(what.to_owned()), key.clone()));
                key
            }
        }
    }

    /// A new key for a request that is meant to happen again (each "Send again" press).
    pub fn fresh(&mut self) -> IdempotencyKey {
        let key = IdempotencyKey::new();
        self.current = Some((Zeroizing::new(String::new()), key.clone()));
        key
    }

    /// The key of the request in flight, for Retry; a new one if there is none.
    pub fn again(&mut self) -> IdempotencyKey {
        match &self.current {
            Some((_, key)) => key.clone(),
            None => self.fresh(),
        }
    }

    /// The answer is in: the next request is a new one.
    pub fn answered(&mut self) {
        self.current = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_request_keeps_its_key_until_answered() {
        let mut key = RequestKey::default();
        let first = key.for_request("123456");
        assert_eq!(key.for_request("123456"), first);
        assert_eq!(key.again(), first);
        assert_ne!(key.for_request("654321"), first);
        let resend = key.fresh();
        assert_eq!(key.again(), resend);
        assert_ne!(key.fresh(), resend);
        key.answered();
        assert_ne!(key.again(), resend);
    }
}
