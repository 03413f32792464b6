//! One hyper request through Rocket and back: the request becomes a `LocalRequest` of the
//! untracked local client (which runs Rocket's own request preprocessing, routing, fairings,
//! catchers and HEAD handling), its body read whole under a size cap and a deadline; the answer
//! is sent whole with its length, or streamed when it is `text/event-stream`.
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::Stream;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper::body::{Bytes, Frame, Incoming, SizeHint};
use hyper::header::{self, HeaderMap, HeaderName, HeaderValue};
use hyper::{Request, Response, StatusCode};
use rocket::http::uri::Host;
use rocket::http::{Cookie, Header, Method};
use rocket::local::asynchronous::{Client, LocalResponse};
use tokio_util::io::ReaderStream;

use super::Limits;
use super::io::InFlight;

/// A response body; holding it keeps its request in flight (see `InFlight`).
pub(super) struct Body {
    inner: Inner,
    _request: InFlight,
}

enum Inner {
    Whole(Option<Bytes>),
    // Boxed: rare, and ten times the size of a whole body.
    Stream(Box<ReaderStream<LocalResponse<'static>>>),
}

impl Body {
    fn whole(bytes: Bytes, request: InFlight) -> Body {
        let bytes = (!bytes.is_empty()).then_some(bytes);
        Body {
            inner: Inner::Whole(bytes),
            _request: request,
        }
    }
}

impl hyper::body::Body for Body {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        match &mut self.get_mut().inner {
            Inner::Whole(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            Inner::Stream(stream) => Pin::new(stream.as_mut())
                .poll_next(cx)
                .map(|chunk| chunk.map(|c| c.map(Frame::data))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self.inner, Inner::Whole(None))
    }

    fn size_hint(&self) -> SizeHint {
        match &self.inner {
            Inner::Whole(bytes) => {
                SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64))
            }
            Inner::Stream(_) => SizeHint::default(),
        }
    }
}

/// Answers one request. An error closes the connection without an answer (a response body
/// that failed half-way through, as Rocket's own server does).
pub(super) async fn handle(
    client: &'static Client,
    peer: SocketAddr,
    limits: Limits,
    request: Request<Incoming>,
    in_flight: InFlight,
) -> io::Result<Response<Body>> {
    let (parts, body) = request.into_parts();
    let Some(method) = method(&parts.method) else {
        // No resource here allows another method (TRACE, CONNECT, QUERY, or one nobody
        // knows): 405 with what is allowed, not a server error (RFC 9110 §15.5.6).
        let mut refused = plain(
            StatusCode::METHOD_NOT_ALLOWED,
            "method not allowed",
            in_flight,
        );
        refused
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static(ALLOWED));
        return Ok(refused);
    };
    let body = match read_body(body, &limits).await {
        Ok(body) => body,
        Err(status) => {
            let reason = status.canonical_reason().unwrap_or("bad request");
            return Ok(plain(status, reason, in_flight));
        }
    };
    // Rocket parses the path itself: one it finds invalid is answered 400 by the catchers.
    let uri = parts
        .uri
        .path_and_query()
        .map_or("/", |pq| pq.as_str())
        .to_owned();
    let mut local = client.req(method, uri).remote(peer);
    for (name, value) in &parts.headers {
        // Rocket's own server drops header values that are not UTF-8 too.
        let Ok(value) = std::str::from_utf8(value.as_bytes()) else {
            continue;
        };
        // Rocket's local requests fill the cookie jar and the host from their own setters only.
        if name == header::COOKIE {
            for cookie in Cookie::split_parse_encoded(value).flatten() {
                local = local.cookie(cookie);
            }
        } else if name == header::HOST
            && let Ok(host) = Host::parse_owned(value.to_owned())
        {
            local.set_host(host);
        }
        local.add_header(Header::new(name.as_str().to_owned(), value.to_owned()));
    }
    if !body.is_empty() {
        local.set_body(&body);
    }
    let answer = local.dispatch().await;
    respond(answer, method, in_flight).await
}

async fn respond(
    answer: LocalResponse<'static>,
    method: Method,
    in_flight: InFlight,
) -> io::Result<Response<Body>> {
    let status =
        StatusCode::from_u16(answer.status().code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut headers = HeaderMap::with_capacity(answer.headers().len());
    for h in answer.headers().iter() {
        let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(h.name().as_str().as_bytes()),
            HeaderValue::from_bytes(h.value().as_bytes()),
        ) else {
            tracing::warn!(header = %h.name(), "a response header is not valid HTTP: dropped");
            continue;
        };
        // The framing is ours: a length for whole bodies, chunks for streams.
        if name != header::CONTENT_LENGTH && name != header::TRANSFER_ENCODING {
            headers.append(name, value);
        }
    }
    let streams = answer
        .content_type()
        .is_some_and(|ct| ct.top() == "text" && ct.sub() == "event-stream");
    let body = if method == Method::Head || status == StatusCode::NOT_MODIFIED {
        // Rocket stripped the body and kept its length when it knew it.
        if let Some(length) = answer.body().preset_size() {
            headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
        }
        Body::whole(Bytes::new(), in_flight)
    } else if streams {
        Body {
            inner: Inner::Stream(Box::new(ReaderStream::new(answer))),
            _request: in_flight,
        }
    } else if answer.body().is_none() {
        Body::whole(Bytes::new(), in_flight)
    } else {
        let Some(bytes) = answer.into_bytes().await else {
            return Err(io::Error::other("the response body could not be read"));
        };
        Body::whole(Bytes::from(bytes), in_flight)
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    Ok(response)
}

/// Every method some resource of covoit answers.
const ALLOWED: &str = "GET, HEAD, POST, OPTIONS";

/// The methods Rocket routes; any other is answered 405 here.
fn method(method: &hyper::Method) -> Option<Method> {
    Some(match *method {
        hyper::Method::GET => Method::Get,
        hyper::Method::HEAD => Method::Head,
        hyper::Method::POST => Method::Post,
        hyper::Method::PUT => Method::Put,
        hyper::Method::DELETE => Method::Delete,
        hyper::Method::PATCH => Method::Patch,
        hyper::Method::OPTIONS => Method::Options,
        _ => return None,
    })
}

/// The whole request body, or the status to answer: 413 past the memory cap (Rocket's own
/// per-type limits are smaller and apply later), 408 when it does not arrive in time.
async fn read_body(body: Incoming, limits: &Limits) -> Result<Bytes, StatusCode> {
    use hyper::body::Body as _;
    if body.is_end_stream() {
        return Ok(Bytes::new());
    }
    // A Content-Length past the cap is refused before a byte of the body is awaited.
    if body.size_hint().lower() > limits.max_body as u64 {
        return Err(StatusCode::PAYLOAD_TOO_LARGE);
    }
    let collect = Limited::new(body, limits.max_body).collect();
    match tokio::time::timeout(limits.body, collect).await {
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(e)) if e.downcast_ref::<LengthLimitError>().is_some() => {
            Err(StatusCode::PAYLOAD_TOO_LARGE)
        }
        Ok(Err(_)) => Err(StatusCode::BAD_REQUEST),
        Err(_) => Err(StatusCode::REQUEST_TIMEOUT),
    }
}

/// A short answer given by the listener itself, after which the connection closes (the
/// request body may be left unread).
fn plain(status: StatusCode, text: &'static str, in_flight: InFlight) -> Response<Body> {
    let mut response = Response::new(Body::whole(Bytes::from_static(text.as_bytes()), in_flight));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}
