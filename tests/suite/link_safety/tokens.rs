//! link_safety: 4. Tokens that must not work.
#[allow(
    unused_imports,
    reason = "each section uses part of the shared imports"
)]
use super::*;

on_both_backends!(
    tampered_tokens_are_invalid,
    wrong_purpose_foreign_key_and_expired_tokens,
    missing_records_are_404,
    unknown_purpose_and_garbage_are_never_500,
    non_numeric_request_id_is_400_or_404,
);

const B64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `token` with its `i`-th character replaced by another base64url character.
fn tamper(token: &str, i: usize) -> String {
    let mut bytes = token.as_bytes().to_vec();
    let c = bytes[i];
    let mut pick = B64URL[(i * 7 + 13) % B64URL.len()];
    if pick == c {
        pick = B64URL[(i * 7 + 14) % B64URL.len()];
    }
    bytes[i] = pick;
    String::from_utf8(bytes).unwrap()
}

async fn tampered_tokens_are_invalid(app: &TestApp) {
    let f = fixture(app, &test_keys()).await;
    let before = snapshot(app).await;
    let mut tried = 0;
    for p in Purpose::ALL {
        let token = f.token(p).to_owned();
        assert!(token.len() > 40, "{token}");
        for i in 0..token.len() {
            let forged = tamper(&token, i);
            assert_ne!(forged, token);
            expect_invalid(&get(app, &link(p, &forged)).await);
            for (path, form) in posts_for(p, &forged, f.rid) {
                expect_invalid(&post_owned(app, &path, &form).await);
                tried += 1;
            }
        }
    }
    assert!(tried > 500, "{tried} forged POSTs");
    assert_same(&before, &snapshot(app).await, "tampered tokens");
    // The genuine tokens still work: the forgeries failed because they were forged.
    get(app, &f.path(Purpose::Accept)).await.expect(Status::Ok);
}

async fn wrong_purpose_foreign_key_and_expired_tokens(app: &TestApp) {
    let f = fixture(app, &test_keys()).await;
    let before = snapshot(app).await;

    // A token of one purpose used for another, every pair.
    for from in Purpose::ALL {
        for to in Purpose::ALL {
            if from == to {
                continue;
            }
            let token = f.token(from);
            expect_invalid(&get(app, &link(to, token)).await);
            for (path, form) in posts_for(to, token, f.rid) {
                expect_invalid(&post_owned(app, &path, &form).await);
            }
        }
    }
    // The same record ids, signed for the right purpose with a key the app does not know.
    let ids = [
        (Purpose::Accept, f.rid),
        (Purpose::Refuse, f.rid),
        (Purpose::Booking, f.rid),
        (Purpose::Manage, f.offer_id),
        (Purpose::Event, f.event_id),
    ];
    for (p, id) in ids {
        let token = sign(OTHER_KEY, p, id, in_days(7));
        expect_invalid(&get(app, &link(p, &token)).await);
        for (path, form) in posts_for(p, &token, f.rid) {
            expect_invalid(&post_owned(app, &path, &form).await);
        }
    }
    assert_same(
        &before,
        &snapshot(app).await,
        "misdirected and foreign-key tokens",
    );

    // Genuine but expired (a minute ago, a month ago): 410 with a way to get a fresh link.
    for (p, id) in ids {
        for expiry in [Utc::now() - Duration::minutes(1), in_days(-30)] {
            let token = sign(TEST_KEY.as_bytes(), p, id, expiry);
            let mut answers = vec![get(app, &link(p, &token)).await];
            for (path, form) in posts_for(p, &token, f.rid) {
                answers.push(post_owned(app, &path, &form).await);
            }
            for a in answers {
                a.expect(Status::Gone);
                a.expect_text("Link expired");
                a.expect_text("Every new email from covoit carries fresh links");
                a.expect_private();
            }
        }
    }
    assert_same(&before, &snapshot(app).await, "expired tokens");
    assert_eq!(reservation_row(app, f.rid).await.status.as_str(), "pending");
}

async fn missing_records_are_404(app: &TestApp) {
    let f = fixture(app, &test_keys()).await;
    // Records that never existed.
    let before = snapshot(app).await;
    for p in Purpose::ALL {
        for id in [999_999, -1, i64::MAX] {
            let token = sign(TEST_KEY.as_bytes(), p, id, in_days(7));
            get(app, &link(p, &token)).await.expect(Status::NotFound);
            head(app, &link(p, &token)).await.expect(Status::NotFound);
            for (path, form) in posts_for(p, &token, id) {
                post_owned(app, &path, &form).await.expect(Status::NotFound);
            }
        }
    }
    // A genuine manage link pointing at a request that does not exist.
    for action in ["accept", "refuse", "remove"] {
        post(
            app,
            &format!("{}/{action}/999999", f.path(Purpose::Manage)),
            &[],
        )
        .await
        .expect(Status::NotFound);
    }
    assert_same(
        &before,
        &snapshot(app).await,
        "tokens for records that never existed",
    );

    // Records deleted after their links were sent: the request, then the offers, then the
    // event.
    reservation::Entity::delete_by_id(f.rid)
        .exec(&app.db.conn)
        .await
        .unwrap();
    let before = snapshot(app).await;
    for p in [Purpose::Accept, Purpose::Refuse, Purpose::Booking] {
        get(app, &f.path(p)).await.expect(Status::NotFound);
        for (path, form) in posts_for(p, f.token(p), f.rid) {
            post_owned(app, &path, &form).await.expect(Status::NotFound);
        }
    }
    for action in ["accept", "refuse", "remove"] {
        post(
            app,
            &format!("{}/{action}/{}", f.path(Purpose::Manage), f.rid),
            &[],
        )
        .await
        .expect(Status::NotFound);
    }
    assert_same(&before, &snapshot(app).await, "links to a deleted request");

    offer::Entity::delete_by_id(f.return_id)
        .exec(&app.db.conn)
        .await
        .unwrap();
    offer::Entity::delete_by_id(f.offer_id)
        .exec(&app.db.conn)
        .await
        .unwrap();
    let before = snapshot(app).await;
    get(app, &f.path(Purpose::Manage))
        .await
        .expect(Status::NotFound);
    for (path, form) in posts_for(Purpose::Manage, f.token(Purpose::Manage), f.rid) {
        post_owned(app, &path, &form).await.expect(Status::NotFound);
    }
    // The organiser page still works without offers.
    get(app, &f.path(Purpose::Event)).await.expect(Status::Ok);
    assert_same(&before, &snapshot(app).await, "links to a deleted offer");

    event::Entity::delete_by_id(f.event_id)
        .exec(&app.db.conn)
        .await
        .unwrap();
    get(app, &f.path(Purpose::Event))
        .await
        .expect(Status::NotFound);
    head(app, &f.path(Purpose::Event))
        .await
        .expect(Status::NotFound);
}

async fn unknown_purpose_and_garbage_are_never_500(app: &TestApp) {
    let f = fixture(app, &test_keys()).await;
    let before = snapshot(app).await;

    // A genuine token under a purpose that does not exist.
    for purpose in ["nope", "Accept", "ACCEPT", "accept.", "manage2"] {
        let path = format!("/link/{purpose}/{}", f.token(Purpose::Accept));
        for a in [
            get(app, &path).await,
            head(app, &path).await,
            post(app, &path, &[]).await,
        ] {
            a.expect(Status::NotFound);
            a.expect_private();
        }
    }

    let long = "A".repeat(5000);
    let long_dotted = format!("{}.{}", "A".repeat(2500), "B".repeat(2500));
    let manage = f.path(Purpose::Manage);
    let mut paths = Vec::new();
    for p in Purpose::ALL {
        let base = format!("/link/{}", p.as_str());
        for junk in [
            "%00",
            "%00.%00",
            long.as_str(),
            long_dotted.as_str(),
            "a.b",
            "a.b.c",
            ".",
            "..",
            "...",
            "%2E",
            "%20",
            "%20.%20",
            "+",
            "a%2Fb",
            "%25",
            "%FF",
            "%C3%A9.%C3%A9",
            "%E2%80%AE",
            "AAAA.AAAA",
            "====.====",
            "%3Cscript%3E",
        ] {
            paths.push(format!("{base}/{junk}"));
        }
        paths.push(base.clone());
        paths.push(format!("{base}/"));
        paths.push(format!("{base}//"));
    }
    // Request ids that are numbers but name no request of this offer (the ids that are not
    // numbers at all are `non_numeric_request_id_is_400_or_404`).
    for rid in ["0", "-1", "9223372036854775807", "-9223372036854775808"] {
        for action in ["accept", "refuse", "remove"] {
            paths.push(format!("{manage}/{action}/{rid}"));
        }
    }
    paths.push(format!("{manage}/accept/"));
    paths.push(format!("{manage}/nope"));
    paths.push(format!("{manage}/nope/1"));
    paths.push("/link/manage/%00/accept/1".to_owned());
    paths.push(format!("/link/manage/{long}/cancel"));
    paths.push("/link/".to_owned());
    paths.push("/link".to_owned());

    let wrong = not_400_or_404(app, &paths).await;
    assert!(
        wrong.is_empty(),
        "garbage under /link/ must answer 400 or 404:\n{}",
        wrong.join("\n")
    );
    assert_same(&before, &snapshot(app).await, "garbage links");
}

/// GET, HEAD and POST each path; the answers that are neither 400 nor 404. Every answer under
/// /link/ must be private whatever its status.
async fn not_400_or_404(app: &TestApp, paths: &[String]) -> Vec<String> {
    let mut wrong = Vec::new();
    for path in paths {
        for a in [
            get(app, path).await,
            head(app, path).await,
            post(app, path, &[("note", "x")]).await,
        ] {
            if !(a.status == Status::BadRequest || a.status == Status::NotFound) {
                wrong.push(format!(
                    "{} {}",
                    a.what(),
                    excerpt(&a.body).chars().take(200).collect::<String>()
                ));
            }
            if a.path.starts_with("/link/") {
                a.expect_private();
            }
        }
    }
    wrong
}

/// `/link/manage/<genuine token>/{accept,refuse,remove}/<not a number>`: a mangled address,
/// like a mangled token, is a 400 or 404 page, never a 500 (nor Rocket's 422 for a path
/// parameter that does not parse).
async fn non_numeric_request_id_is_400_or_404(app: &TestApp) {
    let f = fixture(app, &test_keys()).await;
    let manage = f.path(Purpose::Manage);
    let before = snapshot(app).await;
    let mut paths = Vec::new();
    for rid in [
        "abc",
        "1.5",
        "%00",
        "1e3",
        "99999999999999999999",
        &"9".repeat(5000),
    ] {
        for action in ["accept", "refuse", "remove"] {
            paths.push(format!("{manage}/{action}/{rid}"));
        }
    }
    let wrong = not_400_or_404(app, &paths).await;
    assert_same(&before, &snapshot(app).await, "non-numeric request ids");
    assert!(
        wrong.iter().all(|w| !w.contains("→ 5")),
        "a 5xx:\n{}",
        wrong.join("\n")
    );
    assert!(
        wrong.is_empty(),
        "a request id that is not a number must answer 400 or 404:\n{}",
        wrong.join("\n")
    );
}
