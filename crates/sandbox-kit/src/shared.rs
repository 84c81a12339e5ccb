//! [`Shared`]: an emulation's store shared by its handlers and its reset hook.

use std::sync::{Arc, Mutex, MutexGuard};

/// A value shared by an emulation's handlers and its reset hook (`Arc<Mutex<T>>`), locked
/// with [`crate::lock`] so one panicking handler cannot poison it for the rest.
#[derive(Debug)]
pub struct Shared<T> {
    inner: Arc<Mutex<T>>,
}

// Not derived: cloning shares the value, so `T` need not be `Clone`.
impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Self { inner: Arc::clone(&self.inner) }
    }
}

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Self { inner: Arc::new(Mutex::new(value)) }
    }

    pub fn lock(&self) -> MutexGuard<'_, T> {
        crate::lock(&self.inner)
    }

    /// Swap in a fresh value (used by `POST /_sandbox/reset`).
    pub fn replace(&self, value: T) {
        *self.lock() = value;
    }
}
