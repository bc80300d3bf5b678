//! Where the on-disk tile cache lives, and the check that it can be used. A cache that cannot be
//! created or written costs speed, never the map: tiles then load uncached, with a warning.

use std::path::{Path, PathBuf};

/// The platform cache directory for tiles (e.g. `~/.cache/strikemap/tiles` on Linux).
pub fn platform_cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "strikemap", "strikemap")
        .map(|dirs| dirs.cache_dir().join("tiles"))
}

/// Create `dir` if needed and prove it writable by writing and removing a small file.
/// The error is a sentence for the user.
pub fn prepare(dir: &Path) -> Result<PathBuf, String> {
    let fail = |what: &str, err: std::io::Error| {
        format!("tile cache off: cannot {what} {}: {err}", dir.display())
    };
    std::fs::create_dir_all(dir).map_err(|err| fail("create", err))?;
    let probe = dir.join(".strikemap-write-test");
    std::fs::write(&probe, b"ok").map_err(|err| fail("write to", err))?;
    // A probe left behind is harmless; failing to remove it says nothing about the cache.
    let _ = std::fs::remove_file(&probe);
    Ok(dir.to_path_buf())
}

/// The cache to use: `chosen` (from `--cache-dir`) or the platform one, if it works; otherwise
/// `None` and the reason, which the caller shows.
pub fn resolve(chosen: Option<&Path>) -> (Option<PathBuf>, Option<String>) {
    let dir = match chosen {
        Some(dir) => dir.to_path_buf(),
        None => match platform_cache_dir() {
            Some(dir) => dir,
            None => {
                return (
                    None,
                    Some("tile cache off: this system has no cache directory".to_owned()),
                );
            }
        },
    };
    match prepare(&dir) {
        Ok(dir) => (Some(dir), None),
        Err(warning) => (None, Some(warning)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_in_place_of_the_cache_directory_turns_the_cache_off_with_a_reason() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("not-a-dir");
        std::fs::write(&file, b"x").unwrap();
        let (dir, warning) = resolve(Some(&file));
        assert_eq!(dir, None);
        let warning = warning.unwrap();
        assert!(warning.contains("tile cache off"), "{warning}");
        assert!(warning.contains("not-a-dir"), "{warning}");
    }

    #[test]
    fn a_missing_cache_directory_is_created() {
        let tmp = tempfile::tempdir().unwrap();
        let wanted = tmp.path().join("a/b/tiles");
        let (dir, warning) = resolve(Some(&wanted));
        assert_eq!(dir.as_deref(), Some(wanted.as_path()));
        assert_eq!(warning, None);
        assert!(wanted.is_dir());
    }
}
