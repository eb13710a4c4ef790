//! Failure injection between the steps of multi-step writes (setup, accounts, restore), so unit
//! tests can prove each one all or nothing. Compiled to nothing outside `cargo test` of this crate.

use crate::error::CoreResult;

#[cfg(test)]
thread_local! {
    /// Points armed on this thread, and whether each fails only once.
    static ARMED: std::cell::RefCell<Vec<(&'static str, bool)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Fails if a test armed `name` on this thread (a disk error at that step); otherwise does
/// nothing.
#[cfg_attr(not(test), inline(always))]
pub(crate) fn point(name: &'static str) -> CoreResult<()> {
    #[cfg(test)]
    {
        let fire = ARMED.with(|armed| {
            let mut armed = armed.borrow_mut();
            match armed.iter().position(|(n, _)| *n == name) {
                Some(i) if armed[i].1 => {
                    armed.remove(i);
                    true
                }
                Some(_) => true,
                None => false,
            }
        });
        if fire {
            return Err(crate::error::CoreError::Io(std::io::Error::other(format!(
                "injected failure at {name}"
            ))));
        }
    }
    let _ = name;
    Ok(())
}

/// Makes the next [`point`] called `name` on this thread fail.
#[cfg(test)]
pub(crate) fn arm(name: &'static str) {
    ARMED.with(|armed| armed.borrow_mut().push((name, true)));
}

/// Makes every [`point`] called `name` on this thread fail until [`clear`].
#[cfg(test)]
pub(crate) fn arm_always(name: &'static str) {
    ARMED.with(|armed| armed.borrow_mut().push((name, false)));
}

/// Disarms every point on this thread.
#[cfg(test)]
pub(crate) fn clear() {
    ARMED.with(|armed| armed.borrow_mut().clear());
}

/// Whether an armed point was never reached (a test that arms one asserts it fired).
#[cfg(test)]
pub(crate) fn still_armed(name: &'static str) -> bool {
    ARMED.with(|armed| armed.borrow().iter().any(|(n, _)| *n == name))
}
