//! Work that can take longer than a frame, on a thread of its own: the frame that asks starts
//! it and goes on drawing what it had; a later frame takes the result. Filters and styles,
//! the feature table's order and the search's results are computed this way.

use std::sync::{Arc, Mutex};

/// A computation running for `key`, and where it leaves its result.
#[derive(Debug)]
pub struct Background<K, T> {
    pub key: K,
    slot: Arc<Mutex<Option<T>>>,
}

/// What a poll finds.
#[derive(Debug)]
pub enum Poll<T> {
    Done(T),
    Running,
    /// The thread ended without a result (it panicked).
    Lost,
}

impl<K, T: Send + 'static> Background<K, T> {
    /// Run `work` on a thread named `name`; `ctx` repaints when it is done. `None` when no
    /// thread could be started.
    pub fn spawn(
        name: &str,
        key: K,
        ctx: &egui::Context,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Option<Self> {
        let slot: Arc<Mutex<Option<T>>> = Arc::default();
        let (send, ctx) = (slot.clone(), ctx.clone());
        let spawned = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let result = work();
                *send.lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                drop(send);
                ctx.request_repaint();
            });
        match spawned {
            Ok(_) => Some(Self { key, slot }),
            Err(err) => {
                log::error!("cannot start {name}: {err}");
                None
            }
        }
    }

    /// Take a job that ended out of `job`: what it was for, and its result (`None` when it
    /// was lost). `None` while it runs, or when there is none.
    pub fn finished(job: &mut Option<Self>) -> Option<(K, Option<T>)> {
        let result = match job.as_ref()?.poll() {
            Poll::Running => return None,
            Poll::Done(result) => Some(result),
            Poll::Lost => {
                log::error!("a background computation stopped without a result");
                None
            }
        };
        job.take().map(|job| (job.key, result))
    }

    /// Take the result, if the computation is done.
    pub fn poll(&self) -> Poll<T> {
        let result = self.slot.lock().unwrap_or_else(|e| e.into_inner()).take();
        match result {
            Some(result) => Poll::Done(result),
            // The thread still holds the slot: still computing.
            None if Arc::strong_count(&self.slot) > 1 => Poll::Running,
            None => Poll::Lost,
        }
    }
}
