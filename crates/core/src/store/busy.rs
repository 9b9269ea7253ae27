//! Waiting out another program that holds a file for a moment.
//!
//! On Windows a rename over a file fails while any program has it open without sharing
//! deletion — an antivirus scanning the file we have just written, a search indexer, a backup
//! tool. Such holds last milliseconds to a second, so the atomic writer tries again a few
//! times with growing pauses (about 2.5 s in all) before it reports the failure.

use std::io;
use std::time::Duration;

/// The pauses between attempts: 10 ms doubling to 1.28 s (2.55 s in all).
pub(crate) const PAUSES: [Duration; 8] = [
    Duration::from_millis(10),
    Duration::from_millis(20),
    Duration::from_millis(40),
    Duration::from_millis(80),
    Duration::from_millis(160),
    Duration::from_millis(320),
    Duration::from_millis(640),
    Duration::from_millis(1280),
];

/// Runs `attempt` until it succeeds, fails for a reason `busy` does not accept, or the pauses
/// run out (then the last failure is returned). `attempt` hands its state back with a failure
/// (the temporary file, so the next attempt can rename it).
pub(crate) fn retry_while_busy<S>(
    mut state: S,
    mut attempt: impl FnMut(S) -> Result<(), (io::Error, S)>,
    busy: impl Fn(&io::Error) -> bool,
    mut pause: impl FnMut(Duration),
) -> io::Result<()> {
    let mut pauses = PAUSES.iter();
    loop {
        match attempt(state) {
            Ok(()) => return Ok(()),
            Err((error, back)) => match pauses.next() {
                Some(wait) if busy(&error) => {
                    pause(*wait);
                    state = back;
                }
                _ => return Err(error),
            },
        }
    }
}

/// Whether a rename failed because another program holds the target (Windows:
/// `ERROR_ACCESS_DENIED` on a file being scanned, `ERROR_SHARING_VIOLATION`,
/// `ERROR_LOCK_VIOLATION`). Never on Unix, where a rename does not care who has a file open.
pub(crate) fn held_by_another_program(error: &io::Error) -> bool {
    cfg!(windows) && matches!(error.raw_os_error(), Some(5 | 32 | 33))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn busy_error() -> io::Error {
        io::Error::other("held")
    }

    #[test]
    fn tries_again_while_busy_then_succeeds() {
        let mut pauses = Vec::new();
        let result = retry_while_busy(
            0u32,
            |tries| {
                if tries < 3 {
                    Err((busy_error(), tries + 1))
                } else {
                    Ok(())
                }
            },
            |_| true,
            |wait| pauses.push(wait),
        );
        assert!(result.is_ok());
        assert_eq!(pauses, PAUSES[..3]);
    }

    #[test]
    fn gives_up_with_the_last_failure_when_the_pauses_run_out() {
        let mut attempts = 0;
        let result = retry_while_busy(
            (),
            |()| {
                attempts += 1;
                Err((busy_error(), ()))
            },
            |_| true,
            |_| {},
        );
        assert_eq!(result.expect_err("held for good").to_string(), "held");
        assert_eq!(attempts, PAUSES.len() + 1);
    }

    #[test]
    fn another_failure_is_reported_at_once() {
        let mut attempts = 0;
        let result = retry_while_busy(
            (),
            |()| {
                attempts += 1;
                Err((io::Error::from(io::ErrorKind::StorageFull), ()))
            },
            |error| error.kind() != io::ErrorKind::StorageFull,
            |_| panic!("no pause for a full disk"),
        );
        assert_eq!(result.expect_err("full").kind(), io::ErrorKind::StorageFull);
        assert_eq!(attempts, 1);
    }

    #[test]
    fn sharing_violations_count_as_busy_only_on_windows() {
        for code in [5, 32, 33] {
            assert_eq!(
                held_by_another_program(&io::Error::from_raw_os_error(code)),
                cfg!(windows)
            );
        }
        assert!(!held_by_another_program(&io::Error::from_raw_os_error(2)));
    }
}
