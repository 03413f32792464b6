//! link_safety: 1. GET and HEAD change nothing.
#[allow(
    unused_imports,
    reason = "each section uses part of the shared imports"
)]
use super::*;

on_both_backends!(get_and_head_change_nothing,);

async fn get_and_head_change_nothing(app: &TestApp) {
    let f = fixture(app, &test_keys()).await;
    // A confirmed passenger on the ride back too, so that the manage and booking pages show
    // every kind of button.
    let other = request(app, f.return_id, "clara@example.org", 1).await;
    let accept_other = mailed_token(app, &test_keys(), Purpose::Accept, other).await;
    post(app, &link(Purpose::Accept, &accept_other), &[])
        .await
        .expect(Status::SeeOther);
    let return_manage = mailed_token(app, &test_keys(), Purpose::Manage, f.return_id).await;
    let clara_booking = mailed_token(app, &test_keys(), Purpose::Booking, other).await;

    let mut paths: Vec<(Purpose, String)> = Purpose::ALL.iter().map(|p| (*p, f.path(*p))).collect();
    paths.push((Purpose::Manage, link(Purpose::Manage, &return_manage)));
    paths.push((Purpose::Booking, link(Purpose::Booking, &clara_booking)));
    // Links to a request that is already answered: still nothing happens on GET.
    paths.push((Purpose::Accept, link(Purpose::Accept, &accept_other)));

    let before = snapshot(app).await;
    for (p, path) in &paths {
        for url in [path.clone(), format!("{path}?done=1")] {
            let page = get(app, &url).await;
            page.expect(Status::Ok);
            page.expect_private();
            if url.ends_with("?done=1") {
                continue;
            }
            let pending_page = *p != Purpose::Event && !url.contains(&accept_other);
            if pending_page && *p == Purpose::Booking {
                // Cancelling is irreversible: the page links to a confirmation (a GET that
                // changes nothing either), which holds the button.
                page.expect_text(&format!("href=\"{path}/cancel\""));
                let confirm = get(app, &format!("{path}/cancel")).await;
                confirm.expect(Status::Ok);
                confirm.expect_private();
                confirm.expect_text(&format!("<form method=\"post\" action=\"{path}\""));
                confirm.expect_text(
                    "<button type=\"submit\" class=\"danger\">I confirm the cancellation</button>",
                );
            } else if pending_page {
                // What the link will do is a button that POSTs, never an action on GET.
                let form = format!("<form method=\"post\" action=\"{path}");
                page.expect_text(&form);
                page.expect_text("<button type=\"submit\"");
            }
            match p {
                Purpose::Accept if pending_page => page.expect_text("Accept the request"),
                Purpose::Refuse => page.expect_text("Refuse the request"),
                Purpose::Booking => page.expect_text("Cancel my request"),
                Purpose::Manage => page.expect_text("Cancel the ride"),
                _ => {}
            }
            let h = head(app, &url).await;
            h.expect(Status::Ok);
            h.expect_private();
            assert!(h.body.is_empty(), "HEAD {url} has a body");
        }
    }
    let after = snapshot(app).await;
    assert_same(&before, &after, "GET and HEAD on the five kinds of link");

    // Still pending, and the GET page of the answered request says so and offers no button.
    assert_eq!(reservation_row(app, f.rid).await.status.as_str(), "pending");
    let answered = get(app, &link(Purpose::Accept, &accept_other)).await;
    answered.expect(Status::Ok);
    answered.expect_text("Already done");
    answered.expect_text("confirmed");
    assert!(
        !answered
            .body
            .contains("<form method=\"post\" action=\"/link/accept/"),
        "an answered request shows no accept button"
    );
}
