//! The authorisation matrix: every mutating server function and API route, called by every kind
//! of caller, with the exact expected outcome. A server function that is neither listed as a
//! read nor given rows here fails `every_endpoint_is_classified`, so a new mutating endpoint
//! cannot slip in without deciding who may call it.

use crate::common::{enc, spawn, Client, TestApp, PASSWORD};
use app::model::Role;
use app::server::store::Engine;
use axum::{
    body::Body,
    http::{Method, Request, StatusCode},
};
use std::collections::BTreeSet;

/// Server functions that change nothing. They still authorise (tested in auth.rs).
const READS: &[&str] = &[
    "/rpc/headline_figures",
    "/rpc/country_profile",
    "/rpc/country_page",
    "/rpc/reference_data",
    "/rpc/countries",
    "/rpc/current_user",
    "/rpc/view_invitation",
    "/rpc/list_users",
    "/rpc/list_invitations",
    "/rpc/list_audit",
    "/rpc/dashboard",
    "/rpc/list_contributions",
    "/rpc/contribution",
    "/rpc/recordable_donors",
    "/rpc/contribution_form_options",
    "/rpc/practices",
    "/rpc/practice",
    "/rpc/practice_form",
    "/rpc/practice_queue",
    "/rpc/topic_suggestions",
    "/rpc/inventory_matrix",
    "/rpc/country_inventory",
    "/rpc/entry_form",
    "/rpc/plans",
    "/rpc/plan",
    "/rpc/plan_form",
    "/rpc/plan_line",
    "/rpc/offers",
    "/rpc/offer",
    "/rpc/offer_form",
    "/rpc/commitments",
    "/rpc/commitment",
    "/rpc/commitment_form",
    "/rpc/commitment_queue",
    "/rpc/events",
    "/rpc/events_month",
    "/rpc/event",
    "/rpc/event_form",
    "/rpc/event_participants",
];

/// Who calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Caller {
    Anonymous,
    /// Focal point of Guatemala.
    FocalGt,
    /// Focal point of Honduras (another country than the data below, where data has a country).
    FocalHn,
    /// Member for the European Union.
    MemberEu,
    /// Member for Spain (another organisation than the data below, where data has one).
    MemberEsp,
    Secretariat,
}

const CALLERS: [Caller; 6] = [
    Caller::Anonymous,
    Caller::FocalGt,
    Caller::FocalHn,
    Caller::MemberEu,
    Caller::MemberEsp,
    Caller::Secretariat,
];

struct Fixture {
    app: TestApp,
    clients: Vec<(Caller, Client)>,
    target_user: i64,
    /// A contribution whose donor is the EU (the MemberEu caller's organisation).
    eu_contribution: i64,
}

async fn fixture() -> Fixture {
    let app = spawn(Engine::Sqlite).await;
    app.create_user("sec@example.org", Role::Secretariat).await;
    app.create_user("fp-gt@example.org", Role::focal_point("GT"))
        .await;
    app.create_user("fp-hn@example.org", Role::focal_point("HN"))
        .await;
    app.create_user("m-eu@example.org", Role::member("EU"))
        .await;
    app.create_user("m-esp@example.org", Role::member("ESP"))
        .await;
    let target_user = app
        .create_user("target@example.org", Role::member("WB"))
        .await;
    let eu_contribution = app::server::store::contributions::list(
        &app.state.db,
        &app::model::ContributionFilter {
            donor: Some("EU".into()),
            ..Default::default()
        },
        1,
        1,
    )
    .await
    .expect("list")
    .0[0]
        .id;
    let mut clients = vec![(Caller::Anonymous, Client::from_ip("10.2.0.1"))];
    for (caller, email) in [
        (Caller::FocalGt, "fp-gt@example.org"),
        (Caller::FocalHn, "fp-hn@example.org"),
        (Caller::MemberEu, "m-eu@example.org"),
        (Caller::MemberEsp, "m-esp@example.org"),
        (Caller::Secretariat, "sec@example.org"),
    ] {
        clients.push((caller, app.signed_in(email).await));
    }
    Fixture {
        app,
        clients,
        target_user,
        eu_contribution,
    }
}

impl Fixture {
    async fn eu_version(&self) -> i64 {
        app::server::store::contributions::get(&self.app.state.db, self.eu_contribution, true)
            .await
            .expect("get")
            .expect("exists")
            .version
    }

    fn client(&mut self, caller: Caller) -> Client {
        self.clients
            .iter()
            .find(|(c, _)| *c == caller)
            .map(|(_, c)| c.clone())
            .expect("client")
    }

    async fn pending_invitation_id(&mut self) -> i64 {
        let mut sec = self.client(Caller::Secretariat);
        let n = rand_suffix();
        let r = self
            .app
            .rpc(
                &mut sec,
                "invite_user",
                &format!("email=inv{n}%40example.org&role=secretariat&lang=es"),
            )
            .await;
        r.json()["invitation"]["id"]
            .as_i64()
            .expect("invitation id")
    }
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

/// One endpoint's rows: the body to send (built per call) and the expected status per caller.
struct Row {
    path: &'static str,
    expect: fn(Caller) -> StatusCode,
}

fn secretariat_only(c: Caller) -> StatusCode {
    match c {
        Caller::Anonymous => StatusCode::UNAUTHORIZED,
        Caller::Secretariat => StatusCode::OK,
        _ => StatusCode::FORBIDDEN,
    }
}

const MATRIX: &[Row] = &[
    // Anyone may try to sign in; a wrong password is a field error for everyone.
    Row {
        path: "/rpc/login",
        expect: |_| StatusCode::BAD_REQUEST,
    },
    // Signing out is harmless for anyone.
    Row {
        path: "/rpc/logout",
        expect: |_| StatusCode::OK,
    },
    // Every signed-in account may change its own password (the wrong current password is sent).
    Row {
        path: "/rpc/change_password",
        expect: |c| {
            if c == Caller::Anonymous {
                StatusCode::UNAUTHORIZED
            } else {
                StatusCode::BAD_REQUEST
            }
        },
    },
    Row {
        path: "/rpc/invite_user",
        expect: secretariat_only,
    },
    Row {
        path: "/rpc/revoke_invitation",
        expect: secretariat_only,
    },
    Row {
        path: "/rpc/update_user_role",
        expect: secretariat_only,
    },
    Row {
        path: "/rpc/set_user_active",
        expect: secretariat_only,
    },
    // Accepting needs a valid token, not an account; an unknown token is not found for anyone.
    Row {
        path: "/rpc/accept_invitation",
        expect: |_| StatusCode::NOT_FOUND,
    },
    // Contributions of the EU: its member and the secretariat; nobody else, whatever their role.
    Row {
        path: "/rpc/create_contribution",
        expect: eu_member_or_secretariat,
    },
    Row {
        path: "/rpc/add_contribution_step",
        expect: eu_member_or_secretariat,
    },
    Row {
        path: "/rpc/update_contribution",
        expect: eu_member_or_secretariat,
    },
    // Before the withdrawal below: a withdrawn contribution serves no line.
    Row {
        path: "/rpc/link_contribution_line",
        expect: eu_member_or_secretariat,
    },
    Row {
        path: "/rpc/unlink_contribution_line",
        expect: eu_member_or_secretariat,
    },
    Row {
        path: "/rpc/set_contribution_withdrawn",
        expect: eu_member_or_secretariat,
    },
    // Import jobs: members and the secretariat may ask, and a job that is not theirs (here one
    // that does not exist) is not found; focal points may not import at all.
    Row {
        path: "/rpc/import_status",
        expect: importer_not_found,
    },
    Row {
        path: "/rpc/commit_import",
        expect: importer_not_found,
    },
    Row {
        path: "/rpc/discard_import",
        expect: importer_not_found,
    },
    // Practices of Guatemala: written and submitted by its focal points and the secretariat;
    // reviewed (here: published) by the secretariat only. `#...` tells rows of one path apart.
    Row {
        path: "/rpc/save_practice",
        expect: gt_focal_or_secretariat,
    },
    Row {
        path: "/rpc/move_practice#submit",
        expect: gt_focal_or_secretariat,
    },
    Row {
        path: "/rpc/move_practice#publish",
        expect: secretariat_only,
    },
    Row {
        path: "/rpc/move_practice#start_review",
        expect: secretariat_only,
    },
    Row {
        path: "/rpc/move_practice#return",
        expect: secretariat_only,
    },
    Row {
        path: "/rpc/move_practice#unpublish",
        expect: secretariat_only,
    },
    // Guatemala's commitments: its focal points write and submit them and announce them once
    // pre-articulated; the secretariat any. Others cannot see a draft (404); a commitment that
    // names none of the caller's makers is a field error (400). Review moves: the secretariat.
    Row {
        path: "/rpc/save_commitment",
        expect: |c| match c {
            Caller::Anonymous => StatusCode::UNAUTHORIZED,
            Caller::FocalGt | Caller::Secretariat => StatusCode::OK,
            _ => StatusCode::BAD_REQUEST,
        },
    },
    Row {
        path: "/rpc/move_commitment#submit",
        expect: gt_focal_secretariat_or_unseen,
    },
    Row {
        path: "/rpc/move_commitment#announce",
        expect: gt_focal_secretariat_or_unseen,
    },
    Row {
        path: "/rpc/move_commitment#return",
        expect: secretariat_only,
    },
    Row {
        path: "/rpc/move_commitment#pre_articulate",
        expect: secretariat_only,
    },
    Row {
        path: "/rpc/report_commitment_progress",
        expect: gt_focal_or_secretariat,
    },
    // Guatemala's inventory: its focal points and the secretariat.
    Row {
        path: "/rpc/save_inventory_entry",
        expect: gt_focal_or_secretariat,
    },
    Row {
        path: "/rpc/withdraw_inventory_entry",
        expect: gt_focal_or_secretariat,
    },
    // Guatemala's National Action Plan: its focal points and the secretariat.
    Row {
        path: "/rpc/save_plan_line",
        expect: gt_focal_or_secretariat,
    },
    Row {
        path: "/rpc/set_plan_requirement",
        expect: gt_focal_or_secretariat,
    },
    Row {
        path: "/rpc/set_plan_line_status",
        expect: gt_focal_or_secretariat,
    },
    Row {
        path: "/rpc/withdraw_plan_line",
        expect: gt_focal_or_secretariat,
    },
    // Offers: the offering organisation's members and the secretariat record and withdraw them
    // and answer proposals (a member may not accept another member's offer); the focal points of
    // the line's country and the secretariat propose.
    Row {
        path: "/rpc/save_offer",
        expect: eu_member_or_secretariat,
    },
    Row {
        path: "/rpc/withdraw_offer",
        expect: eu_member_or_secretariat,
    },
    Row {
        path: "/rpc/propose_offer",
        expect: gt_focal_or_secretariat,
    },
    Row {
        path: "/rpc/answer_offer_match",
        expect: eu_member_or_secretariat,
    },
    // Events: the chair and secretariat plan them and keep their lists and outcomes.
    Row {
        path: "/rpc/save_event",
        expect: secretariat_only,
    },
    Row {
        path: "/rpc/moderate_registration",
        expect: secretariat_only,
    },
    Row {
        path: "/rpc/add_event_guest",
        expect: secretariat_only,
    },
    Row {
        path: "/rpc/save_event_outcomes",
        expect: secretariat_only,
    },
    Row {
        path: "/rpc/add_policy_change",
        expect: secretariat_only,
    },
    Row {
        path: "/rpc/withdraw_policy_change",
        expect: secretariat_only,
    },
    // Every account registers itself and keeps its own calendar.
    Row {
        path: "/rpc/register_for_event",
        expect: any_account,
    },
    Row {
        path: "/rpc/my_events",
        expect: any_account,
    },
    Row {
        path: "/rpc/reset_calendar_feed",
        expect: any_account,
    },
    // A registration is withdrawn by its holder (the GT focal point) or the organisers; for
    // anyone else it does not exist.
    Row {
        path: "/rpc/withdraw_registration",
        expect: |c| match c {
            Caller::Anonymous => StatusCode::UNAUTHORIZED,
            Caller::FocalGt | Caller::Secretariat => StatusCode::OK,
            _ => StatusCode::NOT_FOUND,
        },
    },
];

fn any_account(c: Caller) -> StatusCode {
    if c == Caller::Anonymous {
        StatusCode::UNAUTHORIZED
    } else {
        StatusCode::OK
    }
}

/// An event open for registration, checked like the form's and written straight to the store.
async fn open_event(f: &Fixture, moderated: bool) -> i64 {
    use app::server::store::events;
    let tz = events::zone("America/Panama");
    let start = chrono::Utc::now() + chrono::Duration::days(400 + rand_suffix() as i64);
    let wall = |at| events::local(at, tz).format("%Y-%m-%dT%H:%M").to_string();
    let input = app::model::EventInput {
        kind: "learning_workshop".into(),
        status: "confirmed".into(),
        mode: "virtual".into(),
        title_es: format!("Evento {}", rand_suffix()),
        timezone: "America/Panama".into(),
        starts_local: wall(start),
        ends_local: wall(start + chrono::Duration::hours(2)),
        registration: "on".into(),
        moderated: if moderated {
            "on".into()
        } else {
            String::new()
        },
        ..Default::default()
    };
    let e = events::NewEvent::from_input(&input, &app::server::testing::vocabulary())
        .expect("a valid event");
    events::create(&f.app.state.db, None, &e)
        .await
        .expect("event")
}

async fn user_id(f: &Fixture, email: &str) -> i64 {
    app::server::store::accounts::find_by_email(&f.app.state.db, email)
        .await
        .expect("find")
        .expect("exists")
        .id
}

/// A registration of `email` for a fresh event (pending when `moderated`).
async fn registration(f: &Fixture, email: &str, moderated: bool) -> i64 {
    use app::server::store::events::{self, Registrant};
    let event = open_event(f, moderated).await;
    let uid = user_id(f, email).await;
    events::register(
        &f.app.state.db,
        event,
        &Registrant::User(uid),
        None,
        false,
        chrono::Utc::now(),
    )
    .await
    .expect("register");
    events::registration_of(&f.app.state.db, event, uid)
        .await
        .expect("registration")
        .expect("exists")
        .0
}

fn gt_focal_or_secretariat(c: Caller) -> StatusCode {
    match c {
        Caller::Anonymous => StatusCode::UNAUTHORIZED,
        Caller::FocalGt | Caller::Secretariat => StatusCode::OK,
        _ => StatusCode::FORBIDDEN,
    }
}

/// Guatemala's focal points and the secretariat; others do not see what is not public.
fn gt_focal_secretariat_or_unseen(c: Caller) -> StatusCode {
    match c {
        Caller::Anonymous => StatusCode::UNAUTHORIZED,
        Caller::FocalGt | Caller::Secretariat => StatusCode::OK,
        _ => StatusCode::NOT_FOUND,
    }
}

/// A commitment Guatemala makes, at `review`, written straight to the store.
async fn gt_commitment(f: &Fixture, review: app::model::CommitmentReview) -> i64 {
    use app::server::testing::{ticks, vocabulary};
    let input = app::model::CommitmentInput {
        kind: "political".into(),
        title_es: format!("Compromiso {}", rand_suffix()),
        makers: ticks(&["country:GT"]),
        stage: "planning".into(),
        ..Default::default()
    };
    let c = app::server::validate::commitments::NewCommitment::from_input(&input, &vocabulary())
        .expect("a valid commitment");
    app::server::store::commitments::create(&f.app.state.db, None, &c, review, None)
        .await
        .expect("commitment")
}

/// A Guatemalan practice in `status`, written straight to the store.
async fn gt_practice(f: &Fixture, status: app::model::PracticeStatus) -> i64 {
    use app::server::testing::{ticks, vocabulary};
    let input = app::model::PracticeInput {
        submitter: "country:GT".into(),
        title_es: format!("Práctica {}", rand_suffix()),
        year: "2024".into(),
        themes: ticks(&["education"]),
        ..Default::default()
    };
    let p = app::server::store::practices::NewPractice::from_input(&input, &vocabulary(), &[])
        .expect("a valid practice");
    app::server::store::practices::create(&f.app.state.db, None, &p, status)
        .await
        .expect("practice")
}

/// A Guatemalan inventory entry, written straight to the store.
async fn gt_entry(f: &Fixture) -> (i64, i64) {
    let input = app::model::EntryInput {
        country: "GT".into(),
        entry_type: "service".into(),
        theme: "education".into(),
        title_es: format!("Servicio {}", rand_suffix()),
        status: "active".into(),
        ..Default::default()
    };
    let e = app::server::store::inventory::NewEntry::from_input(
        &input,
        &app::server::testing::vocabulary(),
    )
    .expect("a valid entry");
    let id = app::server::store::inventory::create(&f.app.state.db, None, &e)
        .await
        .expect("entry");
    (id, 1)
}

/// A fresh line (version 1) of Guatemala's plan, written straight to the store.
async fn gt_line(f: &Fixture) -> i64 {
    line_in(f, "GT").await
}

/// A fresh line in the plan of the EU contribution's country (Guatemala's if it is regional).
async fn line_for_eu_contribution(f: &Fixture) -> i64 {
    let c = app::server::store::contributions::get(&f.app.state.db, f.eu_contribution, true)
        .await
        .expect("get")
        .expect("exists");
    line_in(f, c.summary.recipient_iso2.as_deref().unwrap_or("GT")).await
}

/// A fresh line (version 1) of `country`'s plan, written straight to the store.
async fn line_in(f: &Fixture, country: &str) -> i64 {
    let input = app::model::LineInput {
        country: country.into(),
        code: format!("{country}-F-{}", rand_suffix()),
        title_es: "Línea".into(),
        pillar: "1".into(),
        priority: "1".into(),
        status: "not_started".into(),
        ..Default::default()
    };
    let l = app::server::store::plans::NewLine::from_input(
        &input,
        &app::server::testing::vocabulary(),
        &[],
    )
    .expect("a valid line");
    app::server::store::plans::create_line(&f.app.state.db, None, &l)
        .await
        .expect("line")
}

/// A fresh open offer of the EU for Guatemala (pillar 1, USD 1,000), written straight to the
/// store.
async fn eu_offer(f: &Fixture) -> i64 {
    use app::server::testing::{ticks, vocabulary};
    let today = chrono::Utc::now().date_naive();
    let input = app::model::OfferInput {
        offeror: "EU".into(),
        kind: "financial".into(),
        title_es: format!("Oferta {}", rand_suffix()),
        countries: ticks(&["GT"]),
        pillars: ticks(&["1"]),
        currency: "USD".into(),
        amount: "1000".into(),
        available_until: (today + chrono::Duration::days(100)).to_string(),
        ..Default::default()
    };
    let o = app::server::validate::offers::NewOffer::from_input(&input, &vocabulary(), today)
        .expect("a valid offer");
    app::server::store::offers::create_offer(&f.app.state.db, None, &o)
        .await
        .expect("offer")
}

/// A fresh proposal (version 1) of a fresh EU offer for a fresh Guatemalan line.
async fn eu_proposal(f: &Fixture) -> i64 {
    use app::server::store::offers;
    let line = gt_line(f).await;
    let offer_id = eu_offer(f).await;
    let (offer, _) = offers::offer(&f.app.state.db, offer_id)
        .await
        .expect("read")
        .expect("offer");
    let p = app::server::validate::offers::NewProposal::from_input(
        &app::model::ProposalInput {
            offer_id,
            line_id: line,
            amount: "500".into(),
            note: String::new(),
        },
        &offer,
    )
    .expect("a valid proposal");
    let today = chrono::Utc::now().date_naive();
    offers::propose(
        &f.app.state.db,
        None,
        &p,
        50,
        today,
        today + chrono::Duration::days(100),
    )
    .await
    .expect("proposal")
}

fn importer_not_found(c: Caller) -> StatusCode {
    match c {
        Caller::Anonymous => StatusCode::UNAUTHORIZED,
        Caller::FocalGt | Caller::FocalHn => StatusCode::FORBIDDEN,
        _ => StatusCode::NOT_FOUND,
    }
}

fn eu_member_or_secretariat(c: Caller) -> StatusCode {
    match c {
        Caller::Anonymous => StatusCode::UNAUTHORIZED,
        Caller::MemberEu | Caller::Secretariat => StatusCode::OK,
        _ => StatusCode::FORBIDDEN,
    }
}

async fn body_for(f: &mut Fixture, path: &str) -> String {
    match path {
        // A different unknown account each time, so the row does not trip the rate limit.
        "/rpc/login" => format!("email=nobody{}%40example.org&password=definitely-wrong-pw&lang=es", rand_suffix()),
        "/rpc/logout" => "lang=es".into(),
        "/rpc/change_password" => "current_password=definitely-wrong-pw&new_password=a+new+long+passphrase&confirm_password=a+new+long+passphrase".into(),
        "/rpc/invite_user" => format!("email=new{}%40example.org&role=focal_point&country=GT&lang=es", rand_suffix()),
        "/rpc/revoke_invitation" => format!("id={}", f.pending_invitation_id().await),
        "/rpc/update_user_role" => format!("id={}&role=member&organisation=EU", f.target_user),
        "/rpc/set_user_active" => format!("id={}&active=false", f.target_user),
        "/rpc/accept_invitation" => format!(
            "token=not-a-real-token&display_name=X&password={p}&confirm_password={p}&lang=es",
            p = enc(PASSWORD)
        ),
        "/rpc/create_contribution" => "input[donor]=EU&input[recipient]=GT&input[kind]=financial&input[title_en]=Matrix&input[currency]=USD&input[stage]=pledge&input[date]=2024-01-10&input[amount]=1000&lang=en".into(),
        "/rpc/add_contribution_step" => format!(
            "id={}&version={}&step[stage]=disbursement&step[date]=2024-03-01&step[amount]=10&step[fx_rate]=1.1",
            f.eu_contribution,
            f.eu_version().await
        ),
        "/rpc/update_contribution" => format!(
            "id={}&version={}&input[donor]=EU&input[recipient]=regional&input[kind]=financial&input[pillar]=2&input[title_en]=Updated+in+the+matrix&lang=en",
            f.eu_contribution,
            f.eu_version().await
        ),
        "/rpc/set_contribution_withdrawn" => format!("id={}&withdrawn=true&reason=matrix", f.eu_contribution),
        // A fresh line each time, at 10%: the allowed callers' links add up to 20%.
        "/rpc/link_contribution_line" => format!(
            "id={}&line={}&share=10&lang=es",
            f.eu_contribution,
            line_for_eu_contribution(f).await
        ),
        "/rpc/unlink_contribution_line" => format!(
            "id={}&line={}&lang=es",
            f.eu_contribution,
            line_for_eu_contribution(f).await
        ),
        "/rpc/import_status" | "/rpc/commit_import" | "/rpc/discard_import" => {
            "id=not-a-job".into()
        }
        "/rpc/save_practice" => "input[submitter]=country%3AGT&input[title_es]=Matriz&input[year]=2024&input[themes][education]=on&lang=es".into(),
        "/rpc/move_practice#submit" => format!(
            "id={}&transition=submit&comment=&lang=es",
            gt_practice(f, app::model::PracticeStatus::Draft).await
        ),
        "/rpc/move_practice#publish" => format!(
            "id={}&transition=publish&comment=&lang=es",
            gt_practice(f, app::model::PracticeStatus::Submitted).await
        ),
        "/rpc/move_practice#start_review" => format!(
            "id={}&transition=start_review&comment=&lang=es",
            gt_practice(f, app::model::PracticeStatus::Submitted).await
        ),
        "/rpc/move_practice#return" => format!(
            "id={}&transition=return&comment=Faltan+resultados&lang=es",
            gt_practice(f, app::model::PracticeStatus::Submitted).await
        ),
        "/rpc/move_practice#unpublish" => format!(
            "id={}&transition=unpublish&comment=Datos+desactualizados&lang=es",
            gt_practice(f, app::model::PracticeStatus::Published).await
        ),
        "/rpc/save_event" => "input[kind]=learning_workshop&input[status]=planned&input[title_es]=Matriz&input[starts_local]=2033-01-10T09%3A00&input[ends_local]=2033-01-10T11%3A00&input[timezone]=America%2FPanama&input[mode]=virtual&input[accept_clashes]=on&lang=es".into(),
        "/rpc/register_for_event" => format!("id={}", open_event(f, false).await),
        "/rpc/withdraw_registration" => format!(
            "registration_id={}",
            registration(f, "fp-gt@example.org", false).await
        ),
        "/rpc/moderate_registration" => format!(
            "registration_id={}&approve=true",
            registration(f, "fp-hn@example.org", true).await
        ),
        "/rpc/add_event_guest" => format!(
            "event_id={}&guest_name=Guest&guest_email=g{}%40example.org&guest_affiliation=",
            open_event(f, false).await,
            rand_suffix()
        ),
        "/rpc/my_events" | "/rpc/reset_calendar_feed" => String::new(),
        "/rpc/save_event_outcomes" => format!(
            "event_id={}&learned_es=Aprendido&learned_en=",
            open_event(f, false).await
        ),
        "/rpc/add_policy_change" => format!(
            "event_id={}&country=GT&change_es=Cambio&change_en=",
            open_event(f, false).await
        ),
        "/rpc/withdraw_policy_change" => {
            let event = open_event(f, false).await;
            let sec = app::server::store::accounts::find_by_email(&f.app.state.db, "sec@example.org")
                .await
                .expect("find")
                .expect("exists")
                .actor();
            let id = app::server::store::events::add_policy_change(
                &f.app.state.db, &sec, event, "GT", "Cambio", "",
            )
            .await
            .expect("change");
            format!("id={id}")
        }
        "/rpc/save_inventory_entry" => "input[country]=GT&input[entry_type]=gap&input[theme]=health&input[title_es]=Brecha&input[status]=active&input[severity]=high&input[priority]=1&lang=es".into(),
        "/rpc/withdraw_inventory_entry" => {
            let (id, version) = gt_entry(f).await;
            format!("id={id}&version={version}&reason=matriz&lang=es")
        }
        "/rpc/save_plan_line" => format!(
            "input[country]=GT&input[code]=GT-M-{}&input[title_es]=Linea&input[pillar]=1&input[priority]=1&input[status]=not_started&lang=es",
            rand_suffix()
        ),
        "/rpc/set_plan_requirement" => {
            let id = gt_line(f).await;
            format!("input[line_id]={id}&input[year]=2025&input[currency]=USD&input[amount]=1000&lang=es")
        }
        "/rpc/set_plan_line_status" => {
            let id = gt_line(f).await;
            format!("input[line_id]={id}&input[version]=1&input[status]=stalled&input[note_es]=nota&lang=es")
        }
        "/rpc/withdraw_plan_line" => {
            let id = gt_line(f).await;
            format!("id={id}&version=1&reason=matriz&lang=es")
        }
        "/rpc/save_offer" => "input[offeror]=EU&input[kind]=financial&input[title_es]=Matriz&input[countries][GT]=on&input[themes][education]=on&input[currency]=USD&input[amount]=1000&input[available_until]=2099-12-31&lang=es".into(),
        "/rpc/withdraw_offer" => format!("id={}&version=1&reason=matriz&lang=es", eu_offer(f).await),
        "/rpc/propose_offer" => {
            let line = gt_line(f).await;
            let offer = eu_offer(f).await;
            format!("input[offer_id]={offer}&input[line_id]={line}&input[amount]=100&lang=es")
        }
        "/rpc/answer_offer_match" => format!(
            "input[match_id]={}&input[version]=1&input[answer]=accept&lang=es",
            eu_proposal(f).await
        ),
        "/rpc/save_commitment" => "input[kind]=political&input[title_es]=Matriz&input[makers][country%3AGT]=on&input[stage]=planning&lang=es".into(),
        "/rpc/move_commitment#submit" => format!(
            "id={}&transition=submit&lang=es",
            gt_commitment(f, app::model::CommitmentReview::Draft).await
        ),
        "/rpc/move_commitment#announce" => format!(
            "id={}&transition=announce&lang=es",
            gt_commitment(f, app::model::CommitmentReview::PreArticulated).await
        ),
        "/rpc/move_commitment#return" => format!(
            "id={}&transition=return&comment=Falta+la+meta&lang=es",
            gt_commitment(f, app::model::CommitmentReview::Submitted).await
        ),
        "/rpc/move_commitment#pre_articulate" => format!(
            "id={}&transition=pre_articulate&lang=es",
            gt_commitment(f, app::model::CommitmentReview::Submitted).await
        ),
        "/rpc/report_commitment_progress" => format!(
            "id={}&input[reported_on]=2024-05&input[text_es]=Avance&lang=es",
            gt_commitment(f, app::model::CommitmentReview::Announced).await
        ),
        other => panic!("no body for {other}: add one with its matrix row"),
    }
}

#[tokio::test]
async fn every_endpoint_is_classified() {
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect();
    let known: BTreeSet<String> = READS
        .iter()
        .chain(MATRIX.iter().map(|r| &r.path))
        .map(|p| p.split('#').next().unwrap_or(p).to_string())
        .collect();
    let unclassified: Vec<_> = registered.difference(&known).collect();
    assert!(
        unclassified.is_empty(),
        "server functions without a matrix row or a place in READS: {unclassified:?}"
    );
    let stale: Vec<_> = known.difference(&registered).collect();
    assert!(
        stale.is_empty(),
        "matrix names endpoints that do not exist: {stale:?}"
    );
}

#[tokio::test]
async fn the_matrix_holds() {
    let mut f = fixture().await;
    let mut failures = Vec::new();
    for row in MATRIX {
        // The secretariat goes last so that allowed changes do not hide refused ones.
        for caller in CALLERS {
            let body = body_for(&mut f, row.path).await;
            let mut client = f.client(caller);
            let name = row.path.trim_start_matches("/rpc/");
            let name = name.split('#').next().unwrap_or(name);
            let reply = f.app.rpc(&mut client, name, &body).await;
            let expected = (row.expect)(caller);
            if reply.status != expected {
                failures.push(format!(
                    "{} as {caller:?}: expected {expected}, got {} ({})",
                    row.path, reply.status, reply.body
                ));
            }
            // Keep sessions alive across logout rows.
            if row.path == "/rpc/logout" && caller != Caller::Anonymous {
                let email = match caller {
                    Caller::FocalGt => "fp-gt@example.org",
                    Caller::FocalHn => "fp-hn@example.org",
                    Caller::MemberEu => "m-eu@example.org",
                    Caller::MemberEsp => "m-esp@example.org",
                    _ => "sec@example.org",
                };
                let fresh = f.app.signed_in(email).await;
                if let Some(slot) = f.clients.iter_mut().find(|(c, _)| *c == caller) {
                    slot.1 = fresh;
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "authorisation matrix mismatches:\n{}",
        failures.join("\n")
    );

    // Refused calls changed nothing: the target account is still active and still a WB member
    // until the secretariat's own calls, which the trail attributes to it.
    let mut sec = f.client(Caller::Secretariat);
    let r = f
        .app
        .rpc(
            &mut sec,
            "list_audit",
            &format!(
                "filter[entity]=user&filter[entity_id]={}&page=1",
                f.target_user
            ),
        )
        .await;
    let actors: Vec<String> = r.json()["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter(|e| e["action"] != "create")
        .map(|e| e["actor_email"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        actors,
        ["sec@example.org", "sec@example.org"],
        "only the secretariat changed the account"
    );
    f.app.finish().await;
}

crate::common::http_test!(the_public_api_has_no_unlisted_writes, |engine| {
    let app = spawn(engine).await;
    let doc = server::open_data::ApiDoc::openapi_json();
    let paths: Vec<String> = doc["paths"]
        .as_object()
        .expect("paths")
        .keys()
        .cloned()
        .collect();
    assert!(!paths.is_empty());
    for path in paths {
        let concrete = path.replace("{id}", "1");
        for method in [Method::POST, Method::PUT, Method::PATCH, Method::DELETE] {
            let req = Request::builder()
                .method(method.clone())
                .uri(&concrete)
                .body(Body::empty())
                .expect("req");
            let (res, _) = app.request(req).await;
            assert_eq!(
                res.status(),
                StatusCode::METHOD_NOT_ALLOWED,
                "{method} {concrete} is accepted: give it a matrix row and an authorisation check"
            );
        }
    }
    app.finish().await;
});
