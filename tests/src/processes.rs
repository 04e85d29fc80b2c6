//! The app's processes as Linux sees them in `/proc`, for the benchmarks: the app, WebKit's
//! web and network processes it starts, their memory (PSS, so shared pages are split fairly
//! between them rather than counted once per process) and the CPU time they used.

use std::path::Path;

/// `root` and every process below it, `root` first.
pub fn tree(root: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| Some((pid, stat_fields(pid)?.ppid)))
        .collect();
    let mut found = vec![root];
    let mut index = 0;
    while index < found.len() {
        let parent = found[index];
        found.extend(
            parents
                .iter()
                .filter(|(_, ppid)| *ppid == parent)
                .map(|(pid, _)| *pid),
        );
        index += 1;
    }
    found
}

/// The command name (`comm`), e.g. `helpline-app` or `WebKitWebProces`.
pub fn name(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|name| name.trim().to_owned())
        .unwrap_or_default()
}

/// Proportional set size in KiB (`/proc/PID/smaps_rollup`).
pub fn pss_kib(pid: u32) -> Option<u64> {
    let rollup = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).ok()?;
    rollup.lines().find_map(|line| {
        let value = line.strip_prefix("Pss:")?;
        value.trim().trim_end_matches("kB").trim().parse().ok()
    })
}

/// User plus system CPU time, in clock ticks.
pub fn cpu_ticks(pid: u32) -> Option<u64> {
    stat_fields(pid).map(|stat| stat.utime + stat.stime)
}

/// Clock ticks per second (`getconf CLK_TCK`; 100 on Linux almost everywhere).
pub fn ticks_per_second() -> u64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|output| String::from_utf8_lossy(&output.stdout).trim().parse().ok())
        .unwrap_or(100)
}

struct Stat {
    ppid: u32,
    utime: u64,
    stime: u64,
}

fn stat_fields(pid: u32) -> Option<Stat> {
    let text =
        std::fs::read_to_string(Path::new("/proc").join(pid.to_string()).join("stat")).ok()?;
    // The command name is in parentheses and may hold spaces: fields start after the last ')'.
    let rest = &text[text.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // After the name: state(3) ppid(4) … utime(14) stime(15), counted from 1 with pid and comm.
    Some(Stat {
        ppid: fields.get(1)?.parse().ok()?,
        utime: fields.get(11)?.parse().ok()?,
        stime: fields.get(12)?.parse().ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_is_found_with_its_memory_and_cpu_time() {
        let me = std::process::id();
        assert_eq!(tree(me)[0], me);
        assert!(pss_kib(me).is_some_and(|kib| kib > 0));
        assert!(cpu_ticks(me).is_some());
        assert!(!name(me).is_empty());
        let child = std::process::Command::new("sleep")
            .arg("5")
            .spawn()
            .unwrap();
        let found = tree(me).contains(&child.id());
        let mut child = child;
        let _ = child.kill();
        let _ = child.wait();
        assert!(found, "a child is part of the tree");
    }
}
