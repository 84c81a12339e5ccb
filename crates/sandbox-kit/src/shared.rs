//! [`Shared`]: an emulation's store shared by its handlers and its reset hook, built when
//! first used.

use std::fmt;
use std::sync::{Arc, LazyLock, Mutex, MutexGuard};

type Init<T> = Box<dyn FnOnce() -> Mutex<T> + Send>;

/// A value shared by an emulation's handlers and its reset hook (`Arc<Mutex<T>>`), locked
/// with [`crate::lock`] so one panicking handler cannot poison it for the rest.
///
/// [`Shared::lazy`] defers building the value to its first lock: the sandbox serves fourteen
/// APIs, and seeding all of them at start-up cost a sandbox that only ever sees Gmail calls
/// several MB of memory and part of its start time.
pub struct Shared<T> {
    inner: Arc<LazyLock<Mutex<T>, Init<T>>>,
}

// Not derived: cloning shares the value, so `T` need not be `Clone`.
impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self { inner: Arc::clone(&self.inner) }
    }
}

impl<T: Send + 'static> Shared<T> {
    pub fn new(value: T) -> Self {
        Self::lazy(move || value)
    }

    /// A value `init` builds on the first [`Shared::lock`] (or [`Shared::replace`]).
    pub fn lazy(init: impl FnOnce() -> T + Send + 'static) -> Self {
        Self { inner: Arc::new(LazyLock::new(Box::new(move || Mutex::new(init())))) }
    }
}

impl<T> Shared<T> {
    pub fn lock(&self) -> MutexGuard<'_, T> {
        crate::lock(&self.inner)
    }

    /// Swap in a fresh value (used by `POST /_sandbox/reset`).
    pub fn replace(&self, value: T) {
        *self.lock() = value;
    }
}

impl<T> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = if LazyLock::get(&self.inner).is_some() { "built" } else { "not built yet" };
        f.debug_struct("Shared").field("value", &state).finish()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[test]
    fn a_lazy_value_is_built_once_on_first_lock() {
        static BUILT: AtomicUsize = AtomicUsize::new(0);
        let shared = Shared::lazy(|| {
            BUILT.fetch_add(1, Ordering::SeqCst);
            vec![1]
        });
        let other = shared.clone();
        assert_eq!(BUILT.load(Ordering::SeqCst), 0, "built before use");
        other.lock().push(2);
        assert_eq!(*shared.lock(), vec![1, 2], "clones share one value");
        shared.replace(vec![3]);
        assert_eq!(*other.lock(), vec![3]);
        assert_eq!(BUILT.load(Ordering::SeqCst), 1);
    }
}
