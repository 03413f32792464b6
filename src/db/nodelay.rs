//! `TCP_NODELAY` on the database's TCP connections.
//!
//! sqlx 0.9 connects to PostgreSQL and MySQL / MariaDB without it, so Nagle's algorithm holds
//! back the last segment of a message that spans several (over loopback, any message past
//! 64 KiB: a sweep's batch of outbox rows, a chunk of written emails) until the server
//! acknowledges the first ones, and the server delays that acknowledgement by up to 40 ms.
//! sqlx gives no handle on its socket. So each new connection asks the server which client
//! port it sees, and this process sets the option on its own TCP socket bound to that port
//! and connected to the server's port. Over a Unix socket, or where the server sees another
//! port (a proxy, NAT), nothing matches and nothing changes.
use std::mem::{MaybeUninit, size_of};
use std::os::fd::RawFd;

/// This process's TCP socket from local port `local` to remote port `remote`, if there is one.
fn find(local: u16, remote: u16) -> Option<RawFd> {
    std::fs::read_dir("/proc/self/fd")
        .ok()?
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<RawFd>().ok())
        .find(|&fd| {
            port_of(fd, libc::getsockname) == Some(local)
                && port_of(fd, libc::getpeername) == Some(remote)
                && is_stream(fd)
        })
}

type NameFn =
    unsafe extern "C" fn(libc::c_int, *mut libc::sockaddr, *mut libc::socklen_t) -> libc::c_int;

/// The port of `fd`'s local (`getsockname`) or remote (`getpeername`) address, when `fd` is
/// an IPv4 or IPv6 socket.
fn port_of(fd: RawFd, name: NameFn) -> Option<u16> {
    let mut addr = MaybeUninit::<libc::sockaddr_storage>::zeroed();
    let mut len = size_of::<libc::sockaddr_storage>() as libc::socklen_t;
    // SAFETY: `addr` is a zeroed sockaddr_storage of `len` bytes, which the call fills at most;
    // a descriptor that is not a socket (or closed meanwhile) only makes it fail.
    if unsafe { name(fd, addr.as_mut_ptr().cast(), &mut len) } != 0 {
        return None;
    }
    // SAFETY: zeroed, then filled by the kernel: every bit pattern is a valid sockaddr_storage.
    let addr = unsafe { addr.assume_init() };
    let port = match i32::from(addr.ss_family) {
        // SAFETY: the family says which structure the storage holds; both fit in it.
        libc::AF_INET => unsafe { (*(&addr as *const _ as *const libc::sockaddr_in)).sin_port },
        libc::AF_INET6 => unsafe { (*(&addr as *const _ as *const libc::sockaddr_in6)).sin6_port },
        _ => return None,
    };
    Some(u16::from_be(port))
}

fn is_stream(fd: RawFd) -> bool {
    option(fd, libc::SOL_SOCKET, libc::SO_TYPE) == Some(libc::SOCK_STREAM)
}

fn option(fd: RawFd, level: libc::c_int, name: libc::c_int) -> Option<libc::c_int> {
    let mut value: libc::c_int = 0;
    let mut len = size_of::<libc::c_int>() as libc::socklen_t;
    // SAFETY: `value` is a c_int of `len` bytes.
    let ok = unsafe {
        libc::getsockopt(
            fd,
            level,
            name,
            (&mut value as *mut libc::c_int).cast(),
            &mut len,
        )
    };
    (ok == 0).then_some(value)
}

/// Sets `TCP_NODELAY` on this process's TCP socket from local port `local` to remote port
/// `remote`; false when there is no such socket or the option could not be set.
pub fn set(local: u16, remote: u16) -> bool {
    let Some(fd) = find(local, remote) else {
        return false;
    };
    let on: libc::c_int = 1;
    // SAFETY: `on` is a c_int, as TCP_NODELAY takes. Should `fd` have been closed and reused
    // since it was found, the worst case is another TCP socket of this process without Nagle.
    let set = unsafe {
        libc::setsockopt(
            fd,
            libc::IPPROTO_TCP,
            libc::TCP_NODELAY,
            (&on as *const libc::c_int).cast(),
            size_of::<libc::c_int>() as libc::socklen_t,
        )
    };
    set == 0
}

/// Whether this process's TCP socket from local port `local` to remote port `remote` has
/// `TCP_NODELAY` (None: no such socket). For the tests.
pub fn is_set(local: u16, remote: u16) -> Option<bool> {
    let fd = find(local, remote)?;
    option(fd, libc::IPPROTO_TCP, libc::TCP_NODELAY).map(|v| v != 0)
}

/// Sets `TCP_NODELAY` on a new PostgreSQL connection, if it runs over TCP. A failure only
/// leaves the connection as sqlx made it.
pub async fn postgres(conn: &mut sea_orm::sqlx::postgres::PgConnection) {
    let ports: Result<(Option<i32>, Option<i32>), _> =
        sea_orm::sqlx::query_as("SELECT inet_client_port(), inet_server_port()")
            .fetch_one(&mut *conn)
            .await;
    match ports {
        Ok(ports) => apply(ports),
        Err(e) => tracing::debug!(error = %e, "database ports unknown, TCP_NODELAY not set"),
    }
}

/// Sets `TCP_NODELAY` on a new MySQL / MariaDB connection, if it runs over TCP (the server
/// shows the client as `address:port` in its process list). A failure only leaves the
/// connection as sqlx made it.
pub async fn mysql(conn: &mut sea_orm::sqlx::mysql::MySqlConnection) {
    let ports: Result<Option<(Option<String>, Option<i64>)>, _> = sea_orm::sqlx::query_as(
        "SELECT host, CAST(@@port AS SIGNED) FROM information_schema.processlist WHERE id = CONNECTION_ID()",
    )
    .fetch_optional(&mut *conn)
    .await;
    let ports = match ports {
        Ok(ports) => ports.unwrap_or((None, None)),
        Err(e) => {
            tracing::debug!(error = %e, "database ports unknown, TCP_NODELAY not set");
            return;
        }
    };
    let client = ports
        .0
        .as_deref()
        .and_then(|host| host.rsplit_once(':'))
        .and_then(|(_, port)| port.parse().ok());
    apply((client, ports.1.and_then(|p| i32::try_from(p).ok())));
}

fn apply(ports: (Option<i32>, Option<i32>)) {
    let (Some(local), Some(remote)) = (
        ports.0.and_then(|p| u16::try_from(p).ok()),
        ports.1.and_then(|p| u16::try_from(p).ok()),
    ) else {
        return; // a Unix socket
    };
    if !set(local, remote) {
        tracing::debug!(
            local,
            remote,
            "TCP_NODELAY not set on a database connection"
        );
    }
}
