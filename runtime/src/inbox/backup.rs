//! An online copy of a SQLite inbox (`inbox backup PATH`), taken while `serve` stores and
//! handles deliveries, through SQLite's backup API.
//!
//! The copy is one consistent snapshot: every page is copied in a single step, inside one read
//! transaction of a connection of its own. The inbox is in WAL mode, so that read never blocks
//! the server, which goes on committing deliveries meanwhile (they land in the next backup).
//! The copy is written beside its destination under a temporary name, flushed, then renamed
//! into place: an interrupted backup leaves no half-written file at the destination.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

/// How long a backup waits for a lock SQLite reports busy before it gives up.
const BUSY_FOR: Duration = Duration::from_secs(5);

/// A backup that was not made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BackupError {
    /// The inbox is a PostgreSQL database: `pg_dump` is the tool that copies it.
    #[error(
        "a PostgreSQL inbox is backed up with pg_dump, not with this command: `pg_dump --format=custom --file=inbox.dump DATABASE_URL` copies a consistent snapshot while serve runs"
    )]
    Postgres,
    /// No inbox file is at the source path.
    #[error("no inbox at {}", .0.display())]
    NoInbox(PathBuf),
    /// The destination (or a `-wal` file beside it) exists, and replacing it was not asked.
    #[error("{} already exists: the backup replaces it only when told to (--overwrite)", .0.display())]
    Exists(PathBuf),
    /// The destination is the inbox itself, or one of its `-wal`, `-shm` or `-journal` files.
    #[error("{} is the inbox itself, or one of its files", .0.display())]
    SameFile(PathBuf),
    /// SQLite or the file system failed.
    #[error("backing up the inbox to {}: {message}", .to.display())]
    Failed {
        /// The destination asked for.
        to: PathBuf,
        /// What failed.
        message: String,
    },
}

/// What a backup wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BackupReport {
    /// The copy's path.
    pub path: PathBuf,
    /// The copy's size in bytes.
    pub bytes: u64,
}

/// Copies the inbox at `location` to a new SQLite file at `to`, while the inbox may be in use
/// by any number of processes; `overwrite` replaces a file already at `to`. A `postgres://`
/// location is refused with [`BackupError::Postgres`]. Blocking: it returns once the copy is
/// on disk.
pub fn backup(location: &str, to: &Path, overwrite: bool) -> Result<BackupReport, BackupError> {
    if super::is_postgres(location) {
        return Err(BackupError::Postgres);
    }
    let source = Path::new(location);
    if !source.is_file() {
        return Err(BackupError::NoInbox(source.to_owned()));
    }
    let failed = |message: String| BackupError::Failed {
        to: to.to_owned(),
        message,
    };
    let wal = sibling(to, "-wal");
    for existing in [to, wal.as_path()] {
        if existing.exists() {
            if is_inbox_file(source, existing) {
                return Err(BackupError::SameFile(existing.to_owned()));
            }
            if !overwrite {
                return Err(BackupError::Exists(existing.to_owned()));
            }
        }
    }

    let partial = Partial::beside(to);
    copy(source, &partial.0).map_err(|e| failed(e.to_string()))?;
    std::fs::File::open(&partial.0)
        .and_then(|file| file.sync_all())
        .map_err(|e| failed(format!("flushing {}: {e}", partial.0.display())))?;
    // A stale WAL beside the destination would be replayed onto the new copy when it is
    // opened: it goes first (only when overwriting, checked above).
    for stale in [wal, sibling(to, "-shm")] {
        match std::fs::remove_file(&stale) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => return Err(failed(format!("removing {}: {error}", stale.display()))),
        }
    }
    place(&partial.0, to, overwrite)?;
    if let Some(dir) = to.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        // The rename itself is durable once its directory is flushed (where that can be done).
        let _ = std::fs::File::open(dir).and_then(|dir| dir.sync_all());
    }
    let bytes = std::fs::metadata(to)
        .map_err(|e| failed(e.to_string()))?
        .len();
    Ok(BackupReport {
        path: to.to_owned(),
        bytes,
    })
}

/// Copies every page of `source` to a new database at `to`, in one step.
fn copy(source: &Path, to: &Path) -> Result<(), String> {
    // Read-write but never created: SQLite may need to write the WAL index of a database in
    // WAL mode even to read it, and a missing inbox must stay missing.
    let from = Connection::open_with_flags(
        source,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| format!("{}: {e}", source.display()))?;
    from.busy_timeout(BUSY_FOR).map_err(|e| e.to_string())?;
    let mut copy = Connection::open(to).map_err(|e| format!("{}: {e}", to.display()))?;
    copy.busy_timeout(BUSY_FOR).map_err(|e| e.to_string())?;
    let backup = Backup::new(&from, &mut copy).map_err(|e| e.to_string())?;
    let deadline = std::time::Instant::now() + BUSY_FOR;
    loop {
        // -1: all pages at once, so that the copy is one snapshot. Copied in several steps,
        // any commit of the server's in between would start the copy over.
        match backup.step(-1).map_err(|e| e.to_string())? {
            StepResult::Done => break,
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked if std::time::Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(20));
            }
            StepResult::Busy | StepResult::Locked => {
                return Err(format!(
                    "the inbox stayed locked for {} s",
                    BUSY_FOR.as_secs()
                ));
            }
            other => return Err(format!("SQLite's backup stopped: {other:?}")),
        }
    }
    drop(backup);
    copy.close().map_err(|(_, e)| e.to_string())
}

/// Moves the finished copy to `to`: replacing what is there only when `overwrite` says so.
fn place(partial: &Path, to: &Path, overwrite: bool) -> Result<(), BackupError> {
    let failed = |error: std::io::Error| BackupError::Failed {
        to: to.to_owned(),
        message: error.to_string(),
    };
    if overwrite {
        return std::fs::rename(partial, to).map_err(failed);
    }
    // A hard link fails if `to` appeared meanwhile, where a rename would replace it.
    match std::fs::hard_link(partial, to) {
        Ok(()) => std::fs::remove_file(partial).map_err(failed),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(BackupError::Exists(to.to_owned()))
        }
        // A file system without hard links: checked, then renamed.
        Err(_) if to.exists() => Err(BackupError::Exists(to.to_owned())),
        Err(_) => std::fs::rename(partial, to).map_err(failed),
    }
}

/// `path` with `suffix` after its file name, as SQLite names a database's side files.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether `candidate` is the inbox at `source` or one of its side files.
fn is_inbox_file(source: &Path, candidate: &Path) -> bool {
    let (Ok(source), Ok(candidate)) = (source.canonicalize(), candidate.canonicalize()) else {
        return false;
    };
    candidate == source
        || ["-wal", "-shm", "-journal"]
            .iter()
            .any(|suffix| candidate == sibling(&source, suffix))
}

/// The copy being written, beside its destination; whatever is left of it (with its journal)
/// is removed when it goes out of scope, which after it was put in place is nothing.
struct Partial(PathBuf);

impl Partial {
    fn beside(to: &Path) -> Partial {
        let name = to
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| "inbox".to_owned());
        let name = format!(".{name}.partial-{}", std::process::id());
        Partial(to.with_file_name(name))
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        for path in [self.0.clone(), sibling(&self.0, "-journal")] {
            let _ = std::fs::remove_file(path);
        }
    }
}
