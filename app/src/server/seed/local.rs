//! Reference vocabularies of local integration: the themes the inventory and the practices are
//! classified by, and the population groups they serve (UNHCR's categories, plus the age and
//! gender groups the strategy names).

use crate::on_db;
use crate::server::store::Db;

/// (code, Spanish, English)
pub const THEMES: [(&str, &str, &str); 11] = [
    ("asylum", "Acceso al asilo", "Access to asylum"),
    (
        "documentation",
        "Documentación y situación legal",
        "Documentation and legal status",
    ),
    (
        "employment",
        "Empleo y medios de vida",
        "Employment and livelihoods",
    ),
    ("education", "Educación", "Education"),
    ("health", "Salud", "Health"),
    ("housing", "Vivienda", "Housing"),
    (
        "social_protection",
        "Protección social",
        "Social protection",
    ),
    (
        "child_protection",
        "Protección de la niñez",
        "Child protection",
    ),
    ("gbv", "Violencia basada en género", "Gender-based violence"),
    ("social_cohesion", "Cohesión social", "Social cohesion"),
    ("local_governance", "Gobernanza local", "Local governance"),
];

/// (code, Spanish, English)
pub const POPULATIONS: [(&str, &str, &str); 8] = [
    ("refugees", "Personas refugiadas", "Refugees"),
    (
        "asylum_seekers",
        "Personas solicitantes de asilo",
        "Asylum-seekers",
    ),
    (
        "idps",
        "Personas desplazadas internas",
        "Internally displaced people",
    ),
    ("returnees", "Personas retornadas", "Returnees"),
    ("stateless", "Personas apátridas", "Stateless people"),
    (
        "host_communities",
        "Comunidades de acogida",
        "Host communities",
    ),
    (
        "children",
        "Niñas, niños y adolescentes",
        "Children and adolescents",
    ),
    ("women_girls", "Mujeres y niñas", "Women and girls"),
];

/// Upserts `(code, Spanish, English)` rows, in order, into a vocabulary table.
macro_rules! upsert_vocabulary {
    ($tx:expr, $table:literal, $rows:expr) => {
        for (i, (code, es, en)) in $rows.iter().enumerate() {
            sqlx::query(concat!(
                "INSERT INTO ",
                $table,
                " (code, name_es, name_en, sort_order) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (code) DO UPDATE SET name_es = excluded.name_es, \
                 name_en = excluded.name_en, sort_order = excluded.sort_order"
            ))
            .bind(code)
            .bind(es)
            .bind(en)
            .bind(i as i32)
            .execute(&mut *$tx)
            .await?;
        }
    };
}

pub async fn apply(db: &Db) -> Result<(), sqlx::Error> {
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        upsert_vocabulary!(tx, "themes", THEMES);
        upsert_vocabulary!(tx, "population_groups", POPULATIONS);
        tx.commit().await
    })
}
