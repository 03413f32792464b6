//! The connection's socket with two clocks hyper does not have: reads fail after `idle` of
//! silence while no request is in flight, writes fail after `write` without progress. hyper's
//! own `header_read_timeout` bounds how long a request head may take once it is awaited (the
//! first one and every keep-alive one); these bound the silence before it and a client that
//! stops reading its answer.
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::{Instant, Sleep};

/// One request being answered on a connection, from the moment hyper hands over its head to
/// the moment its response body is finished or dropped. While one is, the idle clock stops:
/// a long response (Server-Sent Events) is never cut for silence from the client.
pub(super) struct InFlight(Arc<AtomicUsize>);

impl InFlight {
    pub(super) fn start(requests: &Arc<AtomicUsize>) -> InFlight {
        requests.fetch_add(1, Ordering::AcqRel);
        InFlight(requests.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A timer armed when an operation starts waiting and disarmed when it makes progress; the
/// `Sleep` is allocated once per connection and reset afterwards.
#[derive(Default)]
struct Deadline {
    sleep: Option<Pin<Box<Sleep>>>,
    armed: bool,
}

impl Deadline {
    fn disarm(&mut self) {
        self.armed = false;
    }

    /// Arms the timer for `after` unless it runs; true once it has run out.
    fn expired(&mut self, after: Duration, cx: &mut Context<'_>) -> bool {
        if !self.armed {
            let at = Instant::now() + after;
            match &mut self.sleep {
                Some(sleep) => sleep.as_mut().reset(at),
                None => self.sleep = Some(Box::pin(tokio::time::sleep_until(at))),
            }
            self.armed = true;
        }
        self.sleep
            .as_mut()
            .is_some_and(|sleep| sleep.as_mut().poll(cx).is_ready())
    }
}

pub(super) struct TimedStream {
    stream: TcpStream,
    requests: Arc<AtomicUsize>,
    /// None: keep-alive is off, and hyper's header timeout alone bounds the first request.
    idle: Option<Duration>,
    write: Duration,
    read_deadline: Deadline,
    write_deadline: Deadline,
}

impl TimedStream {
    pub(super) fn new(
        stream: TcpStream,
        requests: Arc<AtomicUsize>,
        idle: Option<Duration>,
        write: Duration,
    ) -> TimedStream {
        TimedStream {
            stream,
            requests,
            idle,
            write,
            read_deadline: Deadline::default(),
            write_deadline: Deadline::default(),
        }
    }

    fn after_write<T>(
        &mut self,
        result: Poll<io::Result<T>>,
        cx: &mut Context<'_>,
    ) -> Poll<io::Result<T>> {
        match result {
            Poll::Pending if self.write_deadline.expired(self.write, cx) => Poll::Ready(Err(
                io::Error::new(io::ErrorKind::TimedOut, "the client stopped reading"),
            )),
            Poll::Pending => Poll::Pending,
            Poll::Ready(result) => {
                self.write_deadline.disarm();
                Poll::Ready(result)
            }
        }
    }
}

impl AsyncRead for TimedStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        match Pin::new(&mut this.stream).poll_read(cx, buf) {
            Poll::Ready(result) => {
                this.read_deadline.disarm();
                Poll::Ready(result)
            }
            Poll::Pending => match this.idle {
                Some(idle) if this.requests.load(Ordering::Acquire) == 0 => {
                    if this.read_deadline.expired(idle, cx) {
                        Poll::Ready(Err(io::Error::new(
                            io::ErrorKind::TimedOut,
                            "idle connection",
                        )))
                    } else {
                        Poll::Pending
                    }
                }
                _ => {
                    this.read_deadline.disarm();
                    Poll::Pending
                }
            },
        }
    }
}

impl AsyncWrite for TimedStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.stream).poll_write(cx, buf);
        this.after_write(result, cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.stream).poll_write_vectored(cx, bufs);
        this.after_write(result, cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let result = Pin::new(&mut this.stream).poll_flush(cx);
        this.after_write(result, cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}
