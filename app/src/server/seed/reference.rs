//! Reference data every deployment needs, written at start-up with upserts so that corrections
//! here reach existing databases. Sources: the chair's strategy (US Presidency 2022-2023, in
//! Spanish; the English is our translation) and the public facts collected in the domain notes.
//! Nothing here is example data.

use crate::on_db;
use crate::server::store::versions::Dataset;
use crate::server::store::Db;

pub struct CountrySeed {
    pub iso2: &'static str,
    pub iso3: &'static str,
    pub name_es: &'static str,
    pub name_en: &'static str,
    pub joined_year: i32,
}

/// The seven MIRPS countries. Six signed the San Pedro Sula Declaration in October 2017;
/// El Salvador joined in 2019.
pub const COUNTRIES: [CountrySeed; 7] = [
    CountrySeed {
        iso2: "BZ",
        iso3: "BLZ",
        name_es: "Belice",
        name_en: "Belize",
        joined_year: 2017,
    },
    CountrySeed {
        iso2: "CR",
        iso3: "CRI",
        name_es: "Costa Rica",
        name_en: "Costa Rica",
        joined_year: 2017,
    },
    CountrySeed {
        iso2: "SV",
        iso3: "SLV",
        name_es: "El Salvador",
        name_en: "El Salvador",
        joined_year: 2019,
    },
    CountrySeed {
        iso2: "GT",
        iso3: "GTM",
        name_es: "Guatemala",
        name_en: "Guatemala",
        joined_year: 2017,
    },
    CountrySeed {
        iso2: "HN",
        iso3: "HND",
        name_es: "Honduras",
        name_en: "Honduras",
        joined_year: 2017,
    },
    CountrySeed {
        iso2: "MX",
        iso3: "MEX",
        name_es: "México",
        name_en: "Mexico",
        joined_year: 2017,
    },
    CountrySeed {
        iso2: "PA",
        iso3: "PAN",
        name_es: "Panamá",
        name_en: "Panama",
        joined_year: 2017,
    },
];

pub struct OrgSeed {
    pub code: &'static str,
    pub name_es: &'static str,
    pub name_en: &'static str,
    pub short_es: &'static str,
    pub short_en: &'static str,
    /// IATI OrganisationType code: 10 government, 40 multilateral.
    pub iati_type: i32,
    pub role: &'static str,
    pub country_iso3: Option<&'static str>,
}

/// The 14 Support Platform members and the two bodies of the Technical Secretariat.
pub const ORGANISATIONS: [OrgSeed; 16] = [
    OrgSeed {
        code: "ARG",
        name_es: "Argentina",
        name_en: "Argentina",
        short_es: "Argentina",
        short_en: "Argentina",
        iati_type: 10,
        role: "member",
        country_iso3: Some("ARG"),
    },
    OrgSeed {
        code: "BRA",
        name_es: "Brasil",
        name_en: "Brazil",
        short_es: "Brasil",
        short_en: "Brazil",
        iati_type: 10,
        role: "member",
        country_iso3: Some("BRA"),
    },
    OrgSeed {
        code: "CAN",
        name_es: "Canadá",
        name_en: "Canada",
        short_es: "Canadá",
        short_en: "Canada",
        iati_type: 10,
        role: "member",
        country_iso3: Some("CAN"),
    },
    OrgSeed {
        code: "COL",
        name_es: "Colombia",
        name_en: "Colombia",
        short_es: "Colombia",
        short_en: "Colombia",
        iati_type: 10,
        role: "member",
        country_iso3: Some("COL"),
    },
    OrgSeed {
        code: "EU",
        name_es: "Unión Europea",
        name_en: "European Union",
        short_es: "UE",
        short_en: "EU",
        iati_type: 40,
        role: "member",
        country_iso3: None,
    },
    OrgSeed {
        code: "FRA",
        name_es: "Francia",
        name_en: "France",
        short_es: "Francia",
        short_en: "France",
        iati_type: 10,
        role: "member",
        country_iso3: Some("FRA"),
    },
    OrgSeed {
        code: "ESP",
        name_es: "España",
        name_en: "Spain",
        short_es: "España",
        short_en: "Spain",
        iati_type: 10,
        role: "member",
        country_iso3: Some("ESP"),
    },
    OrgSeed {
        code: "CHE",
        name_es: "Suiza",
        name_en: "Switzerland",
        short_es: "Suiza",
        short_en: "Switzerland",
        iati_type: 10,
        role: "member",
        country_iso3: Some("CHE"),
    },
    OrgSeed {
        code: "URY",
        name_es: "Uruguay",
        name_en: "Uruguay",
        short_es: "Uruguay",
        short_en: "Uruguay",
        iati_type: 10,
        role: "member",
        country_iso3: Some("URY"),
    },
    OrgSeed {
        code: "USA",
        name_es: "Estados Unidos",
        name_en: "United States",
        short_es: "EE. UU.",
        short_en: "US",
        iati_type: 10,
        role: "member",
        country_iso3: Some("USA"),
    },
    OrgSeed {
        code: "ECLAC",
        name_es: "Comisión Económica para América Latina y el Caribe",
        name_en: "Economic Commission for Latin America and the Caribbean",
        short_es: "CEPAL",
        short_en: "ECLAC",
        iati_type: 40,
        role: "member",
        country_iso3: None,
    },
    OrgSeed {
        code: "IDB",
        name_es: "Banco Interamericano de Desarrollo",
        name_en: "Inter-American Development Bank",
        short_es: "BID",
        short_en: "IDB",
        iati_type: 40,
        role: "member",
        country_iso3: None,
    },
    OrgSeed {
        code: "WB",
        name_es: "Banco Mundial",
        name_en: "World Bank",
        short_es: "Banco Mundial",
        short_en: "World Bank",
        iati_type: 40,
        role: "member",
        country_iso3: None,
    },
    OrgSeed {
        code: "CABEI",
        name_es: "Banco Centroamericano de Integración Económica",
        name_en: "Central American Bank for Economic Integration",
        short_es: "BCIE",
        short_en: "CABEI",
        iati_type: 40,
        role: "member",
        country_iso3: None,
    },
    OrgSeed {
        code: "UNHCR",
        name_es: "Alto Comisionado de las Naciones Unidas para los Refugiados",
        name_en: "United Nations High Commissioner for Refugees",
        short_es: "ACNUR",
        short_en: "UNHCR",
        iati_type: 40,
        role: "secretariat",
        country_iso3: None,
    },
    OrgSeed {
        code: "OAS",
        name_es: "Organización de los Estados Americanos",
        name_en: "Organization of American States",
        short_es: "OEA",
        short_en: "OAS",
        iati_type: 40,
        role: "secretariat",
        country_iso3: None,
    },
];

/// The four regional pillars of the National Action Plans.
pub const PILLARS: [(i32, &str, &str); 4] = [
    (1, "Recepción y admisión", "Reception and admission"),
    (
        2,
        "Necesidades inmediatas y persistentes",
        "Immediate and persistent needs",
    ),
    (
        3,
        "Apoyo a los países y comunidades de acogida",
        "Support to host countries and communities",
    ),
    (4, "Soluciones duraderas", "Durable solutions"),
];

/// Commitment sectors of the National Action Plans.
pub const SECTORS: [(&str, &str, &str); 5] = [
    ("protection", "Protección", "Protection"),
    (
        "jobs_livelihoods",
        "Empleo y medios de vida",
        "Jobs and livelihoods",
    ),
    (
        "social_protection",
        "Protección social",
        "Social protection",
    ),
    ("education", "Educación", "Education"),
    ("health", "Salud", "Health"),
];

/// Regional working groups: (code, Spanish, English, lead country, year created if known).
pub const WORKING_GROUPS: [(&str, &str, &str, &str, Option<i32>); 4] = [
    (
        "asylum",
        "Fortalecimiento de los sistemas de asilo",
        "Strengthening asylum systems",
        "MX",
        None,
    ),
    (
        "jobs",
        "Empleo y medios de vida",
        "Jobs and livelihoods",
        "CR",
        None,
    ),
    (
        "local_governance",
        "Gobernanza local",
        "Local governance",
        "PA",
        None,
    ),
    (
        "idp",
        "Equipo técnico sobre desplazamiento interno",
        "Internal displacement technical team",
        "SV",
        Some(2024),
    ),
];

/// The strategy's objectives: (code, GCR objective, Spanish, English).
pub const OBJECTIVES: [(&str, i32, &str, &str); 3] = [
    (
        "1",
        1,
        "Fortalecimiento de los mecanismos de gobernanza y rendición de cuentas de la Plataforma de Apoyo al MIRPS.",
        "Strengthen the governance and accountability mechanisms of the MIRPS Support Platform.",
    ),
    (
        "2",
        1,
        "Las personas refugiadas y desplazadas internas de los países MIRPS se benefician de la colaboración del sector privado, los bancos multilaterales de desarrollo (BMD) y la sociedad civil para apoyar soluciones locales exitosas.",
        "Refugees and internally displaced people in MIRPS countries benefit from collaboration with the private sector, multilateral development banks (MDBs) and civil society in support of successful local solutions.",
    ),
    (
        "3",
        2,
        "Los países MIRPS han incrementado sus capacidades y recursos para facilitar soluciones locales satisfactorias, incluidas las necesidades específicas para la integración de niñas, niños y adolescentes.",
        "MIRPS countries have increased their capacities and resources to enable successful local solutions, including the specific needs for the integration of children and adolescents.",
    ),
];

/// The strategy's activities: (code, objective, Spanish, English).
pub const ACTIVITIES: [(&str, &str, &str, &str); 8] = [
    (
        "1.1",
        "1",
        "Definir e identificar un mecanismo y un actor adecuado para gestionar el seguimiento y la generación de información transparente sobre las contribuciones financieras y materiales (más allá de la fase de compromiso) y cómo se vinculan a los objetivos de los planes de acción nacional MIRPS.",
        "Define and identify a suitable mechanism and actor to track and report transparently on financial and material contributions (beyond the commitment phase) and how they link to the objectives of the MIRPS National Action Plans.",
    ),
    (
        "1.2",
        "1",
        "Consultar a los países MIRPS sobre la mejora de las estrategias de seguimiento de los progresos, mejorando la elaboración de informes de fácil entendimiento y de manera frecuente.",
        "Consult MIRPS countries on better ways to track progress, with frequent reports that are easy to understand.",
    ),
    (
        "2.1",
        "2",
        "Llevar a cabo actividades de divulgación dirigidas a socios existentes y potenciales del sector privado, bancos multilaterales de desarrollo y la sociedad civil para asegurar contribuciones específicas de países y sectores que promuevan una integración local exitosa.",
        "Reach out to existing and potential partners in the private sector, multilateral development banks and civil society to secure country- and sector-specific contributions that promote successful local integration.",
    ),
    (
        "3.1",
        "3",
        "Coordinar un inventario de los servicios, programas y brechas existentes relacionados con la integración local en los países MIRPS para informar la planificación de los eventos de aprendizaje en 2023.",
        "Coordinate an inventory of the existing services, programmes and gaps related to local integration in MIRPS countries, to inform the planning of the 2023 learning events.",
    ),
    (
        "3.2",
        "3",
        "Coordinar un inventario de buenas prácticas para facilitar la integración local de los miembros de la Plataforma de Apoyo e informar conjuntamente la planificación de eventos de aprendizaje.",
        "Coordinate an inventory of Support Platform members' good practices for local integration, to inform the planning of learning events together with the inventory of Activity 3.1.",
    ),
    (
        "3.3",
        "3",
        "Facilitar entre dos y cuatro actividades de aprendizaje para apoyar las necesidades y prioridades de los países MIRPS relacionadas con la integración local, con temas basados en los inventarios y en consultas con los Grupos de Trabajo MIRPS.",
        "Facilitate two to four learning activities supporting MIRPS countries' needs and priorities for local integration, with topics drawn from the inventories and from consultation with the MIRPS working groups.",
    ),
    (
        "3.4",
        "3",
        "Aprovechar la Plataforma de Apoyo MIRPS para facilitar la obtención y la (pre)articulación de compromisos a presentarse en el II Foro Mundial sobre los Refugiados.",
        "Use the MIRPS Support Platform to help secure and shape pledges to be presented at the second Global Refugee Forum.",
    ),
    (
        "3.5",
        "3",
        "Organizar (o copatrocinar) un Evento de Solidaridad cerca del final del mandato, para compartir los logros e impulsar el apoyo sostenido al MIRPS y al II Foro Mundial sobre los Refugiados.",
        "Organise (or co-sponsor) a solidarity event near the end of the chairmanship, to share achievements and build sustained support for MIRPS and the second Global Refugee Forum.",
    ),
];

/// The strategy's expected results: (code, activity, title es, title en, text es, text en).
pub const RESULTS: [(&str, &str, &str, &str, &str, &str); 18] = [
    ("1.1.1", "1.1", "Transparencia", "Transparency",
     "Una página web pública proporciona actualizaciones de fácil entendimiento al menos semestralmente, con una síntesis oportuna y precisa del apoyo movilizado.",
     "A public web page gives easy-to-understand updates at least twice a year, with a timely and accurate summary of the support mobilised."),
    ("1.1.2", "1.1", "Rendición de cuentas", "Accountability",
     "La Plataforma de Apoyo informa públicamente y de forma oportuna sobre los progresos en relación con su propio plan de trabajo y sus objetivos estratégicos.",
     "The Support Platform reports publicly and on time on progress against its own work plan and strategic objectives."),
    ("1.1.3", "1.1", "Toma de decisiones basada en datos", "Data-driven decisions",
     "Los países MIRPS, los miembros de la Plataforma de Apoyo y los posibles colaboradores mejoran la coordinación e identifican las brechas de recursos.",
     "MIRPS countries, Support Platform members and potential partners coordinate better and identify resource gaps."),
    ("1.2.1", "1.2", "Planificación", "Planning",
     "Una mayor comprensión de los Planes de Acción Nacional y sus compromisos específicos sirve de base para planificar y priorizar, en coordinación con las partes interesadas.",
     "A better understanding of the National Action Plans and their specific commitments informs planning and prioritisation, in coordination with stakeholders."),
    ("1.2.2", "1.2", "Coordinación", "Coordination",
     "Aumentan la comunicación y los vínculos entre el MIRPS y la Plataforma de Apoyo, lo que informa mejor la toma de decisiones de ambas entidades.",
     "More communication and links between MIRPS and the Support Platform better inform both bodies' decisions."),
    ("2.1.1", "2.1", "Sensibilización", "Awareness",
     "Los gobiernos, las organizaciones multilaterales y la sociedad civil conocen mejor los programas de integración y cohesión social de los países MIRPS.",
     "Governments, multilateral organisations and civil society know more about the integration and social-cohesion programmes under way in MIRPS countries."),
    ("2.1.2", "2.1", "Aumento de la base de apoyo", "A broader base of support",
     "Aumenta el número de miembros o la colaboración con la Plataforma de Apoyo por parte del sector privado, la sociedad civil y los bancos multilaterales de desarrollo.",
     "More members of, or more collaboration with, the Support Platform from the private sector, civil society and multilateral development banks."),
    ("2.1.3", "2.1", "Oportunidades de empleo", "Job opportunities",
     "Más empresas se comprometen a adoptar prácticas de contratación o cuotas favorables a las personas refugiadas o desplazadas internas en al menos dos países MIRPS.",
     "More companies commit to refugee- or IDP-friendly hiring practices or quotas in at least two MIRPS countries."),
    ("2.1.4", "2.1", "Nuevos recursos", "New resources",
     "Al menos dos nuevos compromisos de actores del sector privado en apoyo a los compromisos del MIRPS.",
     "At least two new commitments from private-sector actors in support of MIRPS commitments."),
    ("3.1.1", "3.1", "Inventario actualizado disponible", "An up-to-date inventory",
     "El inventario de brechas y buenas prácticas sirve de base para la planificación estratégica, incluidos los temas prioritarios de las actividades de aprendizaje.",
     "The inventory of gaps and good practices informs strategic planning, including the priority topics of the learning activities."),
    ("3.1.2", "3.1", "Repositorio de buenas prácticas", "A repository of good practices",
     "Las buenas prácticas identificadas en el inventario se publican en una plataforma virtual para los países MIRPS y un público más amplio.",
     "The good practices identified through the inventory are published on a virtual platform for MIRPS countries and a wider audience."),
    ("3.2.1", "3.2", "Más buenas prácticas identificadas", "More good practices identified",
     "Las buenas prácticas de los países de la Plataforma de Apoyo complementan las de los países MIRPS y se publican en la plataforma virtual.",
     "Good practices from Support Platform countries complement those of MIRPS countries and are published on the virtual platform."),
    ("3.2.2", "3.2", "Compromiso más profundo entre países MIRPS y la Plataforma", "Deeper engagement between MIRPS countries and the Platform",
     "Incluir las buenas prácticas de los miembros como opciones para los eventos de aprendizaje promueve la colaboración técnica y nuevas oportunidades de apoyo material.",
     "Including members' good practices as options for learning events fosters technical collaboration and new opportunities for material support."),
    ("3.3.1", "3.3", "Capacidad técnica", "Technical capacity",
     "Los países MIRPS aumentan su capacidad técnica para aplicar políticas y programas de integración, cuyas conclusiones se comparten en el Evento de Solidaridad 2023.",
     "MIRPS countries increase their technical capacity to carry out integration policies and programmes, with key lessons shared at the 2023 solidarity event."),
    ("3.3.2", "3.3", "Puesta en práctica de los conocimientos", "Knowledge put into practice",
     "Al menos un país MIRPS aplica una política o programa para mejorar la integración de las personas desplazadas a partir de lo aprendido en los eventos.",
     "At least one MIRPS country carries out a policy or programme to improve the integration of displaced people, based on what it learned at the events."),
    ("3.3.3", "3.3", "Recursos movilizados", "Resources mobilised",
     "Al menos un miembro de la Plataforma de Apoyo u otra parte interesada compromete nuevos recursos para aplicar las buenas prácticas compartidas en los eventos de aprendizaje.",
     "At least one Support Platform member or other stakeholder commits new resources to help MIRPS countries apply the good practices shared at the learning events."),
    ("3.4.1", "3.4", "Nuevos compromisos", "New pledges",
     "Al menos un nuevo compromiso político y un nuevo compromiso de financiación relacionados con los objetivos del MIRPS se anuncian en el II Foro Mundial sobre los Refugiados 2023.",
     "At least one new policy pledge and one new financial pledge related to MIRPS objectives are announced at the second Global Refugee Forum in 2023."),
    ("3.5.1", "3.5", "Mantener la atención en el MIRPS", "Keep attention on MIRPS",
     "El Evento de Solidaridad mantiene la atención internacional sobre el MIRPS.",
     "The solidarity event keeps international attention on MIRPS."),
];

/// The strategy's 2023 calendar, as written: (period es, period en, item es, item en).
pub const CALENDAR_2023: [(&str, &str, &str, &str); 13] = [
    ("Febrero de 2023", "February 2023", "Finalización y publicación de la Estrategia de la Presidencia de los Estados Unidos 2022-2023", "Final version and publication of the US Presidency Strategy 2022-2023"),
    ("Marzo de 2023", "March 2023", "Segunda reunión trimestral de la Plataforma de Apoyo", "Second quarterly meeting of the Support Platform"),
    ("Marzo de 2023", "March 2023", "Identificación de la próxima Presidencia de la Plataforma de Apoyo 2023-2024", "Identification of the next Support Platform chair, 2023-2024"),
    ("Marzo de 2023", "March 2023", "Disponibilidad de los resultados preliminares del inventario de buenas prácticas", "Preliminary results of the good-practices inventory available"),
    ("Marzo de 2023", "March 2023", "Finalización de la selección y calendarización de las actividades de aprendizaje", "Selection and scheduling of the learning activities completed"),
    ("Abril/mayo de 2023", "April/May 2023", "La próxima Presidencia de la Plataforma de Apoyo se une a la Troika", "The next Support Platform chair joins the Troika"),
    ("Abril/mayo de 2023", "April/May 2023", "Primera actividad de aprendizaje con la Plataforma de Apoyo", "First learning activity with the Support Platform"),
    ("Abril/mayo de 2023", "April/May 2023", "Cumbre de las Ciudades", "Cities Summit"),
    ("Abril/mayo de 2023", "April/May 2023", "Tercera reunión trimestral de la Plataforma de Apoyo", "Third quarterly meeting of the Support Platform"),
    ("Junio/julio de 2023", "June/July 2023", "Segunda actividad de aprendizaje con la Plataforma de Apoyo", "Second learning activity with the Support Platform"),
    ("Agosto/septiembre de 2023", "August/September 2023", "Tercera actividad de aprendizaje con la Plataforma de Apoyo", "Third learning activity with the Support Platform"),
    ("Agosto/septiembre de 2023", "August/September 2023", "Cuarta reunión trimestral de la Plataforma de Apoyo", "Fourth quarterly meeting of the Support Platform"),
    ("Por confirmar", "To be confirmed", "Evento de Solidaridad de la Plataforma de Apoyo", "Support Platform solidarity event"),
];

/// Themes the inventory, the practices and the events are classified by: (code, Spanish,
/// English).
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

/// Population groups (UNHCR's categories, plus the age and gender groups the strategy names):
/// (code, Spanish, English).
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

/// Writes all reference data in one transaction; safe to run at every start.
pub async fn apply(db: &Db) -> Result<(), sqlx::Error> {
    let mut chairs = super::real::records()
        .map_err(|e| sqlx::Error::Decode(Box::new(e)))?
        .chairs;
    chairs.sort_by_key(super::real::chair_start_year);
    on_db!(db, pool => {
        let mut tx = pool.begin().await?;
        for (i, c) in COUNTRIES.iter().enumerate() {
            sqlx::query(
                "INSERT INTO countries (iso2, iso3, name_es, name_en, joined_year, sort_order) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (iso2) DO UPDATE SET \
                 iso3 = excluded.iso3, name_es = excluded.name_es, name_en = excluded.name_en, \
                 joined_year = excluded.joined_year, sort_order = excluded.sort_order",
            )
            .bind(c.iso2)
            .bind(c.iso3)
            .bind(c.name_es)
            .bind(c.name_en)
            .bind(c.joined_year)
            .bind(i as i32)
            .execute(&mut *tx)
            .await?;
        }
        for (i, o) in ORGANISATIONS.iter().enumerate() {
            sqlx::query(
                "INSERT INTO organisations (code, name_es, name_en, short_es, short_en, iati_type, \
                 role, country_iso3, is_example, sort_order) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (code) DO UPDATE SET \
                 name_es = excluded.name_es, name_en = excluded.name_en, \
                 short_es = excluded.short_es, short_en = excluded.short_en, \
                 iati_type = excluded.iati_type, role = excluded.role, \
                 country_iso3 = excluded.country_iso3, sort_order = excluded.sort_order",
            )
            .bind(o.code)
            .bind(o.name_es)
            .bind(o.name_en)
            .bind(o.short_es)
            .bind(o.short_en)
            .bind(o.iati_type)
            .bind(o.role)
            .bind(o.country_iso3)
            .bind(false)
            .bind(i as i32)
            .execute(&mut *tx)
            .await?;
        }
        for (code, es, en) in PILLARS {
            sqlx::query(
                "INSERT INTO pillars (code, name_es, name_en) VALUES ($1, $2, $3) \
                 ON CONFLICT (code) DO UPDATE SET name_es = excluded.name_es, name_en = excluded.name_en",
            )
            .bind(code)
            .bind(es)
            .bind(en)
            .execute(&mut *tx)
            .await?;
        }
        upsert_vocabulary!(tx, "sectors", SECTORS);
        upsert_vocabulary!(tx, "themes", THEMES);
        upsert_vocabulary!(tx, "population_groups", POPULATIONS);
        for (i, (code, es, en, lead, since)) in WORKING_GROUPS.iter().enumerate() {
            sqlx::query(
                "INSERT INTO working_groups (code, name_es, name_en, lead_country_iso2, since_year, \
                 sort_order) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO UPDATE SET \
                 name_es = excluded.name_es, name_en = excluded.name_en, \
                 lead_country_iso2 = excluded.lead_country_iso2, since_year = excluded.since_year, \
                 sort_order = excluded.sort_order",
            )
            .bind(*code)
            .bind(*es)
            .bind(*en)
            .bind(*lead)
            .bind(*since)
            .bind(i as i32)
            .execute(&mut *tx)
            .await?;
        }
        // The chairs come from the real records, with their notes and sources; one row per
        // organisation, corrected in place (contributions may point at it).
        for (i, c) in chairs.iter().enumerate() {
            let (es, en) = c.period();
            let source = c.source.starts_with("http").then_some(&c.source);
            let changed = sqlx::query(
                "UPDATE chair_periods SET period_es = $1, period_en = $2, sort_order = $3, \
                 note_es = $4, note_en = $5, source_url = $6 WHERE organisation_code = $7",
            )
            .bind(&es)
            .bind(&en)
            .bind(i as i32)
            .bind(&c.note_es)
            .bind(&c.note_en)
            .bind(source)
            .bind(&c.organisation)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 0 {
                sqlx::query(
                    "INSERT INTO chair_periods (organisation_code, period_es, period_en, sort_order, \
                     note_es, note_en, source_url) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&c.organisation)
                .bind(&es)
                .bind(&en)
                .bind(i as i32)
                .bind(&c.note_es)
                .bind(&c.note_en)
                .bind(source)
                .execute(&mut *tx)
                .await?;
            }
        }
        for (i, (code, gcr, es, en)) in OBJECTIVES.iter().enumerate() {
            sqlx::query(
                "INSERT INTO strategy_objectives (code, gcr_objective, title_es, title_en, sort_order) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO UPDATE SET \
                 gcr_objective = excluded.gcr_objective, title_es = excluded.title_es, \
                 title_en = excluded.title_en, sort_order = excluded.sort_order",
            )
            .bind(*code)
            .bind(*gcr)
            .bind(*es)
            .bind(*en)
            .bind(i as i32)
            .execute(&mut *tx)
            .await?;
        }
        for (i, (code, objective, es, en)) in ACTIVITIES.iter().enumerate() {
            sqlx::query(
                "INSERT INTO strategy_activities (code, objective_code, text_es, text_en, sort_order) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code) DO UPDATE SET \
                 objective_code = excluded.objective_code, text_es = excluded.text_es, \
                 text_en = excluded.text_en, sort_order = excluded.sort_order",
            )
            .bind(*code)
            .bind(*objective)
            .bind(*es)
            .bind(*en)
            .bind(i as i32)
            .execute(&mut *tx)
            .await?;
        }
        for (i, (code, activity, tes, ten, es, en)) in RESULTS.iter().enumerate() {
            sqlx::query(
                "INSERT INTO strategy_results (code, activity_code, title_es, title_en, text_es, \
                 text_en, sort_order) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (code) DO UPDATE SET activity_code = excluded.activity_code, \
                 title_es = excluded.title_es, title_en = excluded.title_en, \
                 text_es = excluded.text_es, text_en = excluded.text_en, \
                 sort_order = excluded.sort_order",
            )
            .bind(*code)
            .bind(*activity)
            .bind(*tes)
            .bind(*ten)
            .bind(*es)
            .bind(*en)
            .bind(i as i32)
            .execute(&mut *tx)
            .await?;
        }
        for (i, (pes, pen, es, en)) in CALENDAR_2023.iter().enumerate() {
            sqlx::query(
                "INSERT INTO strategy_calendar (id, period_es, period_en, item_es, item_en, sort_order) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO UPDATE SET \
                 period_es = excluded.period_es, period_en = excluded.period_en, \
                 item_es = excluded.item_es, item_en = excluded.item_en, \
                 sort_order = excluded.sort_order",
            )
            .bind(i as i64 + 1)
            .bind(*pes)
            .bind(*pen)
            .bind(*es)
            .bind(*en)
            .bind(i as i32)
            .execute(&mut *tx)
            .await?;
        }
        // Forms and checks read the lists through the vocabulary cache: tell it to reload.
        crate::bump_version!(tx, Dataset::Reference);
        tx.commit().await
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_match_the_strategy() {
        assert_eq!(COUNTRIES.len(), 7);
        assert_eq!(
            ORGANISATIONS.iter().filter(|o| o.role == "member").count(),
            14
        );
        assert_eq!(
            ORGANISATIONS
                .iter()
                .filter(|o| o.role == "secretariat")
                .count(),
            2
        );
        assert_eq!(PILLARS.len(), 4);
        assert_eq!(OBJECTIVES.len(), 3);
    }

    #[test]
    fn every_reference_points_somewhere() {
        for (_, _, _, lead, _) in WORKING_GROUPS {
            assert!(COUNTRIES.iter().any(|c| c.iso2 == lead));
        }
        for c in super::super::real::records().expect("records").chairs {
            assert!(ORGANISATIONS.iter().any(|o| o.code == c.organisation));
        }
        for (_, objective, _, _) in ACTIVITIES {
            assert!(OBJECTIVES.iter().any(|o| o.0 == objective));
        }
        for (_, activity, _, _, _, _) in RESULTS {
            assert!(ACTIVITIES.iter().any(|a| a.0 == activity));
        }
    }
}
