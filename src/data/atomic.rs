//! Saving without destroying: every file strikemap writes (projects, sketches, exported
//! images) goes to a temporary file beside its place, then is renamed over it, so a crash or a
//! full disk mid-write leaves the old file whole.

use std::io;
use std::path::Path;

/// Write `bytes` to `path` through `.NAME.saving` beside it, renamed into place.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("strikemap-atomic-{}", std::process::id()));
/// std::fs::create_dir_all(&dir).unwrap();
/// let path = dir.join("a.txt");
/// strikemap::data::atomic::write_atomically(&path, b"new").unwrap();
/// assert_eq!(std::fs::read(&path).unwrap(), b"new");
/// assert!(!dir.join(".a.txt.saving").exists());
/// # std::fs::remove_dir_all(&dir).unwrap();
/// ```
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let name = path
        .file_name()
        .map_or_else(|| "file".to_owned(), |n| n.to_string_lossy().into_owned());
    let temporary = path.with_file_name(format!(".{name}.saving"));
    let written =
        std::fs::write(&temporary, bytes).and_then(|()| std::fs::rename(&temporary, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

/// An image as PNG bytes, written atomically to `path`.
pub fn write_png(path: &Path, image: &image::RgbaImage) -> Result<(), String> {
    let mut bytes = Vec::new();
    image
        .write_to(&mut io::Cursor::new(&mut bytes), image::ImageFormat::Png)
        .and_then(|()| write_atomically(path, &bytes).map_err(image::ImageError::IoError))
        .map_err(|err| format!("cannot write {}: {err}", path.display()))
}
