//! Demo data for local integration: two real good practices from the public record (Costa
//! Rica's socio-economic inclusion programme; Mexico's relocation-for-integration programme) and,
//! flagged as examples, a practice and an inventory (services, a programme, gaps) per country.
//! Written once: nothing is added when practices other than the real records already exist.

use crate::model::{EntryInput, EntryType, PracticeInput, PracticeStatus, Severity};
use crate::on_db;
use crate::server::store::{inventory, practices, vocabulary::Vocabulary, Db};
use crate::server::validate::{inventory::NewEntry, practices::NewPractice};
use std::collections::BTreeMap;

/// A ticked checkbox group, as the forms send it.
fn ticks(v: &[&str]) -> BTreeMap<String, String> {
    v.iter()
        .map(|s| (s.to_string(), "on".to_string()))
        .collect()
}

/// The real ones (sources: the public facts collected for the platform).
fn real_practices() -> Vec<PracticeInput> {
    vec![
        PracticeInput {
            submitter: "country:CR".into(),
            title_es: "Programa de inclusión socioeconómica en la zona norte".into(),
            title_en: "Socio-economic inclusion programme in the northern border area".into(),
            summary_es: "Fundación Mujer y Ayuda en Acción, con financiamiento de la Unión Europea, \
                acompañaron a más de 21.000 personas refugiadas, solicitantes de asilo y de las \
                comunidades de acogida hacia el empleo y el emprendimiento, al menos un 51 % mujeres."
                .into(),
            summary_en: "Fundación Mujer and Ayuda en Acción, funded by the European Union, helped \
                more than 21,000 refugees, asylum-seekers and host-community members into jobs and \
                small businesses, at least 51% of them women."
                .into(),
            body_es: "Cantones de Upala, Los Chiles y La Cruz, de febrero de 2022 a enero de 2025."
                .into(),
            body_en: "Cantons of Upala, Los Chiles and La Cruz, February 2022 to January 2025."
                .into(),
            results_es: "Más de 21.000 personas participantes; al menos 51 % mujeres.".into(),
            results_en: "More than 21,000 participants; at least 51% women.".into(),
            year: "2022".into(),
            themes: ticks(&["employment", "social_cohesion"]),
            populations: ticks(&["refugees", "asylum_seekers", "host_communities", "women_girls"]),
            ..Default::default()
        },
        PracticeInput {
            submitter: "country:MX".into(),
            title_es: "Programa de reubicación para la integración local".into(),
            title_en: "Relocation programme for local integration".into(),
            summary_es: "Personas refugiadas se trasladan desde el sur del país a ciudades con \
                empleo formal, escuelas y servicios; en junio de 2021 el programa superó las 10.000 \
                personas."
                .into(),
            summary_en: "Refugees move from the south of the country to cities with formal jobs, \
                schools and services; in June 2021 the programme passed 10,000 people."
                .into(),
            results_es: "Más de 10.000 personas reubicadas (junio de 2021).".into(),
            results_en: "More than 10,000 people relocated (June 2021).".into(),
            year: "2021".into(),
            themes: ticks(&["employment", "housing", "local_governance"]),
            populations: ticks(&["refugees", "host_communities"]),
            ..Default::default()
        },
    ]
}

/// (country, Spanish title, English title, themes, populations, year).
type ExamplePractice = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    i32,
);

/// The Markdown description of an example practice (illustrative text, not a record).
fn example_body(country: &str) -> (&'static str, &'static str) {
    match country {
        "BZ" => (
            "## Qué se hace\n\nUna sola ventanilla recibe la solicitud de asilo y entrega la \
             **documentación** provisional el mismo día.\n\n- Atención en inglés y español\n- Citas por teléfono",
            "## What is done\n\nOne desk takes the asylum claim and hands over provisional \
             **documentation** the same day.\n\n- Service in English and Spanish\n- Appointments by phone",
        ),
        "CR" => (
            "## Qué se hace\n\nBecas de **educación** técnica y acompañamiento hasta el primer empleo \
             para jóvenes refugiados.",
            "## What is done\n\nTechnical **education** grants and support until the first job for \
             young refugees.",
        ),
        "GT" => (
            "## Qué se hace\n\nCasas de acogida con atención para **niños, niñas y adolescentes** no \
             acompañados, mientras se busca a su familia.",
            "## What is done\n\nShelters with care for unaccompanied **children and adolescents** while \
             their family is traced.",
        ),
        "MX" => (
            "## Qué se hace\n\nLas escuelas inscriben a niñas y niños aunque no tengan papeles; la \
             **educación** no espera al trámite.",
            "## What is done\n\nSchools enrol girls and boys even without papers; **education** does \
             not wait for the paperwork.",
        ),
        "PA" => (
            "## Qué se hace\n\nFerias de empleo con empresas que se comprometen a contratar personas \
             refugiadas.",
            "## What is done\n\nJob fairs with companies that commit to hiring refugees.",
        ),
        "SV" => (
            "## Qué se hace\n\nEquipos móviles de atención psicosocial en los municipios de acogida.",
            "## What is done\n\nMobile psychosocial care teams in host municipalities.",
        ),
        _ => (
            "## Qué se hace\n\nMesas municipales que coordinan la respuesta de protección.",
            "## What is done\n\nMunicipal tables that coordinate the protection response.",
        ),
    }
}

/// Flagged as examples.
const EXAMPLE_PRACTICES: [ExamplePractice; 7] = [
    (
        "BZ",
        "Ventanilla única de documentación",
        "One-stop documentation desk",
        &["documentation", "asylum"],
        &["asylum_seekers", "refugees"],
        2023,
    ),
    (
        "CR",
        "Becas técnicas para jóvenes refugiados",
        "Technical scholarships for young refugees",
        &["education", "employment"],
        &["refugees", "children"],
        2024,
    ),
    (
        "SV",
        "Atención psicosocial a personas desplazadas internas",
        "Psychosocial care for internally displaced people",
        &["health", "child_protection"],
        &["idps", "children"],
        2023,
    ),
    (
        "GT",
        "Casas de acogida para niñez no acompañada",
        "Shelters for unaccompanied children",
        &["child_protection", "housing"],
        &["children", "returnees"],
        2022,
    ),
    (
        "HN",
        "Mesas municipales de protección",
        "Municipal protection tables",
        &["local_governance", "social_cohesion"],
        &["idps", "host_communities"],
        2024,
    ),
    (
        "MX",
        "Inscripción escolar sin documentos",
        "School enrolment without papers",
        &["education", "documentation"],
        &["children", "asylum_seekers"],
        2023,
    ),
    (
        "PA",
        "Ferias de empleo con el sector privado",
        "Job fairs with the private sector",
        &["employment"],
        &["refugees", "women_girls"],
        2025,
    ),
];

/// Per country: the themes of two services, a programme and two gaps (with severity), flagged as
/// examples.
fn example_inventory(country: &str, i: usize) -> Vec<EntryInput> {
    use super::reference::THEMES;
    use crate::i18n::Lang;
    let theme = |k: usize| THEMES[(i * 3 + k) % THEMES.len()];
    let entry = |kind: EntryType, k: usize, severity: Option<Severity>| EntryInput {
        country: country.into(),
        entry_type: kind.code().into(),
        theme: theme(k).0.to_string(),
        title_es: format!(
            "{}: {} (ejemplo)",
            kind.name(Lang::Es),
            theme(k).1.to_lowercase()
        ),
        title_en: format!(
            "{}: {} (example)",
            kind.name(Lang::En),
            theme(k).2.to_lowercase()
        ),
        status: "active".into(),
        severity: severity.map(|s| s.code()).unwrap_or_default().into(),
        priority: severity
            .map(|s| if s >= Severity::High { "1" } else { "2" })
            .unwrap_or_default()
            .into(),
        populations: ticks(&["refugees", "host_communities"]),
        ..Default::default()
    };
    vec![
        entry(EntryType::Service, 0, None),
        entry(EntryType::Service, 1, None),
        entry(EntryType::Programme, 2, None),
        entry(
            EntryType::Gap,
            3,
            Some(if i.is_multiple_of(2) {
                Severity::High
            } else {
                Severity::Critical
            }),
        ),
        entry(EntryType::Gap, 2, Some(Severity::Medium)),
    ]
}

pub async fn apply(db: &Db) -> anyhow::Result<()> {
    // The real records may already be there: the demo is written once, into a repository that
    // holds nothing but them.
    let existing: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM practices WHERE seed_key IS NULL").fetch_one(pool).await)?;
    if existing > 0 {
        return Ok(());
    }
    let fail = |e: crate::error::AppError| anyhow::anyhow!("local integration demo: {e:?}");
    let vocabulary = Vocabulary::load(db).await?;
    let practice = |input: &PracticeInput, example: bool| {
        NewPractice::from_input(input, &vocabulary, &[]).map(|mut p| {
            p.is_example = example;
            p
        })
    };
    for input in real_practices() {
        let p = practice(&input, false).map_err(fail)?;
        practices::create(db, None, &p, PracticeStatus::Published)
            .await
            .map_err(fail)?;
    }
    for (country, es, en, themes, pops, year) in EXAMPLE_PRACTICES {
        let input = PracticeInput {
            submitter: format!("country:{country}"),
            title_es: es.into(),
            title_en: en.into(),
            summary_es: format!("Ejemplo ilustrativo: {es}."),
            summary_en: format!("Illustrative example: {en}."),
            body_es: example_body(country).0.into(),
            body_en: example_body(country).1.into(),
            year: year.to_string(),
            themes: ticks(themes),
            populations: ticks(pops),
            ..Default::default()
        };
        let p = practice(&input, true).map_err(fail)?;
        practices::create(db, None, &p, PracticeStatus::Published)
            .await
            .map_err(fail)?;
    }
    for (i, c) in ["BZ", "CR", "SV", "GT", "HN", "MX", "PA"]
        .iter()
        .enumerate()
    {
        for input in example_inventory(c, i) {
            let mut e = NewEntry::from_input(&input, &vocabulary).map_err(fail)?;
            e.is_example = true;
            inventory::create(db, None, &e).await.map_err(fail)?;
        }
    }
    Ok(())
}
