//! Failure injection between the steps of the workstation's multi-step writes, so unit tests
//! can prove each one all or nothing. Compiled to nothing outside `cargo test` of this crate.

use crate::error::CoreResult;

#[cfg(test)]
thread_local! {
    static ARMED: std::cell::RefCell<Vec<&'static str>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Fails once if a test armed `name` on this thread; otherwise does nothing.
#[cfg_attr(not(test), inline(always))]
pub(crate) fn point(name: &'static str) -> CoreResult<()> {
    #[cfg(test)]
    {
        let fire = ARMED.with(|armed| {
            let mut armed = armed.borrow_mut();
            let at = armed.iter().position(|n| *n == name);
            at.map(|i| armed.remove(i)).is_some()
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
    ARMED.with(|armed| armed.borrow_mut().push(name));
}

/// Whether an armed point was never reached (a test that arms one asserts it fired).
#[cfg(test)]
pub(crate) fn still_armed(name: &'static str) -> bool {
    ARMED.with(|armed| armed.borrow().contains(&name))
}
