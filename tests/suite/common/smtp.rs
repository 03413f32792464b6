//! A real SMTP server in the test process (mailin-embedded): STARTTLS with a certificate from a
//! test CA, AUTH PLAIN/LOGIN required, every accepted message kept. It can be told to refuse
//! recipients with a permanent (5xx) or transient (4xx) answer.
#![allow(dead_code)]

use std::net::{IpAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use mailin_embedded::response::{self, Response};
use mailin_embedded::{AuthMechanism, Handler, Server, SslConfig};

pub const SMTP_USER: &str = "covoit-relay";
pub const SMTP_PASSWORD: &str = "relay-password-42";

#[derive(Debug, Clone)]
pub struct Received {
    /// The name the client gave in its greeting (HELO/EHLO).
    pub helo: String,
    pub from: String,
    pub to: Vec<String>,
    pub data: Vec<u8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Accept,
    /// 550 for recipients containing "reject".
    RefusePermanently,
    /// 451 for every recipient.
    RefuseTemporarily,
}

#[derive(Clone)]
struct Recorder {
    inbox: Arc<Mutex<Vec<Received>>>,
    mode: Arc<Mutex<Mode>>,
    /// How long the server takes to answer the end of each message (a slow relay).
    delay: Arc<Mutex<Duration>>,
    /// Every HELO/EHLO received (a STARTTLS session greets twice: before and after TLS).
    greetings: Arc<std::sync::atomic::AtomicUsize>,
    helo: String,
    from: String,
    to: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Recorder {
    fn helo(&mut self, _ip: IpAddr, domain: &str) -> Response {
        self.helo = domain.to_owned();
        self.greetings
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        response::OK
    }

    fn mail(&mut self, _ip: IpAddr, _domain: &str, from: &str) -> Response {
        self.from = from.to_owned();
        self.to.clear();
        self.data.clear();
        response::OK
    }

    fn rcpt(&mut self, to: &str) -> Response {
        match *self.mode.lock().unwrap() {
            Mode::RefusePermanently if to.contains("reject") => response::NO_MAILBOX,
            Mode::RefuseTemporarily => response::INTERNAL_ERROR,
            _ => {
                self.to.push(to.to_owned());
                response::OK
            }
        }
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        let delay = *self.delay.lock().unwrap();
        std::thread::sleep(delay);
        self.inbox.lock().unwrap().push(Received {
            helo: self.helo.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            data: std::mem::take(&mut self.data),
        });
        response::OK
    }

    fn auth_plain(&mut self, _authz: &str, user: &str, password: &str) -> Response {
        check(user, password)
    }

    fn auth_login(&mut self, user: &str, password: &str) -> Response {
        check(user, password)
    }
}

fn check(user: &str, password: &str) -> Response {
    if user == SMTP_USER && password == SMTP_PASSWORD {
        response::AUTH_OK
    } else {
        response::INVALID_CREDENTIALS
    }
}

pub struct SmtpServer {
    pub port: u16,
    inbox: Arc<Mutex<Vec<Received>>>,
    mode: Arc<Mutex<Mode>>,
    delay: Arc<Mutex<Duration>>,
    greetings: Arc<std::sync::atomic::AtomicUsize>,
    /// The test CA's certificate, to give the app as `smtp_ca_file`.
    pub ca_file: PathBuf,
    _dir: tempfile::TempDir,
}

/// A free local port with nothing listening on it (yet).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn certificates(dir: &std::path::Path) -> (PathBuf, PathBuf, PathBuf) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, "covoit test CA");
    let ca_cert = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);
    let leaf_key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["localhost".to_owned()])
        .unwrap()
        .signed_by(&leaf_key, &issuer)
        .unwrap();
    let ca = dir.join("ca.pem");
    let cert = dir.join("cert.pem");
    let key = dir.join("key.pem");
    std::fs::write(&ca, ca_cert.pem()).unwrap();
    std::fs::write(&cert, leaf.pem()).unwrap();
    std::fs::write(&key, leaf_key.serialize_pem()).unwrap();
    (ca, cert, key)
}

impl SmtpServer {
    /// A server listening now, on a free port.
    pub fn start() -> SmtpServer {
        let server = Self::prepare();
        server.listen();
        server
    }

    /// Certificates and a port, but nothing listening yet (the "server is down" case).
    pub fn prepare() -> SmtpServer {
        // Both ring (lettre) and aws-lc (mailin's rustls defaults) are compiled in: pick one.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let dir = tempfile::tempdir().unwrap();
        let (ca_file, _, _) = certificates(dir.path());
        SmtpServer {
            port: free_port(),
            inbox: Arc::new(Mutex::new(Vec::new())),
            mode: Arc::new(Mutex::new(Mode::Accept)),
            delay: Arc::new(Mutex::new(Duration::ZERO)),
            greetings: Arc::default(),
            ca_file,
            _dir: dir,
        }
    }

    /// Starts accepting connections (in a thread that lives as long as the test process).
    pub fn listen(&self) {
        let dir = self.ca_file.parent().unwrap();
        let handler = Recorder {
            inbox: self.inbox.clone(),
            mode: self.mode.clone(),
            delay: self.delay.clone(),
            greetings: self.greetings.clone(),
            helo: String::new(),
            from: String::new(),
            to: Vec::new(),
            data: Vec::new(),
        };
        let listener = TcpListener::bind(("127.0.0.1", self.port)).unwrap();
        let mut server = Server::new(handler);
        server
            .with_name("localhost")
            .with_ssl(SslConfig::SelfSigned {
                cert_path: dir.join("cert.pem").display().to_string(),
                key_path: dir.join("key.pem").display().to_string(),
            })
            .unwrap()
            .with_auth(AuthMechanism::Plain)
            .with_auth(AuthMechanism::Login)
            .with_num_threads(64)
            .with_tcp_listener(listener);
        std::thread::spawn(move || {
            let _ = server.serve();
        });
    }

    pub fn set_mode(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }

    /// Makes the server take `delay` to accept each message.
    pub fn set_delay(&self, delay: Duration) {
        *self.delay.lock().unwrap() = delay;
    }

    /// How many HELO/EHLO greetings the server has answered so far.
    pub fn greetings(&self) -> usize {
        self.greetings.load(std::sync::atomic::Ordering::SeqCst)
    }

    pub fn received(&self) -> Vec<Received> {
        self.inbox.lock().unwrap().clone()
    }

    /// Waits (up to `timeout`) until at least `n` messages have arrived.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<Received> {
        let deadline = Instant::now() + timeout;
        loop {
            let got = self.received();
            if got.len() >= n || Instant::now() > deadline {
                return got;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

/// The app's SMTP settings for this server: STARTTLS, AUTH, the test CA.
pub fn smtp_figment(
    figment: rocket::figment::Figment,
    port: u16,
    ca_file: &std::path::Path,
) -> rocket::figment::Figment {
    figment
        .merge(("smtp_host", "localhost"))
        .merge(("smtp_port", port))
        .merge(("smtp_tls", "starttls"))
        .merge(("smtp_user", SMTP_USER))
        .merge(("smtp_password", SMTP_PASSWORD))
        .merge(("smtp_ca_file", ca_file.display().to_string()))
        .merge(("smtp_timeout_secs", 5))
        .merge(("mail_from", "covoit <noreply@covoit.test>"))
}
