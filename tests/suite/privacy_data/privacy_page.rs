//! The privacy page in each language: what is kept, why, how long (the configured
//! `retention_days`), who sees what, how to export and delete, whom to write to; linked from
//! every page's footer.
use super::text;
use crate::common::{Backend, TestApp};
use covoit::domain::Lang;
use covoit::i18n::T;
use rocket::http::Status;

on_sqlite!(the_privacy_page_speaks_every_language);

async fn the_privacy_page_speaks_every_language(app: &TestApp) {
    for lang in Lang::ALL {
        let t = T::get(lang);
        let (status, page) = app.get(&format!("/privacy?lang={}", lang.code())).await;
        assert_eq!(status, Status::Ok, "{lang:?}");
        let page = text(&page);
        for id in [
            "privacy-title",
            "privacy-what",
            "privacy-why",
            "privacy-who",
            "privacy-rights",
            "privacy-contact-none",
        ] {
            assert!(page.contains(t.t(id)), "{lang:?}: {id} in {page}");
        }
        assert!(
            page.contains(&t.t1("privacy-how-long", "days", 30u32)),
            "{lang:?}: the retention"
        );
        assert!(page.contains(&format!("<html lang=\"{}\"", lang.code())));
    }
    // Every page links to it.
    let (_, home) = app.get("/?lang=de").await;
    assert!(
        home.contains("<a href=\"/privacy\">Datenschutz</a>"),
        "{home}"
    );

    // The configured retention and contact are the ones shown.
    let other = TestApp::start_with(Backend::Sqlite, |f| {
        f.merge(("retention_days", 90))
            .merge(("privacy_contact", "dpo@club.example"))
    })
    .await;
    let (_, page) = other.get("/privacy?lang=en").await;
    let en = T::get(Lang::En);
    let page = text(&page);
    assert!(
        page.contains(&en.t1("privacy-how-long", "days", 90u32)),
        "{page}"
    );
    assert!(
        page.contains(&en.t1("privacy-contact", "contact", "dpo@club.example")),
        "{page}"
    );
    other.finish().await;
}
