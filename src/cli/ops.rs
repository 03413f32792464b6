//! `covoit send-test-email` and `covoit healthcheck`.
use std::process::ExitCode;

use super::load_config;

pub(crate) async fn send_test_email(to: &str, lang: &str) -> ExitCode {
    let Some(lang) = covoit::domain::Lang::parse(lang) else {
        eprintln!("--lang: {lang:?} is not one of fr, en, de, nl, it, es");
        return ExitCode::FAILURE;
    };
    let config = match load_config() {
        Ok(c) => c,
        Err(code) => return code,
    };
    match covoit::mail::test_email::send(&config, to, lang).await {
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(report) => {
            eprintln!("{report}");
            ExitCode::FAILURE
        }
    }
}

/// A plain HTTP/1.0 GET of `/healthz` on the loopback: the runtime image has no curl.
pub(crate) fn healthcheck() -> ExitCode {
    use std::io::{Read, Write};
    let port = covoit::figment()
        .extract_inner::<u16>("port")
        .unwrap_or(8000);
    let answer = (|| -> std::io::Result<String> {
        let timeout = Some(std::time::Duration::from_secs(5));
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port))?;
        s.set_read_timeout(timeout)?;
        s.set_write_timeout(timeout)?;
        s.write_all(b"GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n")?;
        let mut reply = String::new();
        s.take(64 * 1024).read_to_string(&mut reply)?;
        Ok(reply)
    })();
    match answer {
        Ok(reply) if reply.starts_with("HTTP/1.1 200") || reply.starts_with("HTTP/1.0 200") => {
            ExitCode::SUCCESS
        }
        Ok(reply) => {
            eprintln!("unhealthy: {}", reply.lines().next().unwrap_or("no answer"));
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("unhealthy: 127.0.0.1:{port}: {e}");
            ExitCode::FAILURE
        }
    }
}
