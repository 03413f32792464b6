//! link_safety: 5. Key rotation.
#[allow(
    unused_imports,
    reason = "each section uses part of the shared imports"
)]
use super::*;

mod key_rotation {
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn sqlite() {
        super::key_rotation(super::Backend::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn postgres() {
        super::key_rotation(super::Backend::Postgres).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn mysql() {
        super::key_rotation(super::Backend::Mysql).await;
    }
}

async fn key_rotation(backend: Backend) {
    let app = TestApp::start_with(backend, |f| {
        f.merge(("secret_keys", vec![NEW_KEY, TEST_KEY]))
    })
    .await;
    let new_only = vec![NEW_KEY.as_bytes().to_vec()];
    let old_only = test_keys();
    let now = Utc::now();

    // Every link of every email is signed with the new key.
    let f = fixture(&app, &new_only).await;
    let check_new = |links: Vec<(String, String)>| {
        assert!(!links.is_empty());
        for (purpose, token) in links {
            let p = Purpose::parse(&purpose).expect("a known purpose");
            assert!(
                verify(&signing(&new_only), p, &token, now).is_ok(),
                "{purpose}/{token} verifies with the new key"
            );
            assert_eq!(
                verify(&signing(&old_only), p, &token, now),
                Err(LinkError::Invalid),
                "{purpose}/{token} is not signed with the old key"
            );
        }
    };
    check_new(mailed_links(&app).await);

    // A link sent before the rotation, signed with the old key, still works.
    let old_accept = link(
        Purpose::Accept,
        &sign(TEST_KEY.as_bytes(), Purpose::Accept, f.rid, in_days(7)),
    );
    let old_manage = link(
        Purpose::Manage,
        &sign(TEST_KEY.as_bytes(), Purpose::Manage, f.offer_id, in_days(7)),
    );
    let page = get(&app, &old_accept).await;
    page.expect(Status::Ok);
    page.expect_text("Accept the request");
    get(&app, &old_manage).await.expect(Status::Ok);
    let mails = outbox_rows(&app).await.len();
    let accepted = post(&app, &old_accept, &[]).await;
    accepted.expect(Status::SeeOther);
    assert_eq!(
        reservation_row(&app, f.rid).await.status.as_str(),
        "confirmed"
    );
    assert_eq!(offer_row(&app, f.offer_id).await.seats_taken, 1);

    // The emails that accept sent carry new-key links only.
    let rows = outbox_rows(&app).await;
    assert!(rows.len() > mails, "the accept sent emails");
    let re =
        regex::Regex::new(r"https://covoit\.test/link/([a-z]+)/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)")
            .unwrap();
    let fresh: Vec<(String, String)> = rows[mails..]
        .iter()
        .flat_map(|r| {
            re.captures_iter(&r.text_body)
                .map(|c| (c[1].to_owned(), c[2].to_owned()))
                .collect::<Vec<_>>()
        })
        .collect();
    check_new(fresh);
    // And the pages rendered from an old link hand out new-key links.
    let manage_page = get(&app, &old_manage).await;
    let page_links: Vec<(String, String)> =
        regex::Regex::new(r#"href="/link/([a-z]+)/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)""#)
            .unwrap()
            .captures_iter(&get(&app, &old_accept).await.body)
            .chain(
                regex::Regex::new(r#"href="/link/([a-z]+)/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)""#)
                    .unwrap()
                    .captures_iter(&manage_page.body),
            )
            .map(|c| (c[1].to_owned(), c[2].to_owned()))
            .collect();
    check_new(page_links);

    // An unknown key is still refused.
    let foreign = link(
        Purpose::Booking,
        &sign(OTHER_KEY, Purpose::Booking, f.rid, in_days(7)),
    );
    expect_invalid(&get(&app, &foreign).await);
    expect_invalid(&post(&app, &foreign, &[]).await);
    assert_eq!(
        reservation_row(&app, f.rid).await.status.as_str(),
        "confirmed"
    );

    app.finish().await;
}
