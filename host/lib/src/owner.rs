//! Which process owns a sandbox, so containers left by a crashed host can be
//! told apart from those of hosts still running.
//!
//! Every container carries [`OWNER_LABEL`] = `hostname/pid/start-time`. The
//! start time (from `/proc/<pid>/stat`) guards against pid reuse: a
//! container's owner is alive only if a process with that pid *and* that
//! start time exists on this machine.

/// Label holding the owner of a container.
pub const OWNER_LABEL: &str = "io.llm-sandbox.owner";

/// The process that created a container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// Host name of the machine.
    pub hostname: String,
    /// Process id.
    pub pid: u32,
    /// Process start time, in clock ticks since boot (0 if unknown).
    pub start_time: u64,
}

impl Owner {
    /// The current process.
    pub fn current() -> Owner {
        let pid = std::process::id();
        Owner {
            hostname: hostname(),
            pid,
            start_time: start_time(pid).unwrap_or(0),
        }
    }

    /// The label value.
    pub fn label(&self) -> String {
        format!("{}/{}/{}", self.hostname, self.pid, self.start_time)
    }

    /// Parse a label value.
    pub fn parse(label: &str) -> Option<Owner> {
        let mut parts = label.rsplitn(3, '/');
        let start_time = parts.next()?.parse().ok()?;
        let pid = parts.next()?.parse().ok()?;
        let hostname = parts.next()?.to_string();
        Some(Owner {
            hostname,
            pid,
            start_time,
        })
    }

    /// Whether this owner runs on this machine.
    pub fn is_local(&self) -> bool {
        self.hostname == hostname()
    }

    /// Whether this owner (on this machine) is still running.
    pub fn is_alive(&self) -> bool {
        start_time(self.pid).is_some_and(|t| self.start_time == 0 || t == self.start_time)
    }
}

fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|h| h.trim().to_string())
        .unwrap_or_default()
}

/// Field 22 of `/proc/<pid>/stat` (after the parenthesised command name).
fn start_time(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_comm = &stat[stat.rfind(')')? + 1..];
    after_comm.split_whitespace().nth(19)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_process_is_alive_and_round_trips_through_its_label() {
        let me = Owner::current();
        assert!(me.start_time > 0);
        let parsed = Owner::parse(&me.label()).unwrap();
        assert_eq!(parsed, me);
        assert!(parsed.is_local() && parsed.is_alive());
    }

    #[test]
    fn a_reused_pid_with_another_start_time_is_not_alive() {
        let other = Owner {
            start_time: Owner::current().start_time + 1,
            ..Owner::current()
        };
        assert!(!other.is_alive());
        assert!(Owner::parse("garbage").is_none());
        assert_eq!(Owner::parse("a/b/1/2").unwrap().hostname, "a/b");
    }
}
