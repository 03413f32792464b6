//! The operator's backup and restore of a SQLite database, as the README tells them: an
//! online backup with `covoit backup` while the service runs and takes bookings, a restore
//! refused while the service still runs, then done after it stopped (the container health
//! check saying so); the restored service shows what the backup held and nothing written
//! after it.
use super::*;

struct Service {
    child: std::process::Child,
    port: u16,
}

impl Service {
    fn start(dir: &std::path::Path) -> Service {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_covoit"))
            .env_clear()
            .current_dir(dir)
            .env("RUST_LOG", "warn")
            .env("ROCKET_PORT", port.to_string())
            .env("ROCKET_ADDRESS", "127.0.0.1")
            .env("DATABASE_URL", "sqlite://covoit.db?mode=rwc")
            .env("SECRET_KEY", common::TEST_KEY)
            .env("BASE_URL", format!("http://127.0.0.1:{port}"))
            .env("ROCKET_JOBS_INTERVAL_SECS", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "the service did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        Service { child, port }
    }

    fn http(&self, method: &str, path: &str, body: &str) -> (u16, String) {
        http(self.port, method, path, body)
    }

    fn event(&self, name: &str) -> String {
        let mut body = common::event_body();
        body["name"] = json!(name);
        let (status, e) = self.http("POST", "/api/events", &body.to_string());
        assert_eq!(status, 201, "{e}");
        let e: Value = serde_json::from_str(&e).unwrap();
        e["event"]["slug"].as_str().unwrap().to_owned()
    }

    /// SIGTERM, as systemd and docker stop it, then wait for it to end.
    fn stop(mut self) {
        // SAFETY: kill(2) on our own child's pid.
        unsafe { libc::kill(self.child.id() as i32, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.child.try_wait().unwrap().is_none() {
            assert!(Instant::now() < deadline, "the service did not stop");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn http(port: u16, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.0\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
        .unwrap();
    let mut reply = String::new();
    s.read_to_string(&mut reply).unwrap();
    let status = reply.get(9..12).and_then(|c| c.parse().ok()).unwrap_or(0);
    (
        status,
        reply.split("\r\n\r\n").nth(1).unwrap_or("").to_owned(),
    )
}

fn cli(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_covoit"))
        .env_clear()
        .envs(env.iter().copied())
        .current_dir(dir)
        .env("RUST_LOG", "warn")
        .env("DATABASE_URL", "sqlite://covoit.db?mode=rwc")
        .env("SECRET_KEY", common::TEST_KEY)
        .args(args)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_online_backup_restores_what_it_held() {
    tokio::task::spawn_blocking(|| {
        let dir = tempfile::tempdir().unwrap();
        let service = Service::start(dir.path());
        let kept = service.event("Backed-up derby");
        // Bookings keep arriving while the backup is taken.
        let offer_path = format!("/api/events/{kept}/offers");
        let writer = {
            let port = service.port;
            std::thread::spawn(move || {
                let mut created = 0;
                for _ in 0..20 {
                    let (status, _) =
                        http(port, "POST", &offer_path, &common::offer_body().to_string());
                    created += usize::from(status == 201);
                }
                created
            })
        };
        let (ok, said) = cli(dir.path(), &["backup", "--to", "snapshot.db"], &[]);
        assert!(ok, "{said}");
        assert!(said.contains("integrity check ok"), "{said}");
        assert!(writer.join().unwrap() > 0, "rides were offered meanwhile");
        // Never over an existing file.
        let (ok, said) = cli(dir.path(), &["backup", "--to", "snapshot.db"], &[]);
        assert!(!ok && said.contains("already exists"), "{said}");

        let later = service.event("Written after the backup");
        // The service still runs: a restore would pull the file from under it.
        let (ok, said) = cli(dir.path(), &["restore", "--from", "snapshot.db"], &[]);
        assert!(!ok && said.contains("stop the service first"), "{said}");
        // A file that is not a covoit database is refused whatever the state.
        std::fs::write(dir.path().join("junk.db"), b"not a database").unwrap();
        let (ok, said) = cli(
            dir.path(),
            &["restore", "--from", "junk.db", "--force"],
            &[],
        );
        assert!(!ok && said.contains("not a usable covoit backup"), "{said}");

        // The container health check asks the running service.
        let port = service.port.to_string();
        let (ok, said) = cli(dir.path(), &["healthcheck"], &[("ROCKET_PORT", &port)]);
        assert!(ok, "{said}");
        service.stop();
        let (ok, said) = cli(dir.path(), &["healthcheck"], &[("ROCKET_PORT", &port)]);
        assert!(!ok && said.contains("unhealthy"), "{said}");
        // Stopped a moment ago: its last tick is recent, so the operator says it has stopped.
        let (ok, said) = cli(
            dir.path(),
            &["restore", "--from", "snapshot.db", "--force"],
            &[],
        );
        assert!(ok, "{said}");
        assert!(said.contains("restored from snapshot.db"), "{said}");

        let restored = Service::start(dir.path());
        let (status, page) = restored.http("GET", &format!("/e/{kept}"), "");
        assert_eq!(status, 200);
        assert!(page.contains("Backed-up derby"), "{page}");
        let (status, page) = restored.http("GET", &format!("/e/{later}"), "");
        assert_eq!(status, 404, "written after the backup: {page}");
        // The restored database takes writes.
        restored.event("After the restore");
        restored.stop();
    })
    .await
    .unwrap();
}
