//! What the Debian package and the container ship: the systemd unit passes systemd's own
//! hardening review, and the example configuration is one covoit accepts as it stands.
use super::*;

fn repo(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[test]
fn the_systemd_unit_is_hardened() {
    let out = Command::new("systemd-analyze")
        .args(["security", "--offline=true", "--no-pager"])
        .arg(repo("deploy/covoit.service"))
        .output()
        .expect("systemd-analyze (Debian's systemd package) is on the machine");
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find(|l| l.contains("Overall exposure level"))
        .unwrap_or_else(|| panic!("no verdict: {text}"));
    let score: f64 = line
        .split(": ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no score in {line}"));
    // systemd rates 0 to 10; below 2 is "OK", the best of its four grades.
    assert!(score < 2.0, "{line}");
    for setting in [
        "ProtectSystem=",
        "PrivateUsers=",
        "SystemCallFilter=",
        "NoNewPrivileges=",
    ] {
        let row = text
            .lines()
            .find(|l| l.contains(setting))
            .unwrap_or_else(|| panic!("{setting} not reviewed"));
        assert!(row.trim_start().starts_with('✓'), "{row}");
    }
}

#[test]
fn the_example_configuration_starts_covoit() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_covoit"))
        .env_clear()
        .current_dir(dir.path())
        .env("RUST_LOG", "warn")
        .env("ROCKET_CONFIG", repo("deploy/covoit.toml"))
        .env("ROCKET_PROFILE", "release")
        // The package draws the key at installation; the file lives where the test can write.
        .env("SECRET_KEY", common::TEST_KEY)
        .env("DATABASE_URL", "sqlite://covoit.db?mode=rwc")
        .arg("migrate")
        .output()
        .unwrap();
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("migrations applied"), "{said}");
    let env = std::fs::read_to_string(repo("deploy/covoit.env")).unwrap();
    assert!(
        env.lines().any(|l| l == "SECRET_KEY="),
        "the postinst script fills the empty SECRET_KEY line"
    );
}
