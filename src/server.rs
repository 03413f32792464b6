//! covoit's own HTTP/1.1 listener in front of Rocket's dispatcher. Rocket 0.5 serves with no
//! header timeout, no idle timeout and no connection cap, and lets nobody change that; this
//! listener adds them (see `Limits`), caps connections below the open-files limit, survives
//! running out of file descriptors, and shuts down gracefully on SIGTERM or SIGINT.
mod bridge;
mod io;

use std::net::SocketAddr;
use std::pin::pin;
use std::sync::Arc;
use std::sync::atomic::AtomicUsize;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use rocket::local::asynchronous::Client;
use rocket::{Build, Orbit, Rocket, Shutdown};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::jobs::JobsStatus;

/// How long a client may take and how many may be connected at once. The idle time between
/// requests is Rocket's own `keep_alive` setting (5 s by default; 0 turns keep-alive off).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// From the moment the server waits for a request head until it is complete.
    pub header: Duration,
    /// From the request head until its body is complete.
    pub body: Duration,
    /// How long a pending write may wait for the client to read.
    pub write: Duration,
    /// The largest request body held in memory (Rocket's per-type limits are smaller).
    pub max_body: usize,
    /// Connections open at once; more wait in the kernel's queue.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            header: Duration::from_secs(10),
            body: Duration::from_secs(30),
            write: Duration::from_secs(30),
            max_body: 1024 * 1024,
            max_connections: 10_000,
        }
    }
}

/// File descriptors kept for everything that is not a client connection: the database
/// files and pool, SMTP, logs.
const RESERVED_FDS: u64 = 256;

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{0}")]
    Ignite(rocket::Error),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("{0}")]
    Launch(rocket::Error),
}

/// A listener bound to Rocket's configured address, with the app ignited and lifted off.
pub struct Server {
    listener: TcpListener,
    addr: SocketAddr,
    client: &'static Client,
    http: http1::Builder,
    limits: Limits,
    idle: Option<Duration>,
    grace: Duration,
}

impl Server {
    /// Ignites `rocket` (a bad configuration fails here), binds its `address` and `port`,
    /// then runs its liftoff fairings, as `launch` does.
    pub async fn bind(rocket: Rocket<Build>, limits: Limits) -> Result<Server, ServeError> {
        let rocket = rocket.ignite().await.map_err(ServeError::Ignite)?;
        let config = rocket.config();
        let wanted = SocketAddr::new(config.address, config.port);
        let bind_error = |source| ServeError::Bind {
            addr: wanted,
            source,
        };
        let listener = TcpListener::bind(wanted).await.map_err(bind_error)?;
        let addr = listener.local_addr().map_err(bind_error)?;
        let idle = (config.keep_alive > 0).then(|| Duration::from_secs(config.keep_alive.into()));
        let grace = Duration::from_secs(
            u64::from(config.shutdown.grace) + u64::from(config.shutdown.mercy),
        );
        let mut http = http1::Builder::new();
        http.timer(TokioTimer::new())
            .header_read_timeout(limits.header)
            .keep_alive(idle.is_some());
        let client = Client::untracked(rocket)
            .await
            .map_err(ServeError::Launch)?;
        // Responses that stream borrow the client for as long as they run: it lives as long
        // as the process. Rocket 0.5 runs on-shutdown fairings only from `launch` and from
        // `Client::terminate`, which takes the client by value, so none would run here:
        // covoit has none, and its background task stops on `Shutdown`, which `run` waits for.
        let client: &'static Client = Box::leak(Box::new(client));
        Ok(Server {
            listener,
            addr,
            client,
            http,
            limits,
            idle,
            grace,
        })
    }

    /// The address really bound (`port = 0` picks a free one).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn rocket(&self) -> &'static Rocket<Orbit> {
        self.client.rocket()
    }

    /// Serves until Rocket's `Shutdown` is notified; then stops accepting, lets every
    /// connection finish its request within the configured grace + mercy, and waits for the
    /// background task to stop.
    pub async fn run(self) {
        let Server {
            listener,
            client,
            http,
            limits,
            idle,
            grace,
            ..
        } = self;
        let shutdown = client.rocket().shutdown();
        let mut stop = shutdown.clone();
        let slots = Arc::new(Semaphore::new(limits.max_connections));
        let http = Arc::new(http);
        let mut at_cap = false;
        let mut out_of_fds = false;
        loop {
            let permit = match slots.clone().try_acquire_owned() {
                Ok(permit) => permit,
                Err(_) => {
                    if !at_cap {
                        at_cap = true;
                        tracing::warn!(
                            max = limits.max_connections,
                            "connection cap reached: new connections wait"
                        );
                    }
                    tokio::select! {
                        permit = slots.clone().acquire_owned() => match permit {
                            Ok(permit) => permit,
                            Err(_) => break,
                        },
                        _ = &mut stop => break,
                    }
                }
            };
            let (stream, peer) = tokio::select! {
                biased;
                _ = &mut stop => break,
                accepted = listener.accept() => match accepted {
                    Ok(accepted) => accepted,
                    Err(e) => {
                        if is_out_of_fds(&e) {
                            if !out_of_fds {
                                out_of_fds = true;
                                tracing::warn!(error = %e, "out of file descriptors: accepting again shortly");
                            }
                            // The error repeats until a descriptor is freed: do not spin.
                            tokio::select! {
                                _ = tokio::time::sleep(Duration::from_millis(100)) => {}
                                _ = &mut stop => break,
                            }
                        } else {
                            tracing::debug!(error = %e, "accept failed");
                        }
                        continue;
                    }
                },
            };
            (at_cap, out_of_fds) = (false, false);
            let connection = Connection {
                client,
                http: http.clone(),
                limits,
                idle,
                stop: shutdown.clone(),
                _slot: permit,
            };
            tokio::spawn(connection.serve(stream, peer));
        }
        drop(listener);
        tracing::info!("shutting down: finishing open requests");
        let all = u32::try_from(limits.max_connections).unwrap_or(u32::MAX);
        if tokio::time::timeout(grace, slots.acquire_many(all))
            .await
            .is_err()
        {
            tracing::warn!(
                open = limits.max_connections - slots.available_permits(),
                "connections still open after the grace period are closed"
            );
        }
        if let Some(jobs) = client.rocket().state::<JobsStatus>()
            && tokio::time::timeout(grace, jobs.stopped()).await.is_err()
        {
            tracing::warn!("the background task did not stop within the grace period");
        }
    }
}

/// Raises the soft open-files limit to the hard one (start-up scripts and shells often leave it
/// at 1,024, which a few idle clients exhaust); returns it as (before, after).
pub fn raise_open_files_limit() -> std::io::Result<(libc::rlim_t, libc::rlim_t)> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes only into the struct it is given.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    let before = limit.rlim_cur;
    if limit.rlim_cur < limit.rlim_max {
        limit.rlim_cur = limit.rlim_max;
        // SAFETY: setrlimit only reads the struct it is given.
        if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &limit) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok((before, limit.rlim_cur))
}

/// The server as `covoit serve` runs it: the open-files limit raised, the connection cap kept
/// below it, stopped by SIGTERM or SIGINT.
pub async fn serve(rocket: Rocket<Build>, mut limits: Limits) -> Result<(), ServeError> {
    match raise_open_files_limit() {
        Ok((before, after)) => {
            let room = usize::try_from(after.saturating_sub(RESERVED_FDS)).unwrap_or(usize::MAX);
            limits.max_connections = limits.max_connections.min(room).max(16);
            if before < after {
                tracing::info!(
                    max_connections = limits.max_connections,
                    "open-files limit raised from {before} to {after}"
                );
            } else {
                tracing::info!(
                    max_connections = limits.max_connections,
                    "open-files limit: {after}"
                );
            }
        }
        Err(e) => tracing::warn!(error = %e, "the open-files limit could not be raised"),
    }
    let server = Server::bind(rocket, limits).await?;
    tracing::info!("listening on http://{}", server.local_addr());
    tokio::spawn(stop_on_signal(server.rocket().shutdown()));
    server.run().await;
    Ok(())
}

async fn stop_on_signal(shutdown: Shutdown) {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut term), Ok(mut int)) = (
        signal(SignalKind::terminate()),
        signal(SignalKind::interrupt()),
    ) else {
        tracing::warn!("cannot listen for SIGTERM and SIGINT: stop the server with SIGKILL");
        return;
    };
    let name = tokio::select! {
        _ = term.recv() => "SIGTERM",
        _ = int.recv() => "SIGINT",
    };
    tracing::info!("{name} received: shutting down");
    shutdown.notify();
}

fn is_out_of_fds(e: &std::io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::EMFILE | libc::ENFILE))
}

/// What one connection needs; dropping it (when the connection ends) frees its slot.
struct Connection {
    client: &'static Client,
    http: Arc<http1::Builder>,
    limits: Limits,
    idle: Option<Duration>,
    stop: Shutdown,
    _slot: OwnedSemaphorePermit,
}

impl Connection {
    async fn serve(mut self, stream: TcpStream, peer: SocketAddr) {
        // Pages are written in one go: no point in waiting to coalesce them.
        stream.set_nodelay(true).ok();
        let requests = Arc::new(AtomicUsize::new(0));
        let stream = io::TimedStream::new(stream, requests.clone(), self.idle, self.limits.write);
        let (client, limits) = (self.client, self.limits);
        let service = hyper::service::service_fn(move |request| {
            // Counted here, when hyper hands the head over, not when the future first runs.
            let in_flight = io::InFlight::start(&requests);
            bridge::handle(client, peer, limits, request, in_flight)
        });
        let mut connection = pin!(self.http.serve_connection(TokioIo::new(stream), service));
        let result = tokio::select! {
            result = connection.as_mut() => result,
            _ = &mut self.stop => {
                connection.as_mut().graceful_shutdown();
                connection.await
            }
        };
        if let Err(e) = result {
            // Timeouts and clients that leave are routine: not worth a line each.
            tracing::debug!(error = %e, "connection closed");
        }
    }
}
