//! File system operations confined to a staging directory: every path is
//! opened one name at a time from the staging directory's descriptor with
//! `O_NOFOLLOW`, so no operation ever follows a link, wherever the archive's
//! links point. The tree model already refuses entries below links; this is
//! the second, independent guarantee.

use std::ffi::OsString;
use std::io::{self, Read};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::Path;

use rustix::fs::{AtFlags, Mode, OFlags, Timespec, Timestamps};

/// Descriptor flags for walking into a directory.
const DIR_FLAGS: OFlags = OFlags::DIRECTORY
    .union(OFlags::NOFOLLOW)
    .union(OFlags::CLOEXEC)
    .union(OFlags::RDONLY);

/// A staging directory, and the last directory opened in it.
pub(crate) struct Beneath {
    root: OwnedFd,
    /// The most recently opened directory (entries come in directory order).
    cached: Option<(Vec<OsString>, OwnedFd)>,
}

impl Beneath {
    /// Operate beneath `staging` (a directory only this process writes to).
    pub(crate) fn open(staging: &Path) -> io::Result<Self> {
        let root = rustix::fs::open(staging, DIR_FLAGS, Mode::empty())?;
        Ok(Beneath { root, cached: None })
    }

    /// The directory at `names` below the staging root, creating missing
    /// directories (owner-only until [`Beneath::finish_dir`]).
    fn dir(&mut self, names: &[OsString]) -> io::Result<BorrowedFd<'_>> {
        let hit = matches!(&self.cached, Some((path, _)) if path.as_slice() == names);
        if !hit {
            let mut fd: Option<OwnedFd> = None;
            for name in names {
                let parent = fd.as_ref().map_or(self.root.as_fd(), |f| f.as_fd());
                let next = match rustix::fs::openat(parent, name, DIR_FLAGS, Mode::empty()) {
                    Err(rustix::io::Errno::NOENT) => {
                        rustix::fs::mkdirat(parent, name, Mode::from_raw_mode(0o700))?;
                        rustix::fs::openat(parent, name, DIR_FLAGS, Mode::empty())?
                    }
                    other => other?,
                };
                fd = Some(next);
            }
            let fd = match fd {
                Some(fd) => fd,
                None => rustix::fs::openat(&self.root, ".", DIR_FLAGS, Mode::empty())?,
            };
            self.cached = Some((names.to_vec(), fd));
        }
        match &self.cached {
            Some((_, fd)) => Ok(fd.as_fd()),
            None => Err(io::Error::other("no directory is open")),
        }
    }

    /// Create the directory `path` (or accept the one already there).
    pub(crate) fn create_dir(&mut self, path: &[OsString]) -> io::Result<()> {
        let (name, parents) = split(path)?;
        let parent = self.dir(parents)?;
        match rustix::fs::mkdirat(parent, name, Mode::from_raw_mode(0o700)) {
            Ok(()) => Ok(()),
            Err(rustix::io::Errno::EXIST) => {
                // Only a real directory may be there (never a link to one).
                rustix::fs::openat(parent, name, DIR_FLAGS, Mode::empty()).map(drop)?;
                Ok(())
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Create the regular file `path` (it must not exist) with `size` bytes
    /// from `contents`, its permission bits and modification time.
    pub(crate) fn create_file(
        &mut self,
        path: &[OsString],
        contents: &mut dyn Read,
        size: u64,
        mode: u32,
        mtime: u64,
    ) -> io::Result<()> {
        let (name, parents) = split(path)?;
        let parent = self.dir(parents)?;
        let flags =
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC;
        let fd = rustix::fs::openat(parent, name, flags, Mode::from_raw_mode(0o600))?;
        let mut file = std::fs::File::from(fd);
        let copied = io::copy(&mut contents.take(size), &mut file)?;
        if copied != size {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the archive ended inside a file",
            ));
        }
        rustix::fs::fchmod(&file, Mode::from_raw_mode(file_mode(mode)))?;
        rustix::fs::futimens(&file, &times(mtime))?;
        Ok(())
    }

    /// Create the symbolic link `path` pointing at `target` (not followed).
    pub(crate) fn symlink(&mut self, path: &[OsString], target: &Path) -> io::Result<()> {
        let (name, parents) = split(path)?;
        let parent = self.dir(parents)?;
        rustix::fs::symlinkat(target, parent, name)?;
        Ok(())
    }

    /// Create `path` as a hard link to the regular file `target` (both below
    /// the staging root; the target is not followed if it is a link).
    pub(crate) fn hard_link(&mut self, target: &[OsString], path: &[OsString]) -> io::Result<()> {
        let (target_name, target_parents) = split(target)?;
        let (name, parents) = split(path)?;
        // Hold the target's directory open while opening the link's.
        let target_dir = {
            let fd = self.dir(target_parents)?;
            rustix::io::fcntl_dupfd_cloexec(fd, 0)?
        };
        let parent = self.dir(parents)?;
        rustix::fs::linkat(&target_dir, target_name, parent, name, AtFlags::empty())?;
        Ok(())
    }

    /// Give the directory `path` its final permission bits and time.
    pub(crate) fn finish_dir(
        &mut self,
        path: &[OsString],
        mode: u32,
        mtime: u64,
    ) -> io::Result<()> {
        let dir = self.dir(path)?;
        rustix::fs::fchmod(dir, Mode::from_raw_mode(dir_mode(mode)))?;
        rustix::fs::futimens(dir, &times(mtime))?;
        Ok(())
    }

    /// The staging root's descriptor (for the final rename).
    pub(crate) fn root(&self) -> BorrowedFd<'_> {
        self.root.as_fd()
    }
}

fn split(path: &[OsString]) -> io::Result<(&OsString, &[OsString])> {
    path.split_last()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "empty path"))
}

/// Permission bits only (never setuid, setgid or sticky), and always
/// readable and writable by the owner, so the copy can be used and removed.
fn file_mode(mode: u32) -> u32 {
    (mode & 0o777) | 0o600
}

/// As [`file_mode`], with the owner always allowed to enter and change it.
fn dir_mode(mode: u32) -> u32 {
    (mode & 0o777) | 0o700
}

fn times(mtime: u64) -> Timestamps {
    let at = Timespec {
        tv_sec: i64::try_from(mtime).unwrap_or(i64::MAX),
        tv_nsec: 0,
    };
    Timestamps {
        last_access: at,
        last_modification: at,
    }
}
