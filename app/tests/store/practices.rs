//! Store tests for local integration, on SQLite and PostgreSQL: the practices workflow and its
//! history, accent- and case-insensitive search over published practices only, facets; the
//! inventory and its regional matrix.

use app::error::AppError;
use app::model::PracticeStatus as St;
use app::model::{EntryInput, EntryType, Severity};
use app::model::{PracticeQuery, PracticeStatus, Transition};
use app::server::store::{
    audit::Actor, inventory::NewEntry, practices, practices::NewPractice, Db,
};
use app::server::testing::{ticks, vocabulary};
use app::{on_db, store_test};

async fn actor(db: &Db) -> Actor {
    app::server::testing::user(db, "sec@example.org", app::model::Role::Secretariat)
        .await
        .actor()
}

fn practice(title_es: &str, country: &str, themes: &[&str], year: i32) -> NewPractice {
    let input = app::model::PracticeInput {
        submitter: format!("country:{country}"),
        title_es: title_es.into(),
        summary_es: format!("Resumen de {title_es}"),
        year: year.to_string(),
        themes: ticks(themes),
        populations: ticks(&["refugees"]),
        ..Default::default()
    };
    NewPractice::from_input(&input, &vocabulary(), &[]).expect("a valid practice")
}

/// An inventory entry of `country`, checked; gaps get a priority of 1.
fn entry(country: &str, kind: EntryType, theme: &str, severity: Option<Severity>) -> NewEntry {
    let input = EntryInput {
        country: country.into(),
        entry_type: kind.code().into(),
        theme: theme.into(),
        title_es: format!("{} {theme}", kind.code()),
        status: "active".into(),
        severity: severity.map(|s| s.code()).unwrap_or_default().into(),
        priority: if severity.is_some() {
            "1".into()
        } else {
            String::new()
        },
        populations: ticks(&["refugees", "host_communities"]),
        ..Default::default()
    };
    NewEntry::from_input(&input, &vocabulary()).expect("a valid entry")
}

/// Writes a practice straight in `status`; its id.
/// A practice to store: its status, then what `practice` takes (title, country, themes, year).
type Row<'a> = (St, &'a str, &'a str, &'a [&'a str], i32);

/// Stores each row in order; returns their ids.
async fn add(db: &Db, a: &Actor, rows: &[Row<'_>]) -> Vec<i64> {
    let mut ids = Vec::new();
    for &(status, title, country, themes, year) in rows {
        let p = practice(title, country, themes, year);
        ids.push(
            practices::create(db, Some(a), &p, status)
                .await
                .expect("practice"),
        );
    }
    ids
}

async fn search(db: &Db, q: &str) -> Vec<String> {
    let r = practices::search(
        db,
        &PracticeQuery {
            q: q.into(),
            ..Default::default()
        },
        1,
        50,
    )
    .await
    .expect("search");
    r.items.into_iter().map(|i| i.title_es).collect()
}

store_test!(workflow_moves_and_history, |db| {
    let a = actor(&db).await;
    let id = add(
        &db,
        &a,
        &[(St::Draft, "Ferias de empleo", "CR", &["employment"], 2024)],
    )
    .await[0];
    // Only moves the workflow allows.
    assert_eq!(
        practices::transition(&db, &a, id, Transition::Publish, "").await,
        Err(AppError::Conflict)
    );
    assert_eq!(
        practices::transition(&db, &a, id, Transition::Submit, "").await,
        Ok(PracticeStatus::Submitted)
    );
    assert_eq!(
        practices::transition(&db, &a, id, Transition::StartReview, "").await,
        Ok(PracticeStatus::InReview)
    );
    // Returning needs a comment, and nothing changes without one.
    assert!(matches!(
        practices::transition(&db, &a, id, Transition::Return, "  ").await,
        Err(AppError::Validation(_))
    ));
    assert_eq!(
        practices::status_of(&db, id).await,
        Ok(PracticeStatus::InReview)
    );
    assert_eq!(
        practices::transition(
            &db,
            &a,
            id,
            Transition::Return,
            "Añadan resultados medibles"
        )
        .await,
        Ok(PracticeStatus::Returned)
    );
    assert_eq!(
        practices::transition(&db, &a, id, Transition::Submit, "").await,
        Ok(PracticeStatus::Submitted)
    );
    assert_eq!(
        practices::transition(&db, &a, id, Transition::Publish, "").await,
        Ok(PracticeStatus::Published)
    );
    assert_eq!(search(&db, "ferias").await, vec!["Ferias de empleo"]);
    assert_eq!(
        practices::transition(&db, &a, id, Transition::Unpublish, "Datos por verificar").await,
        Ok(PracticeStatus::InReview)
    );
    assert!(search(&db, "ferias").await.is_empty());
    let (reviews, comments): (i64, i64) = on_db!(&db, pool => sqlx::query_as(
        "SELECT COUNT(*), COUNT(CASE WHEN comment <> '' THEN 1 END) FROM practice_reviews WHERE practice_id = $1",
    )
    .bind(id)
    .fetch_one(pool)
    .await)
    .expect("reviews");
    assert_eq!((reviews, comments), (6, 2));
    let audited: i64 = on_db!(&db, pool => sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'practice' AND entity_id = $1",
    )
    .bind(id.to_string())
    .fetch_one(pool)
    .await)
    .expect("audit");
    assert_eq!(audited, 7);
    assert_eq!(
        practices::transition(&db, &a, 999_999, Transition::Submit, "").await,
        Err(AppError::NotFound)
    );
});

store_test!(
    search_ignores_accents_and_case_and_sees_only_published,
    |db| {
        let a = actor(&db).await;
        for (title, status) in [
            (
                "Educación para niñas y niños refugiados",
                PracticeStatus::Published,
            ),
            ("Salud mental comunitaria", PracticeStatus::Published),
            ("Educación en borrador", PracticeStatus::Draft),
        ] {
            practices::create(
                &db,
                Some(&a),
                &practice(title, "MX", &["education"], 2023),
                status,
            )
            .await
            .expect("create");
        }
        let found = vec!["Educación para niñas y niños refugiados".to_string()];
        assert_eq!(search(&db, "educacion").await, found);
        assert_eq!(search(&db, "EDUCACIÓN").await, found);
        assert_eq!(search(&db, "nino").await, found);
        assert_eq!(
            search(&db, "niño refug").await,
            found,
            "prefixes, all words"
        );
        assert!(search(&db, "nino salud").await.is_empty());
        assert!(
            search(&db, "borrador").await.is_empty(),
            "drafts are not public"
        );
        assert_eq!(search(&db, "").await.len(), 2);
        // Whatever is typed is a search, never SQL or query syntax.
        for nasty in [
            "'; DROP TABLE practices; --",
            "\"unclosed",
            "a:* | b",
            "NEAR(x y)",
            "*",
        ] {
            search(&db, nasty).await;
        }
    }
);

store_test!(facets_count_the_matches, |db| {
    let a = actor(&db).await;
    for (title, country, themes, year) in [
        ("Empleo formal", "CR", vec!["employment"], 2022),
        (
            "Empleo y vivienda",
            "CR",
            vec!["employment", "housing"],
            2023,
        ),
        ("Vivienda temporal", "GT", vec!["housing"], 2023),
        ("Documentación rápida", "PA", vec!["documentation"], 2021),
    ] {
        add(&db, &a, &[(St::Published, title, country, &themes, year)]).await;
    }
    let mut member = practice("Contratación inclusiva", "CR", &["employment"], 2024);
    member.submitter_kind = "member".into();
    member.country_iso2 = None;
    member.organisation_code = Some("ESP".into());
    practices::create(&db, Some(&a), &member, PracticeStatus::Published)
        .await
        .expect("create");
    let counts = |f: &[app::model::FacetCount]| -> Vec<(String, u32)> {
        f.iter().map(|c| (c.code.clone(), c.count)).collect()
    };
    let all = practices::search(&db, &PracticeQuery::default(), 1, 2)
        .await
        .expect("search");
    assert_eq!(all.total, 5);
    assert_eq!(all.items.len(), 2, "a page");
    assert_eq!(
        all.items[0].title_es, "Contratación inclusiva",
        "newest first"
    );
    assert_eq!(all.items[0].submitter_en, "Spain");
    assert_eq!(
        counts(&all.facets.country),
        vec![("CR".into(), 2), ("GT".into(), 1), ("PA".into(), 1)]
    );
    assert_eq!(
        counts(&all.facets.theme),
        vec![
            ("employment".into(), 3),
            ("housing".into(), 2),
            ("documentation".into(), 1)
        ]
    );
    assert_eq!(
        counts(&all.facets.submitter),
        vec![("country".into(), 4), ("member".into(), 1)]
    );
    assert_eq!(all.facets.year[0].code, "2024");
    // Facets follow the filters.
    let housing = practices::search(
        &db,
        &PracticeQuery {
            theme: Some("housing".into()),
            ..Default::default()
        },
        1,
        20,
    )
    .await
    .expect("search");
    assert_eq!(housing.total, 2);
    assert_eq!(
        counts(&housing.facets.country),
        vec![("CR".into(), 1), ("GT".into(), 1)]
    );
    let q = practices::search(
        &db,
        &PracticeQuery {
            q: "empleo".into(),
            country: Some("CR".into()),
            year: Some(2023),
            ..Default::default()
        },
        1,
        20,
    )
    .await
    .expect("search");
    assert_eq!(q.total, 1);
    assert_eq!(q.items[0].themes, vec!["employment", "housing"]);
});

store_test!(inventory_entries_and_the_matrix, |db| {
    use app::server::store::inventory;
    let a = actor(&db).await;
    inventory::create(
        &db,
        Some(&a),
        &entry("CR", EntryType::Service, "employment", None),
    )
    .await
    .expect("create");
    inventory::create(
        &db,
        Some(&a),
        &entry("CR", EntryType::Gap, "employment", Some(Severity::Medium)),
    )
    .await
    .expect("create");
    inventory::create(
        &db,
        Some(&a),
        &entry("CR", EntryType::Gap, "employment", Some(Severity::Critical)),
    )
    .await
    .expect("create");
    inventory::create(
        &db,
        Some(&a),
        &entry("GT", EntryType::Programme, "education", None),
    )
    .await
    .expect("create");
    // A gap needs its severity and priority (the only way to an entry is its check, so nothing
    // without them reaches the store); a service's gap fields are dropped.
    let input = |kind: &str, severity: &str, priority: &str| EntryInput {
        country: "GT".into(),
        entry_type: kind.into(),
        theme: "health".into(),
        title_es: "Salud".into(),
        status: "active".into(),
        severity: severity.into(),
        priority: priority.into(),
        ..Default::default()
    };
    let missing = NewEntry::from_input(&input("gap", "", ""), &vocabulary()).expect_err("a gap");
    assert_eq!(
        missing.field("severity"),
        Some(&app::error::Problem::Required)
    );
    assert_eq!(
        missing.field("priority"),
        Some(&app::error::Problem::Required)
    );
    let service =
        NewEntry::from_input(&input("service", "low", "1"), &vocabulary()).expect("a service");
    assert_eq!((service.severity, service.priority), (None, None));
    let m = inventory::matrix(&db).await.expect("matrix");
    assert_eq!(m.countries.len(), 7);
    assert_eq!(m.themes.len(), 11);
    let cr = m.cell("CR", "employment").expect("cell");
    assert_eq!((cr.services, cr.programmes, cr.gaps), (1, 0, 2));
    assert_eq!(cr.worst_gap, Some(Severity::Critical));
    assert_eq!(m.cell("GT", "education").expect("cell").programmes, 1);
    assert!(
        m.cell("GT", "health").is_none(),
        "rejected entries wrote nothing"
    );
    let list = inventory::list(&db, Some("CR"), None).await.expect("list");
    assert_eq!(list.len(), 3);
    assert_eq!(list[0].entry_type, EntryType::Gap, "gaps first");
    assert_eq!(list[0].populations, vec!["host_communities", "refugees"]);
    assert_eq!(
        inventory::list(&db, None, Some("education"))
            .await
            .expect("list")
            .len(),
        1
    );
});

async fn audit_count(db: &Db, entity: &str, action: &str, id: i64) -> i64 {
    on_db!(db, pool => sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM audit_log WHERE entity = $1 AND action = $2 AND entity_id = $3",
    )
    .bind(entity)
    .bind(action)
    .bind(id.to_string())
    .fetch_one(pool)
    .await)
    .expect("count")
}

store_test!(edits_keep_history_and_refuse_stale_versions, |db| {
    let a = actor(&db).await;
    let mut p = practice("Bolsa de empleo", "GT", &["employment"], 2023);
    let id = practices::create(&db, Some(&a), &p, PracticeStatus::Draft)
        .await
        .expect("create");
    let before = practices::get(&db, id).await.expect("get").expect("exists");
    assert_eq!(before.version, 1);
    assert_eq!(before.themes[0].code, "employment");
    p.title_en = "Job board".into();
    p.body_es = "## Cómo\n\n- paso uno".into();
    p.themes = vec!["employment".into(), "education".into()];
    // A period that ends before it starts is refused by the practice's check.
    let backwards = app::model::PracticeInput {
        submitter: "country:GT".into(),
        title_es: "Bolsa de empleo".into(),
        year: "2023".into(),
        themes: ticks(&["employment"]),
        period_start: "2023-03-01".into(),
        period_end: "2022-12-31".into(),
        ..Default::default()
    };
    let err = NewPractice::from_input(&backwards, &vocabulary(), &[]).expect_err("backwards");
    assert_eq!(
        err.field("period_end"),
        Some(&app::error::Problem::NotAllowed)
    );
    p.period_start = chrono::NaiveDate::from_ymd_opt(2023, 3, 1);
    p.period_end = chrono::NaiveDate::from_ymd_opt(2024, 12, 31);
    practices::update(&db, &a, id, before.version, &p)
        .await
        .expect("update");
    // The same edit from the version seen before is refused: someone changed it meanwhile.
    assert_eq!(
        practices::update(&db, &a, id, before.version, &p).await,
        Err(AppError::Conflict)
    );
    let after = practices::get(&db, id).await.expect("get").expect("exists");
    assert_eq!(after.title_en, "Job board");
    assert_eq!(after.period_start.as_deref(), Some("2023-03-01"));
    assert_eq!(after.period_end.as_deref(), Some("2024-12-31"));
    assert_eq!(after.themes.len(), 2);
    assert_eq!(after.version, 2);
    assert_eq!(audit_count(&db, "practice", "update", id).await, 1);
    // The submitter cannot change, and submitted practices are not edited in place.
    let mut other = p.clone();
    other.country_iso2 = Some("HN".into());
    assert!(matches!(
        practices::update(&db, &a, id, after.version, &other).await,
        Err(AppError::Validation(_))
    ));
    practices::transition(&db, &a, id, Transition::Submit, "")
        .await
        .expect("submit");
    let v = practices::get(&db, id)
        .await
        .expect("get")
        .expect("exists")
        .version;
    assert_eq!(
        practices::update(&db, &a, id, v, &p).await,
        Err(AppError::Conflict)
    );
    // Returned to the author, it can be edited again; the history keeps every move.
    practices::transition(&db, &a, id, Transition::Return, "Añadan resultados")
        .await
        .expect("return");
    let v = practices::get(&db, id)
        .await
        .expect("get")
        .expect("exists")
        .version;
    practices::update(&db, &a, id, v, &p)
        .await
        .expect("edit returned");
    let h = practices::history(&db, id).await.expect("history");
    assert_eq!(h.len(), 2);
    assert_eq!(h[1].comment, "Añadan resultados");
    assert_eq!(h[1].to, PracticeStatus::Returned);
    assert_eq!(h[1].actor, "sec@example.org");
});

store_test!(queues_and_cached_search_follow_changes, |db| {
    use app::server::store::practices::{Scope, SearchCache};
    let a = actor(&db).await;
    let ids = add(
        &db,
        &a,
        &[
            (St::Draft, "Borrador CR", "CR", &["health"], 2024),
            (St::Submitted, "Enviada GT", "GT", &["health"], 2024),
            (St::Published, "Publicada CR", "CR", &["health"], 2024),
        ],
    )
    .await;
    let (draft, submitted) = (ids[0], ids[1]);
    let review: Vec<i64> = practices::queue(&db, &Scope::Review)
        .await
        .expect("queue")
        .iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(review, vec![submitted]);
    let cr: Vec<i64> = practices::queue(&db, &Scope::Country("CR".into()))
        .await
        .expect("queue")
        .iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(cr, vec![draft]);

    let cache = SearchCache::default();
    let health = PracticeQuery {
        theme: Some("health".into()),
        ..Default::default()
    };
    let q = PracticeQuery {
        q: "salud".into(),
        theme: Some("health".into()),
        ..Default::default()
    };
    let first = cache.search(&db, &health, 1, 20).await.expect("search");
    assert_eq!(first.total, 1);
    let again = cache.search(&db, &health, 1, 20).await.expect("search");
    assert!(
        std::sync::Arc::ptr_eq(&first, &again),
        "a repeated search is answered from the cache"
    );
    // Publishing moves the version: the next answer includes the new practice.
    practices::transition(&db, &a, submitted, Transition::Publish, "")
        .await
        .expect("publish");
    let fresh = cache.search(&db, &health, 1, 20).await.expect("search");
    assert_eq!(fresh.total, 2);
    // Exports hold every match, with the themes.
    let all = practices::export(
        &db,
        &PracticeQuery {
            theme: Some("health".into()),
            ..Default::default()
        },
    )
    .await
    .expect("export");
    assert_eq!(all.len(), 2);
    assert!(all.iter().all(|p| p.themes == vec!["health".to_string()]));
    let none = cache.search(&db, &q, 1, 20).await.expect("search");
    assert_eq!(
        none.total, 0,
        "words must match the text, not just the theme name"
    );
});

store_test!(topics_rank_shared_gaps_with_practices_elsewhere, |db| {
    use app::server::store::inventory;
    let a = actor(&db).await;
    let gap = |country: &str, theme: &str, severity: Severity| {
        let mut e = entry(country, EntryType::Gap, theme, Some(severity));
        e.title_es = format!("Brecha {theme} {country}");
        e.populations.clear();
        e
    };
    for (c, t, s) in [
        ("GT", "education", Severity::High),
        ("HN", "education", Severity::Medium),
        ("SV", "health", Severity::Critical),
        ("PA", "housing", Severity::Low),
        ("BZ", "housing", Severity::Low),
    ] {
        inventory::create(&db, Some(&a), &gap(c, t, s))
            .await
            .expect("gap");
    }
    // Costa Rica has a published practice on education; Guatemala's own does not count for a
    // gap Guatemala reports; the housing gap has nobody to learn from.
    add(
        &db,
        &a,
        &[
            (
                St::Published,
                "Escuelas abiertas",
                "CR",
                &["education"],
                2023,
            ),
            (St::Published, "Aulas GT", "GT", &["education"], 2023),
            (St::Draft, "Borrador salud", "CR", &["health"], 2023),
        ],
    )
    .await;
    let topics = practices::topic_suggestions(&db).await.expect("topics");
    let order: Vec<&str> = topics.iter().map(|t| t.theme.code.as_str()).collect();
    assert_eq!(order[0], "education", "{order:?}");
    let education = &topics[0];
    let countries: Vec<&str> = education
        .countries
        .iter()
        .map(|c| c.code.as_str())
        .collect();
    assert_eq!(countries.len(), 2);
    assert!(countries.contains(&"GT") && countries.contains(&"HN"));
    let titles: Vec<&str> = education
        .practices
        .iter()
        .map(|p| p.title_es.as_str())
        .collect();
    assert_eq!(titles, vec!["Escuelas abiertas"]);
    // Two countries but nothing to learn from ranks below; a draft is not a practice to learn from.
    let housing = topics
        .iter()
        .position(|t| t.theme.code == "housing")
        .expect("housing");
    let health = topics
        .iter()
        .position(|t| t.theme.code == "health")
        .expect("health");
    assert!(housing > 0 && health > 0);
    assert!(topics[health].practices.is_empty());
    assert!(
        !topics.iter().any(|t| t.theme.code == "employment"),
        "themes without gaps are not topics"
    );
});

store_test!(inventory_edit_and_withdraw_keep_history, |db| {
    use app::server::store::inventory;
    let a = actor(&db).await;
    let mut e = entry("HN", EntryType::Gap, "documentation", Some(Severity::High));
    e.title_es = "Documentación".into();
    e.priority = Some(2);
    e.populations = vec!["idps".into()];
    let id = inventory::create(&db, Some(&a), &e).await.expect("create");
    e.title_en = "Documentation".into();
    e.severity = Some(Severity::Critical);
    e.populations = vec!["idps".into(), "returnees".into()];
    inventory::update(&db, &a, id, 1, &e).await.expect("update");
    assert_eq!(
        inventory::update(&db, &a, id, 1, &e).await,
        Err(AppError::Conflict)
    );
    let got = inventory::get(&db, id).await.expect("get").expect("exists");
    assert_eq!(got.severity, Some(Severity::Critical));
    assert_eq!(got.populations.len(), 2);
    assert_eq!(got.version, 2);
    // An entry stays in its country.
    let mut moved = e.clone();
    moved.country_iso2 = "GT".into();
    assert!(matches!(
        inventory::update(&db, &a, id, 2, &moved).await,
        Err(AppError::Validation(_))
    ));
    // Taking it off needs a reason; then it is gone from lists and the matrix, kept in the trail.
    assert!(matches!(
        inventory::withdraw(&db, &a, id, 2, " ").await,
        Err(AppError::Validation(_))
    ));
    inventory::withdraw(&db, &a, id, 2, "Resuelta")
        .await
        .expect("withdraw");
    assert!(inventory::get(&db, id).await.expect("get").is_none());
    let m = inventory::matrix(&db).await.expect("matrix");
    assert!(m.cell("HN", "documentation").is_none());
    assert_eq!(audit_count(&db, "inventory_entry", "update", id).await, 1);
    assert_eq!(audit_count(&db, "inventory_entry", "withdraw", id).await, 1);
});

store_test!(synthetic_practices_are_searchable_like_real_ones, |db| {
    let total = app::server::seed::synthetic::load_practices(&db, 500)
        .await
        .expect("load");
    assert_eq!(total, 500);
    let all = practices::search(&db, &PracticeQuery::default(), 1, 20)
        .await
        .expect("search");
    assert_eq!(all.total, 500);
    let by_country: u32 = all.facets.country.iter().map(|f| f.count).sum();
    let by_kind: u32 = all.facets.submitter.iter().map(|f| f.count).sum();
    assert_eq!(by_kind, 500);
    assert_eq!(by_country, 400, "one in five is a member's");
    // Accents and case ignored on synthetic text too.
    let plain = practices::search(
        &db,
        &PracticeQuery {
            q: "educacion".into(),
            ..Default::default()
        },
        1,
        20,
    )
    .await
    .expect("search");
    let accented = practices::search(
        &db,
        &PracticeQuery {
            q: "EDUCACIÓN".into(),
            ..Default::default()
        },
        1,
        20,
    )
    .await
    .expect("search");
    assert!(plain.total > 0);
    assert_eq!(plain.total, accented.total);
    assert!(plain
        .items
        .iter()
        .all(|p| p.title_es.contains("educación") || p.summary_es.contains("educación")));
});

store_test!(the_in_memory_index_answers_like_the_database, |db| {
    use app::server::store::practices::SearchCache;
    app::server::seed::synthetic::load_practices(&db, 700)
        .await
        .expect("load");
    let a = actor(&db).await;
    // A draft and a withdrawn-from-publication practice must stay out of both.
    add(
        &db,
        &a,
        &[(St::Draft, "Borrador educación", "GT", &["education"], 2024)],
    )
    .await;
    let cache = SearchCache::default();
    let queries = [
        PracticeQuery::default(),
        PracticeQuery {
            q: "educacion".into(),
            ..Default::default()
        },
        PracticeQuery {
            q: "NIÑEZ emple".into(),
            ..Default::default()
        },
        PracticeQuery {
            country: Some("GT".into()),
            ..Default::default()
        },
        PracticeQuery {
            theme: Some("health".into()),
            population: Some("refugees".into()),
            ..Default::default()
        },
        PracticeQuery {
            submitter: Some("member".into()),
            year: Some(2020),
            ..Default::default()
        },
        PracticeQuery {
            q: "salud".into(),
            country: Some("MX".into()),
            theme: Some("education".into()),
            ..Default::default()
        },
        PracticeQuery {
            country: Some("ZZ".into()),
            ..Default::default()
        },
        PracticeQuery {
            q: "palabrainexistente".into(),
            ..Default::default()
        },
    ];
    for q in &queries {
        for page in [1, 3] {
            let sql = practices::search(&db, q, page, 20).await.expect("sql");
            let mem = cache.search(&db, q, page, 20).await.expect("index");
            assert_eq!(mem.total, sql.total, "{q:?}");
            assert_eq!(
                mem.items.iter().map(|i| i.id).collect::<Vec<_>>(),
                sql.items.iter().map(|i| i.id).collect::<Vec<_>>(),
                "{q:?} page {page}"
            );
            assert_eq!(mem.items, sql.items, "{q:?}");
            assert_eq!(mem.facets, sql.facets, "{q:?}");
        }
    }
});
