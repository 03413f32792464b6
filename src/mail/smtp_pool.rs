//! The dispatcher's SMTP connections, kept open between emails, on sockets with `TCP_NODELAY`.
//! Hand-written over lettre's own connection type because lettre 0.11.23's pool leaves Nagle's
//! algorithm on: a message's body and its `\r\n.\r\n` terminator go out as two writes, the
//! terminator waits for the body's acknowledgement, which the server delays (40 ms on Linux)
//! since it has nothing to answer yet, so every email took ~43 ms per connection (lettre
//! fixed it upstream, in no release yet). It also skips the `NOOP` lettre sends before each
//! reuse when the connection was used a moment ago. Implicit TLS (port 465) still goes
//! through lettre's pool (see `transport::sender`).
use std::time::{Duration, Instant};

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::{Credentials, DEFAULT_MECHANISMS};
use lettre::transport::smtp::client::{AsyncSmtpConnection, Tls};
use lettre::transport::smtp::extension::ClientId;
use tokio::net::TcpStream;
use tokio::sync::{Mutex, Semaphore};

use super::transport::{Failure, classify};

/// A connection unused for longer is checked with `NOOP` before it is used again.
const CHECK_AFTER: Duration = Duration::from_secs(2);
/// A connection unused for longer is closed rather than used again.
const IDLE_TIMEOUT: Duration = Duration::from_secs(60);

pub struct Pool {
    host: String,
    port: u16,
    hello: ClientId,
    tls: Tls,
    credentials: Option<Credentials>,
    timeout: Duration,
    /// One permit per connection: at most `connections` open at once.
    slots: Semaphore,
    idle: Mutex<Vec<(AsyncSmtpConnection, Instant)>>,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pool")
            .field("host", &self.host)
            .field("port", &self.port)
            .finish_non_exhaustive()
    }
}

impl Pool {
    pub fn new(
        host: String,
        port: u16,
        hello: ClientId,
        tls: Tls,
        credentials: Option<Credentials>,
        timeout: Duration,
        connections: u32,
    ) -> Pool {
        Pool {
            host,
            port,
            hello,
            tls,
            credentials,
            timeout,
            slots: Semaphore::new(connections.max(1) as usize),
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Sends one message on a pooled connection (opened if none is free).
    pub async fn send(&self, envelope: &Envelope, message: &[u8]) -> Result<(), Failure> {
        let _slot = self
            .slots
            .acquire()
            .await
            .map_err(|_| Failure::Transient("SMTP pool closed".into()))?;
        let mut conn = match self.reuse().await {
            Some(conn) => conn,
            None => self.connect().await?,
        };
        let sent = tokio::time::timeout(self.timeout, conn.send(envelope, message)).await;
        match sent {
            Ok(Ok(_)) if !conn.has_broken() => {
                self.idle.lock().await.push((conn, Instant::now()));
                Ok(())
            }
            Ok(Ok(_)) => {
                self.close(conn).await;
                Ok(())
            }
            Ok(Err(e)) => {
                // After a refusal the connection may still be good, but a clean one is cheap.
                self.close(conn).await;
                Err(classify(&e))
            }
            Err(_) => {
                // A relay that did not answer in time is not asked to QUIT: the socket is
                // dropped, closed.
                drop(conn);
                Err(Failure::Transient(format!(
                    "SMTP timed out after {} s",
                    self.timeout.as_secs()
                )))
            }
        }
    }

    /// The most recently used idle connection that still answers; older ones are closed.
    async fn reuse(&self) -> Option<AsyncSmtpConnection> {
        loop {
            let (mut conn, since) = self.idle.lock().await.pop()?;
            let idle = since.elapsed();
            if idle > IDLE_TIMEOUT {
                self.close(conn).await;
                continue;
            }
            if idle > CHECK_AFTER {
                let answered = tokio::time::timeout(self.timeout, conn.test_connected()).await;
                if answered != Ok(true) {
                    // Gone quiet or closed by the relay: dropped, not asked to QUIT.
                    continue;
                }
            }
            return Some(conn);
        }
    }

    /// Says QUIT, for at most the SMTP timeout, and closes the socket.
    async fn close(&self, mut conn: AsyncSmtpConnection) {
        let _ = tokio::time::timeout(self.timeout, conn.abort()).await;
    }

    async fn connect(&self) -> Result<AsyncSmtpConnection, Failure> {
        let transient = |what: &str, e: &dyn std::fmt::Display| {
            Failure::Transient(format!("SMTP {what} {}:{}: {e}", self.host, self.port))
        };
        let tcp = tokio::time::timeout(
            self.timeout,
            TcpStream::connect((self.host.as_str(), self.port)),
        )
        .await
        .map_err(|e| transient("connection to", &e))?
        .map_err(|e| transient("connection to", &e))?;
        tcp.set_nodelay(true)
            .map_err(|e| transient("socket option for", &e))?;
        let setup = async {
            let mut conn =
                AsyncSmtpConnection::connect_with_transport(Box::new(tcp), &self.hello).await?;
            match &self.tls {
                Tls::Required(params) => conn.starttls(params.clone(), &self.hello).await?,
                Tls::Opportunistic(params) if conn.can_starttls() => {
                    conn.starttls(params.clone(), &self.hello).await?
                }
                _ => {}
            }
            if let Some(credentials) = &self.credentials {
                conn.auth(DEFAULT_MECHANISMS, credentials).await?;
            }
            Ok::<_, lettre::transport::smtp::Error>(conn)
        };
        match tokio::time::timeout(self.timeout, setup).await {
            Ok(Ok(conn)) => Ok(conn),
            Ok(Err(e)) => Err(classify(&e)),
            Err(e) => Err(transient("greeting from", &e)),
        }
    }
}
