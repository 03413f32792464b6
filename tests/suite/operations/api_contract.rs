//! The JSON API's contract: `/api/openapi.json` validated as OpenAPI 3.1 by an independent
//! validator (openapi-spec-validator, from PyPI), and Schemathesis (from PyPI) run against a
//! live covoit process with its stateful phase and its conformance checks.
#[allow(unused_imports, reason = "each area uses part of the shared imports")]
use super::*;

/// Runs a checker in a scratch folder (Schemathesis keeps a cache where it runs); a missing
/// one is an installation problem named as such.
fn run(program: &str, args: &[&str]) -> std::process::Output {
    let scratch = tempfile::tempdir().unwrap();
    Command::new(program)
        .current_dir(scratch.path())
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} could not run ({e}): run scripts/test.sh"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_document_is_valid_openapi_3_1_and_lists_every_status() {
    let app = TestApp::start(Backend::Sqlite).await;
    let (status, text) = app.get("/api/openapi.json").await;
    assert_eq!(status, Status::Ok);
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["openapi"], "3.1.0");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("openapi.json");
    std::fs::write(&file, &text).unwrap();
    let out = run(
        "python3",
        &[
            "-m",
            "openapi_spec_validator",
            "--schema",
            "3.1.0",
            file.to_str().unwrap(),
        ],
    );
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && said.contains("OK"), "{said}");

    // Every operation, and every status each can answer.
    let creation = [
        "201", "400", "404", "409", "410", "413", "422", "429", "503",
    ];
    for (path, method, statuses) in [
        (
            "/api/events",
            "post",
            &["201", "400", "413", "422", "429", "503"][..],
        ),
        (
            "/api/events/{slug}",
            "get",
            &["200", "400", "404", "422", "503"][..],
        ),
        ("/api/events/{slug}/offers", "post", &creation[..]),
        ("/api/events/{slug}/needs", "post", &creation[..]),
        ("/api/offers/{id}", "get", &["200", "400", "404", "503"][..]),
        ("/api/offers/{id}/reservations", "post", &creation[..]),
        ("/api/places", "get", &["200", "400", "429"][..]),
    ] {
        let responses = &doc["paths"][path][method]["responses"];
        let listed: Vec<&String> = responses.as_object().unwrap().keys().collect();
        assert_eq!(listed, statuses, "{method} {path}");
        for code in statuses.iter().filter(|c| !c.starts_with('2')) {
            let schema = &responses[code]["content"]["application/json"]["schema"]["$ref"];
            assert_eq!(
                schema, "#/components/schemas/ErrorBody",
                "{method} {path} {code}"
            );
        }
        if statuses.contains(&"429") {
            assert!(
                responses["429"]["headers"]["Retry-After"].is_object(),
                "{method} {path}"
            );
        }
    }
    // The error shape is the one the API sends.
    let detail = &doc["components"]["schemas"]["ErrorDetail"];
    let required = detail["required"].as_array().unwrap();
    for key in ["code", "message", "fields"] {
        assert!(required.contains(&json!(key)), "{key}");
    }
    // The message of an error has no dangling punctuation or space (French puts a narrow
    // no-break space before its colon).
    let (status, answer) = app.post_json("/api/events", &json!({})).await;
    assert_eq!(status, Status::UnprocessableEntity);
    let message = answer["error"]["message"].as_str().unwrap();
    assert!(
        !message.ends_with(|c: char| c.is_whitespace() || c == ':'),
        "{message:?}"
    );
    // Links lead the stateful tests from a new event to its page, offers and needs.
    let links = &doc["paths"]["/api/events"]["post"]["responses"]["201"]["links"];
    assert_eq!(links["get_event"]["operationId"], "get_event");
    assert_eq!(
        links["create_offer"]["parameters"]["slug"],
        "$response.body#/event/slug"
    );
    app.finish().await;
}

/// covoit as operators run it (SQLite, captured mail), with creation limits off so that a
/// checker's requests are not refused with 429, and the given extra settings.
fn spawn(extra: &[(&str, &str)]) -> (std::process::Child, u16, tempfile::TempDir) {
    let port = free_port();
    let dir = tempfile::tempdir().unwrap();
    let server = Command::new(env!("CARGO_BIN_EXE_covoit"))
        .env_clear()
        .current_dir(dir.path())
        .env("ROCKET_PORT", port.to_string())
        .env("ROCKET_ADDRESS", "127.0.0.1")
        .env("DATABASE_URL", "sqlite://covoit.db?mode=rwc")
        .env("SECRET_KEY", common::TEST_KEY)
        .env("BASE_URL", format!("http://127.0.0.1:{port}"))
        .env("ROCKET_MAIL_MODE", "capture")
        .env("ROCKET_RATE_LIMIT_PER_IP", "0")
        .env("ROCKET_RATE_LIMIT_PER_EMAIL", "0")
        .env("ROCKET_PLACES_PER_MINUTE", "0")
        .envs(extra.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    (server, port, dir)
}

/// The API page draws every operation with Swagger UI as `scripts/install_api_docs.sh`
/// installs it, in Chromium, under the strict policy of every page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_page_draws_every_operation() {
    let assets = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("vendor/swagger-ui");
    assert!(
        assets.join("swagger-ui-bundle.js").exists(),
        "Swagger UI is missing: run the tests with ./scripts/test.sh, which installs it \
         (scripts/install_api_docs.sh)"
    );
    let (mut server, port, _dir) = spawn(&[("ROCKET_API_DOCS_DIR", assets.to_str().unwrap())]);
    let url = format!("http://127.0.0.1:{port}/api/docs");
    let out = tokio::task::spawn_blocking(move || {
        run(
            "chromium",
            &[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--virtual-time-budget=10000",
                "--dump-dom",
                &url,
            ],
        )
    })
    .await
    .unwrap();
    server.kill().ok();
    server.wait().ok();
    let dom = String::from_utf8_lossy(&out.stdout);
    for path in [
        "/api/events",
        "/api/events/{slug}",
        "/api/events/{slug}/offers",
        "/api/events/{slug}/needs",
        "/api/offers/{id}",
        "/api/offers/{id}/reservations",
        "/api/places",
    ] {
        assert!(
            dom.contains(&format!(
                "class=\"opblock-summary-path\" data-path=\"{path}\""
            )),
            "{path} not drawn: {dom}"
        );
    }
}

/// Without Swagger UI the page still answers, and says how to install it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_page_says_how_to_install_its_assets() {
    let app = TestApp::start_with(Backend::Sqlite, |f| {
        f.merge(("api_docs_dir", "/nonexistent/swagger-ui"))
    })
    .await;
    let (status, page) = app.get_lang("/api/docs", "fr").await;
    assert_eq!(status, Status::Ok);
    assert!(
        page.contains("Swagger UI, qui n'est pas installé")
            && page.contains("./scripts/install_api_docs.sh")
            && page.contains("href=\"openapi.json\""),
        "{page}"
    );
    let (status, _) = app.get("/api/docs/swagger-ui-bundle.js").await;
    assert_eq!(status, Status::NotFound);
    app.finish().await;
}

/// Schemathesis against the server as operators run it (SQLite, captured mail, limits off so
/// that its requests are not refused with 429): no server error, no undocumented status, no
/// answer that breaks the schema, through examples, coverage, fuzzing and the stateful phase.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn schemathesis_finds_nothing() {
    let (mut server, port, dir) = spawn(&[]);
    let schema = format!("http://127.0.0.1:{port}/api/openapi.json");
    let report = dir.path().join("report");
    let out = tokio::task::spawn_blocking(move || {
        run(
            "st",
            &[
                "run",
                &schema,
                "--checks",
                "not_a_server_error,status_code_conformance,content_type_conformance,\
                 response_schema_conformance,response_headers_conformance",
                "--phases",
                "examples,coverage,fuzzing,stateful",
                "--max-examples",
                "25",
                "--workers",
                "2",
                "--no-color",
                "--report-dir",
                report.to_str().unwrap(),
            ],
        )
    })
    .await
    .unwrap();
    server.kill().ok();
    server.wait().ok();
    let said =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "Schemathesis failed:\n{said}");
    // It did test: every operation, the stateful phase included, and none failed.
    assert!(said.contains("Tested: 7"), "{said}");
    assert!(
        said.contains("✅ Stateful") && !said.contains('❌'),
        "{said}"
    );
    // The links led somewhere: every linked operation was reached with usable data.
    assert!(
        !said.contains("never reached") && !said.contains("not usable"),
        "{said}"
    );
}
