//! A layer's "Export shown…": the features its filters and the time bar's range show, written
//! as GeoJSON or CSV on a thread of its own (the file is read again for its exact
//! coordinates), and what came of it in the menu bar.

use std::path::PathBuf;

use super::StrikemapApp;

impl StrikemapApp {
    /// Write the shown features of opened layer `id` to `path`, in the background.
    pub fn export_shown(&mut self, id: u64, path: PathBuf) {
        let Some(layer) = self.layers.opened.get(id) else {
            return;
        };
        let shown: Vec<bool> = (0..layer.feature_count())
            .map(|i| layer.feature_shown(i))
            .collect();
        let (source, name) = (layer.path.clone(), layer.layer.name.clone());
        let (send, receive) = std::sync::mpsc::channel();
        let started = std::thread::Builder::new()
            .name("strikemap-export-shown".to_owned())
            .spawn(move || {
                let written = crate::data::formats::shown::export(&source, &name, &shown, &path);
                let _ = send.send(written.map(|n| (n, path)));
            });
        match started {
            Ok(_) => {
                self.jobs.shown_export = Some(receive);
                self.jobs.export_message = Some("Exporting the shown features…".to_owned());
            }
            Err(err) => self.jobs.export_message = Some(format!("cannot export: {err}")),
        }
    }

    /// Whether shown features are being written.
    pub fn is_exporting_shown(&self) -> bool {
        self.jobs.shown_export.is_some()
    }

    /// Say how the export went, once it has.
    pub(super) fn poll_shown_export(&mut self) {
        let result = match self.jobs.shown_export.as_ref().map(|r| r.try_recv()) {
            Some(Ok(result)) => result,
            Some(Err(std::sync::mpsc::TryRecvError::Disconnected)) => {
                Err("the export stopped unexpectedly; nothing was written".to_owned())
            }
            _ => return,
        };
        self.jobs.shown_export = None;
        self.jobs.export_message = Some(match result {
            Ok((n, path)) => format!(
                "Wrote {} to {}",
                crate::format::counted(n, "feature", "features"),
                path.display()
            ),
            Err(why) => why,
        });
    }
}
