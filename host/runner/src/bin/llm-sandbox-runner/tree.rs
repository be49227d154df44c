//! Killing a step's whole process tree: everything below its supervisor.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::sys;

/// Kill every process below `supervisor`, then the supervisor itself.
///
/// The supervisor is stopped first, not killed: while it exists it is the
/// subreaper of the step, so a process whose parent dies in the middle of
/// this is re-parented to it and found by the next pass, whatever it did to
/// hide (`setsid`, double forks). A stopped supervisor cannot reap, so the
/// killed processes stay visible as zombies until it goes too; then they
/// move to the runner, which reaps them.
pub fn kill_tree(supervisor: libc::pid_t) {
    sys::kill(supervisor, libc::SIGSTOP);
    let started = Instant::now();
    loop {
        let live = live_descendants(supervisor);
        if live.is_empty() {
            break;
        }
        for pid in &live {
            sys::kill(*pid, libc::SIGKILL);
        }
        // A killed process can take a moment to exit (uninterruptible
        // sleep); keep going for a bounded time.
        if started.elapsed() > Duration::from_secs(5) {
            eprintln!(
                "llm-sandbox-runner: {} processes of a step survived SIGKILL",
                live.len()
            );
            break;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    sys::kill(supervisor, libc::SIGKILL);
}

/// Processes below `root` that are not zombies.
fn live_descendants(root: libc::pid_t) -> Vec<libc::pid_t> {
    let table = process_table();
    let mut children: HashMap<libc::pid_t, Vec<libc::pid_t>> = HashMap::new();
    for (pid, entry) in &table {
        children.entry(entry.parent).or_default().push(*pid);
    }
    let mut found = Vec::new();
    let mut queue = vec![root];
    while let Some(pid) = queue.pop() {
        for child in children.get(&pid).into_iter().flatten() {
            queue.push(*child);
            if !table[child].zombie {
                found.push(*child);
            }
        }
    }
    found
}

struct Entry {
    parent: libc::pid_t,
    zombie: bool,
}

/// Every process visible in /proc, with its parent.
fn process_table() -> HashMap<libc::pid_t, Entry> {
    let mut table = HashMap::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return table;
    };
    for entry in entries.flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<libc::pid_t>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        if let Some(entry) = parse_stat(&stat) {
            table.insert(pid, entry);
        }
    }
    table
}

/// State and parent from `/proc/PID/stat`: `pid (comm) state ppid …`, where
/// `comm` may hold spaces and parentheses (the last `)` ends it).
fn parse_stat(stat: &str) -> Option<Entry> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace();
    let state = fields.next()?;
    let parent = fields.next()?.parse().ok()?;
    Some(Entry {
        parent,
        zombie: state == "Z" || state == "X",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_lines_with_hostile_command_names_parse() {
        let entry = parse_stat("42 (a) b) (c) S 7 42 42 0 -1").unwrap();
        assert_eq!((entry.parent, entry.zombie), (7, false));
        let entry = parse_stat("43 (x) Z 1 0").unwrap();
        assert!(entry.zombie);
        assert!(parse_stat("garbage").is_none());
    }
}
