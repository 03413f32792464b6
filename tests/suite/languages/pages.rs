//! languages: 2. Every page in every language — its `lang`, the switch offering all six
//! languages each in its own words, texts of its language and none of another's — and emailed
//! links that open in the email's language whatever the browser prefers.
use covoit::domain::Lang;
use covoit::entities::outbox;
use covoit::i18n::T;
use rocket::http::{Header, Status};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use crate::common::html::visible_text;
use crate::common::languages::{assert_clean_copy, assert_no_foreign_text, own_texts};
use crate::common::{Backend, TestApp, event_body, offer_body};

/// The first `https://covoit.test/link/{purpose}/…` in the emails of `kind`, as a path with
/// its `?lang=`.
async fn emailed_link(app: &TestApp, kind: &str, purpose: &str) -> String {
    let rows = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq(kind))
        .order_by_asc(outbox::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap();
    let re = regex::Regex::new(&format!(
        r"https://covoit\.test(/link/{purpose}/[A-Za-z0-9_.-]+\?lang=[a-z]+)"
    ))
    .unwrap();
    rows.iter()
        .find_map(|r| re.captures(&r.text_body).map(|c| c[1].to_owned()))
        .unwrap_or_else(|| panic!("no {purpose} link with its language in a {kind} email"))
}

fn with_lang(path: &str, lang: Lang) -> String {
    let base = path.split('?').next().unwrap();
    format!("{base}?lang={}", lang.code())
}

/// The page is in `lang`: its `lang` attribute, some of the texts only `lang` has, none of
/// another language's, and the switch to every language.
fn assert_speaks(lang: Lang, what: &str, html: &str) {
    assert!(
        html.contains(&format!("<html lang=\"{}\"", lang.code())),
        "{what}: not marked as {lang:?}"
    );
    let seen = visible_text(html);
    let own: Vec<_> = own_texts(lang)
        .into_iter()
        .filter(|t| seen.contains(t))
        .collect();
    assert!(
        !own.is_empty(),
        "{what}: no text of {lang:?} on the page:\n{seen}"
    );
    assert_no_foreign_text(lang, &seen, what);
    assert_clean_copy(lang, &seen, what);
    for other in Lang::ALL {
        assert!(
            html.contains(&format!("hreflang=\"{}\"", other.code())),
            "{what}: the switch lacks {other:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_speaks_each_language_and_only_it() {
    let app = TestApp::start(Backend::Sqlite).await;
    let (slug, offer, _) = app.event_with_offer().await;
    let offer_id = offer["id"].as_str().unwrap().to_owned();
    let (status, body) = app.book(&offer_id, "paul@example.org", 1).await;
    assert_eq!(status, Status::Created, "{body}");
    let mut paths = vec![
        "/".to_owned(),
        "/events/new".to_owned(),
        format!("/e/{slug}"),
        format!("/e/{slug}/offers/new"),
        format!("/o/{offer_id}"),
        format!("/embed/{slug}"),
        format!("/embed/demo/{slug}"),
        "/e/no-such-event-here".to_owned(),
        "/link/manage/not-a-token".to_owned(),
    ];
    for (kind, purpose) in [
        ("event_created", "event"),
        ("offer_published", "manage"),
        ("request_received", "accept"),
        ("request_received", "refuse"),
        ("request_sent", "booking"),
    ] {
        paths.push(emailed_link(&app, kind, purpose).await);
    }

    for lang in Lang::ALL {
        let t = T::get(lang);
        for path in &paths {
            let path = with_lang(path, lang);
            let (status, html) = app.get(&path).await;
            assert!(
                [Status::Ok, Status::NotFound, Status::BadRequest].contains(&status),
                "{path}: {status}"
            );
            assert_speaks(lang, &path, &html);
        }
        // The site's switch names each language in itself.
        let (_, home) = app.get(&with_lang("/", lang)).await;
        for other in Lang::ALL {
            let name = T::get(other).t("language-name");
            assert!(home.contains(&format!(">{name}</a>")), "{lang:?}: {name}");
        }
        // A refused form answers in the reader's language, naming the field.
        let (status, html, _) = app
            .post_form(&with_lang("/events", lang), &[("name", "")])
            .await;
        assert_eq!(status, Status::UnprocessableEntity);
        assert_speaks(lang, "the event form with errors", &html);
        assert!(
            visible_text(&html).contains(&t.invalid(&covoit::domain::Invalid::Required)),
            "{lang:?}: the field's message"
        );
    }
    app.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emailed_links_open_in_the_emails_language() {
    let app = TestApp::start(Backend::Sqlite).await;
    // The organiser writes German, the driver Dutch, the passenger Italian; every browser
    // prefers Spanish.
    let mut event = event_body();
    event["locale"] = json!("de");
    let (status, body) = app.post_json("/api/events", &event).await;
    assert_eq!(status, Status::Created, "{body}");
    let slug = body["event"]["slug"].as_str().unwrap().to_owned();
    let mut offer = offer_body();
    offer["locale"] = json!("nl");
    let (status, body) = app
        .post_json(&format!("/api/events/{slug}/offers"), &offer)
        .await;
    assert_eq!(status, Status::Created, "{body}");
    let offer_id = body["offer"]["id"].as_str().unwrap().to_owned();
    let (status, body) = app
        .post_json(
            &format!("/api/offers/{offer_id}/reservations"),
            &json!({"passenger_name": "Paola", "passenger_email": "paola@example.org",
                    "seats": 1, "locale": "it"}),
        )
        .await;
    assert_eq!(status, Status::Created, "{body}");

    // The event's pages speak the event's language to a browser that asks for none of the
    // six, and the browser's language to one that does.
    for (accept, lang) in [
        (None, Lang::De),
        (Some("pt-BR,pt;q=0.9"), Lang::De),
        (Some("es-ES,es;q=0.9"), Lang::Es),
    ] {
        for path in [
            format!("/e/{slug}"),
            format!("/o/{offer_id}"),
            format!("/embed/{slug}"),
        ] {
            let mut req = app.client.get(path.as_str());
            if let Some(accept) = accept {
                req = req.header(Header::new("Accept-Language", accept));
            }
            let html = req.dispatch().await.into_string().await.unwrap();
            assert_speaks(lang, &format!("{path} for {accept:?}"), &html);
        }
    }

    for (kind, purpose, lang) in [
        ("event_created", "event", Lang::De),
        ("offer_published", "manage", Lang::Nl),
        ("request_received", "accept", Lang::Nl),
        ("request_sent", "booking", Lang::It),
    ] {
        let path = emailed_link(&app, kind, purpose).await;
        assert!(path.ends_with(&format!("?lang={}", lang.code())), "{path}");
        let res = app
            .client
            .get(path.as_str())
            .header(Header::new("Accept-Language", "es-ES,es;q=0.9"))
            .dispatch()
            .await;
        assert_eq!(res.status(), Status::Ok, "{path}");
        let html = res.into_string().await.unwrap();
        assert_speaks(lang, &path, &html);
    }
    // The language of the last link opened stays for the next pages, over the browser's.
    let event_path = format!("/e/{slug}");
    let res = app
        .client
        .get(event_path.as_str())
        .header(Header::new("Accept-Language", "es-ES,es;q=0.9"))
        .dispatch()
        .await;
    let html = res.into_string().await.unwrap();
    assert_speaks(Lang::It, "the event page after the link", &html);
    app.finish().await;
}
