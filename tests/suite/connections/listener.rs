//! covoit's listener (`covoit::server`) in this process, with short limits, in front of a small
//! app: a stream is not cut while it runs, stalled bodies and clients that stop reading are;
//! requests reach Rocket whole (cookies, host, client address, HEAD lengths).
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use covoit::server::{Limits, Server};
use rocket::Shutdown;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
/// covoit's listener in this process, in front of a small app, with a 1 s keep-alive.
async fn small_server(limits: Limits) -> (SocketAddr, Shutdown, tokio::task::JoinHandle<()>) {
    use rocket::response::stream::{Event, EventStream};

    #[rocket::get("/events")]
    fn events() -> EventStream![] {
        EventStream! {
            for i in 0..6 {
                tokio::time::sleep(Duration::from_millis(400)).await;
                yield Event::data(format!("tick {i}"));
            }
        }
    }

    #[rocket::get("/big")]
    fn big() -> String {
        "x".repeat(BIG)
    }

    #[rocket::post("/echo", data = "<body>")]
    fn echo(body: String) -> String {
        body
    }

    #[rocket::get("/hello")]
    fn hello(cookies: &rocket::http::CookieJar<'_>, request: Whoami) -> String {
        let name = cookies.get("name").map_or("nobody", |c| c.value());
        format!("hello {name} on {} from {}", request.0, request.1)
    }

    struct Whoami(String, String);

    #[rocket::async_trait]
    impl<'r> rocket::request::FromRequest<'r> for Whoami {
        type Error = ();
        async fn from_request(req: &'r rocket::Request<'_>) -> rocket::request::Outcome<Self, ()> {
            let host = req.host().map_or("no host".into(), |h| h.to_string());
            let remote = req
                .remote()
                .map_or("nowhere".into(), |r| r.ip().to_string());
            rocket::request::Outcome::Success(Whoami(host, remote))
        }
    }

    let figment = rocket::Config::figment()
        .merge(("address", "127.0.0.1"))
        .merge(("port", 0))
        .merge(("keep_alive", 1))
        .merge(("log_level", "off"));
    let rocket = rocket::custom(figment).mount("/", rocket::routes![events, big, echo, hello]);
    let server = Server::bind(rocket, limits).await.unwrap();
    let addr = server.local_addr();
    let shutdown = server.rocket().shutdown();
    (addr, shutdown, tokio::spawn(server.run()))
}

const BIG: usize = 32 << 20;

/// Writes `request`, then reads until the server closes (or `within` runs out); returns what
/// was read and when the connection ended (None: still open).
async fn exchange(
    addr: SocketAddr,
    request: &[u8],
    within: Duration,
) -> (String, Option<Duration>) {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(request).await.unwrap();
    let started = Instant::now();
    let mut reply = Vec::new();
    let ended = tokio::time::timeout(within, async {
        let mut buf = [0u8; 8192];
        loop {
            match s.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => reply.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await
    .is_ok();
    (
        String::from_utf8_lossy(&reply).into_owned(),
        ended.then(|| started.elapsed()),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_outlives_the_idle_timeout_then_the_idle_connection_is_closed() {
    // Neither the idle clock nor hyper's header clock may run while a response streams.
    let limits = Limits {
        header: Duration::from_secs(1),
        ..Limits::default()
    };
    let (addr, shutdown, running) = small_server(limits).await;

    let (reply, ended) = exchange(
        addr,
        b"GET /events HTTP/1.1\r\nHost: x\r\n\r\n",
        Duration::from_secs(10),
    )
    .await;

    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.contains("text/event-stream"), "{reply}");
    for i in 0..6 {
        assert!(
            reply.contains(&format!("data:tick {i}")),
            "event {i} missing: {reply}"
        );
    }
    let ended = ended.expect("the idle connection was not closed");
    // 2.4 s of events with 1 s timeouts, then about 1 s of silence.
    assert!(ended >= Duration::from_millis(3_000), "cut after {ended:?}");
    assert!(
        ended <= Duration::from_millis(6_000),
        "closed after {ended:?}"
    );

    // A notified shutdown stops the listener.
    shutdown.notify();
    tokio::time::timeout(Duration::from_secs(10), running)
        .await
        .unwrap()
        .unwrap();
    assert!(TcpStream::connect(addr).await.is_err(), "still accepting");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_reach_rocket_whole_and_stalled_or_huge_bodies_are_refused() {
    let limits = Limits {
        body: Duration::from_secs(1),
        max_body: 1024,
        ..Limits::default()
    };
    let (addr, _shutdown, _running) = small_server(limits).await;
    let within = Duration::from_secs(5);

    let (reply, _) = exchange(
        addr,
        b"POST /echo HTTP/1.0\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nbonjour",
        within,
    )
    .await;
    assert!(
        reply.starts_with("HTTP/1.0 200") && reply.ends_with("\r\n\r\nbonjo"),
        "{reply}"
    );
    let (reply, _) = exchange(
        addr,
        b"GET /hello HTTP/1.0\r\nHost: covoit.example:8080\r\nCookie: a=1; name=L%C3%A9a\r\n\r\n",
        within,
    )
    .await;
    assert!(
        reply.ends_with("hello Léa on covoit.example:8080 from 127.0.0.1"),
        "{reply}"
    );
    let (reply, _) = exchange(addr, b"HEAD /hello HTTP/1.0\r\n\r\n", within).await;
    let length = "hello nobody on no host from 127.0.0.1".len();
    assert!(reply.starts_with("HTTP/1.0 200"), "{reply}");
    assert!(
        reply.contains(&format!("content-length: {length}\r\n")) && reply.ends_with("\r\n\r\n"),
        "{reply}"
    );
    // hyper takes `|` in a path, Rocket's URI parser does not: its catcher answers.
    let (reply, _) = exchange(addr, b"GET /nowhere|x HTTP/1.0\r\n\r\n", within).await;
    assert!(
        reply.starts_with("HTTP/1.0 400") && reply.contains("Bad Request"),
        "{reply}"
    );
    // A method no resource allows is 405 with what is allowed, not a server error's 501
    // (Schemathesis sends TRACE and QUERY).
    for method in ["BREW", "TRACE", "QUERY"] {
        let request = format!("{method} /hello HTTP/1.0\r\n\r\n");
        let (reply, _) = exchange(addr, request.as_bytes(), within).await;
        assert!(
            reply.starts_with("HTTP/1.0 405")
                && reply.contains("allow: GET, HEAD, POST, OPTIONS\r\n"),
            "{reply}"
        );
    }

    let (reply, ended) = exchange(
        addr,
        b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten..",
        within,
    )
    .await;
    assert!(reply.starts_with("HTTP/1.1 408"), "{reply}");
    assert!(
        ended.is_some_and(|t| t < Duration::from_secs(3)),
        "{ended:?}"
    );
    let (reply, _) = exchange(
        addr,
        b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n",
        within,
    )
    .await;
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_is_dropped() {
    let limits = Limits {
        write: Duration::from_secs(1),
        ..Limits::default()
    };
    let (addr, _shutdown, _running) = small_server(limits).await;
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(b"GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
        .await
        .unwrap();

    // Reads nothing for a while: the socket buffers fill and the server's write waits.
    tokio::time::sleep(Duration::from_secs(4)).await;
    let mut received = 0;
    let mut buf = vec![0u8; 1 << 16];
    let ended = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match s.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => received += n,
            }
        }
    })
    .await;

    assert!(ended.is_ok(), "the connection stayed open");
    assert!(
        received < BIG,
        "the whole answer was sent: {received} bytes"
    );
}
