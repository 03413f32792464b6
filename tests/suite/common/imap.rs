//! A real IMAP server for the bounce mailbox: Debian's Dovecot, started by the test in a
//! directory of its own on a free port, implicit TLS with a certificate from a test CA, one user.
//! Messages arrive in its Maildir as a delivery agent would put them.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use super::smtp::{certificates, free_port};

pub const IMAP_USER: &str = "bounces";
pub const IMAP_PASSWORD: &str = "bounce-box-password-7";

pub struct Dovecot {
    pub port: u16,
    /// The test CA's certificate, to give the app as `imap_ca_file`.
    pub ca_file: PathBuf,
    maildir: PathBuf,
    process: Child,
    _dir: tempfile::TempDir,
}

fn chown_to_dovecot(path: &Path) {
    let out = Command::new("chown")
        .args(["-R", "dovecot:dovecot"])
        .arg(path)
        .output()
        .expect("chown");
    assert!(out.status.success(), "chown: {out:?}");
}

impl Dovecot {
    pub fn start() -> Dovecot {
        let dovecot = ["/usr/sbin/dovecot", "/usr/bin/dovecot"]
            .into_iter()
            .find(|p| Path::new(p).exists())
            .expect("dovecot (./scripts/test.sh installs dovecot-imapd)");
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_owned();
        // Dovecot's own users must reach their files.
        Command::new("chmod")
            .arg("755")
            .arg(&root)
            .status()
            .unwrap();
        let (ca_file, cert, key) = certificates(&root);
        let mail = root.join("mail");
        let maildir = mail.join(IMAP_USER);
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir_all(maildir.join(sub)).unwrap();
        }
        chown_to_dovecot(&mail);
        let port = free_port();
        let conf = root.join("dovecot.conf");
        std::fs::write(
            &conf,
            format!(
                r#"protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
instance_name = covoit-test-{port}
log_path = {root}/dovecot.log
ssl = required
ssl_cert = <{cert}
ssl_key = <{key}
auth_mechanisms = plain login
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
default_internal_user = dovecot
default_login_user = dovenull
passdb {{
  driver = static
  args = password={IMAP_PASSWORD}
}}
userdb {{
  driver = static
  args = uid=dovecot gid=dovecot home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    port = 0
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {port}
    ssl = yes
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
"#,
                root = root.display(),
                cert = cert.display(),
                key = key.display(),
            ),
        )
        .unwrap();
        // The key is read by Dovecot's master (root) only.
        let process = Command::new(dovecot)
            .arg("-F")
            .arg("-c")
            .arg(&conf)
            .spawn()
            .expect("start dovecot");
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "dovecot did not listen: {}",
                std::fs::read_to_string(root.join("dovecot.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Dovecot {
            port,
            ca_file,
            maildir,
            process,
            _dir: dir,
        }
    }

    /// Puts a message in the mailbox, as a delivery agent does (Maildir `new/`).
    pub fn deliver(&self, raw: &[u8]) {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let name = format!(
            "{}.M{n}P{}.covoit-test",
            chrono::Utc::now().timestamp(),
            std::process::id()
        );
        let tmp = self.maildir.join("tmp").join(&name);
        std::fs::write(&tmp, raw).unwrap();
        chown_to_dovecot(&tmp);
        std::fs::rename(&tmp, self.maildir.join("new").join(&name)).unwrap();
    }

    /// Messages still in the mailbox: (not yet seen, seen).
    pub fn messages(&self) -> (usize, usize) {
        let count = |sub: &str| {
            std::fs::read_dir(self.maildir.join(sub))
                .map(|d| d.count())
                .unwrap_or(0)
        };
        let cur: Vec<String> = std::fs::read_dir(self.maildir.join("cur"))
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        let seen = cur
            .iter()
            .filter(|n| n.rsplit_once(":2,").is_some_and(|(_, f)| f.contains('S')))
            .count();
        (count("new") + cur.len() - seen, seen)
    }

    /// The figment settings that make the app read this mailbox.
    pub fn figment(&self, figment: rocket::figment::Figment) -> rocket::figment::Figment {
        figment
            .merge(("bounce_address", "bounces@covoit.test"))
            .merge(("imap_host", "localhost"))
            .merge(("imap_port", self.port))
            .merge(("imap_tls", "tls"))
            .merge(("imap_user", IMAP_USER))
            .merge(("imap_password", IMAP_PASSWORD))
            .merge(("imap_ca_file", self.ca_file.display().to_string()))
            .merge(("imap_timeout_secs", 10))
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}
