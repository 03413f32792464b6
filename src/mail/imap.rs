//! The bounce mailbox, read over IMAP (async-imap): log in (implicit TLS, STARTTLS, or plain
//! for a mailbox on the same machine), take the unseen messages without marking them, and
//! once they are recorded delete them (they hold addresses, and are kept no longer than
//! needed) or, for what is not a bounce, only mark them seen for a person to read. Every step
//! is time-boxed.
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::StreamExt;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::client::TlsStream;
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName};

use crate::config::{Imap, SmtpTls};
use secrecy::ExposeSecret;

/// Messages taken per tick at most (the rest wait for the next).
const PER_TICK: usize = 200;

/// A connection, encrypted or not.
#[derive(Debug)]
enum Conn {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

impl AsyncRead for Conn {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Conn::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Conn::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Conn {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        match self.get_mut() {
            Conn::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Conn::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Conn::Plain(s) => Pin::new(s).poll_flush(cx),
            Conn::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        match self.get_mut() {
            Conn::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Conn::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}

fn tls_connector(imap: &Imap) -> Result<TlsConnector, String> {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(pem) = &imap.ca_pem {
        for cert in CertificateDer::pem_slice_iter(pem) {
            let cert = cert.map_err(|e| format!("imap_ca_file: {e}"))?;
            roots.add(cert).map_err(|e| format!("imap_ca_file: {e}"))?;
        }
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| e.to_string())?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(TlsConnector::from(Arc::new(config)))
}

async fn encrypt(imap: &Imap, tcp: TcpStream) -> Result<Conn, String> {
    let name = ServerName::try_from(imap.host.clone())
        .map_err(|e| format!("imap_host {:?}: {e}", imap.host))?;
    let tls = tls_connector(imap)?
        .connect(name, tcp)
        .await
        .map_err(|e| format!("IMAP TLS with {}: {e}", imap.host))?;
    Ok(Conn::Tls(Box::new(tls)))
}

/// An open session on the bounce folder.
pub struct Mailbox {
    session: async_imap::Session<Conn>,
    timeout: Duration,
}

async fn within<T, E: std::fmt::Display>(
    timeout: Duration,
    what: &str,
    f: impl std::future::Future<Output = Result<T, E>>,
) -> Result<T, String> {
    match tokio::time::timeout(timeout, f).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(format!("IMAP {what}: {e}")),
        Err(_) => Err(format!("IMAP {what}: no answer in {} s", timeout.as_secs())),
    }
}

impl Mailbox {
    pub async fn open(imap: &Imap) -> Result<Mailbox, String> {
        let timeout = Duration::from_secs(imap.timeout_secs);
        let tcp = within(
            timeout,
            "connect",
            TcpStream::connect((imap.host.as_str(), imap.port)),
        )
        .await?;
        let conn = match imap.tls {
            SmtpTls::Tls => within(timeout, "TLS", async { encrypt(imap, tcp).await }).await?,
            _ => Conn::Plain(tcp),
        };
        let mut client = async_imap::Client::new(conn);
        within(timeout, "greeting", async {
            client
                .read_response()
                .await
                .and_then(|r| r.ok_or_else(|| std::io::Error::other("closed before greeting")))
        })
        .await?;
        if imap.tls == SmtpTls::StartTls {
            within(
                timeout,
                "STARTTLS",
                client.run_command_and_check_ok("STARTTLS", None),
            )
            .await?;
            let Conn::Plain(tcp) = client.into_inner() else {
                return Err("IMAP STARTTLS on an encrypted connection".into());
            };
            let tls = within(timeout, "TLS", async { encrypt(imap, tcp).await }).await?;
            client = async_imap::Client::new(tls);
        }
        let mut session = within(timeout, "login", async {
            client
                .login(&imap.user, imap.password.expose_secret())
                .await
                .map_err(|(e, _)| e)
        })
        .await?;
        within(timeout, "select", session.select(&imap.folder)).await?;
        Ok(Mailbox { session, timeout })
    }

    /// The unseen messages (uid, whole message), oldest first, without marking them.
    pub async fn unseen(&mut self) -> Result<Vec<(u32, Vec<u8>)>, String> {
        let mut uids: Vec<u32> = within(self.timeout, "search", self.session.uid_search("UNSEEN"))
            .await?
            .into_iter()
            .collect();
        uids.sort_unstable();
        uids.truncate(PER_TICK);
        if uids.is_empty() {
            return Ok(Vec::new());
        }
        let set = uid_set(&uids);
        let timeout = self.timeout;
        let session = &mut self.session;
        within(timeout, "fetch", async move {
            let mut stream = session.uid_fetch(&set, "(UID BODY.PEEK[])").await?;
            let mut out = Vec::new();
            while let Some(fetch) = stream.next().await {
                let fetch = fetch?;
                if let (Some(uid), Some(body)) = (fetch.uid, fetch.body()) {
                    out.push((uid, body.to_vec()));
                }
            }
            Ok::<_, async_imap::error::Error>(out)
        })
        .await
    }

    /// Deletes the messages that were recorded, and marks seen those that are not bounces.
    pub async fn settle(&mut self, recorded: &[u32], not_bounces: &[u32]) -> Result<(), String> {
        for (uids, flags) in [
            (recorded, "+FLAGS.SILENT (\\Seen \\Deleted)"),
            (not_bounces, "+FLAGS.SILENT (\\Seen)"),
        ] {
            if uids.is_empty() {
                continue;
            }
            let set = uid_set(uids);
            let session = &mut self.session;
            within(self.timeout, "store", async move {
                let stream = session.uid_store(&set, flags).await?;
                let mut stream = std::pin::pin!(stream);
                while let Some(r) = stream.next().await {
                    r?;
                }
                Ok::<_, async_imap::error::Error>(())
            })
            .await?;
        }
        if !recorded.is_empty() {
            let session = &mut self.session;
            within(self.timeout, "expunge", async move {
                let stream = session.expunge().await?;
                let mut stream = std::pin::pin!(stream);
                while let Some(r) = stream.next().await {
                    r?;
                }
                Ok::<_, async_imap::error::Error>(())
            })
            .await?;
        }
        Ok(())
    }

    pub async fn close(mut self) {
        let _ = tokio::time::timeout(self.timeout, self.session.logout()).await;
    }
}

fn uid_set(uids: &[u32]) -> String {
    uids.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(",")
}
