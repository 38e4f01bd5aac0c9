//! Reference data from the chair's strategy and the field's vocabularies: the MIRPS countries,
//! Support Platform members, National Action Plan pillars, sectors, working groups, chairs and the
//! strategy's results framework and calendar. Every name comes in Spanish and English.

use crate::i18n::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A reference entry with its names (themes, population groups).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Named {
    pub code: String,
    pub name_es: String,
    pub name_en: String,
}

impl Named {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_es, &self.name_en)
    }
}

/// Entries from rows of (code, Spanish name, English name), as the store and the reference
/// lists give them.
pub fn named<S: Into<String>>(rows: impl IntoIterator<Item = (S, S, S)>) -> Vec<Named> {
    rows.into_iter()
        .map(|(code, es, en)| Named {
            code: code.into(),
            name_es: es.into(),
            name_en: en.into(),
        })
        .collect()
}

/// A MIRPS country (ISO 3166-1 codes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Country {
    pub iso2: String,
    pub iso3: String,
    pub name_es: String,
    pub name_en: String,
    /// The year the country joined MIRPS (2017 for the San Pedro Sula Declaration).
    pub joined_year: i32,
}

impl Country {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_es, &self.name_en)
    }
}

coded_enum!(
    /// The part an organisation plays in the Support Platform.
    OrgRole {
        Member => "member", "Miembro", "Member";
        Secretariat => "secretariat", "Secretaría", "Secretariat";
        Partner => "partner", "Socio", "Partner";
    }
);

coded_enum!(
    /// IATI organisation types (IATI-Codelists OrganisationType); the code is IATI's number.
    IatiOrganisationType {
        Government => "10", "Gobierno", "Government";
        OtherPublicSector => "15", "Otro sector público", "Other public sector";
        InternationalNgo => "21", "ONG internacional", "International NGO";
        NationalNgo => "22", "ONG nacional", "National NGO";
        RegionalNgo => "23", "ONG regional", "Regional NGO";
        PublicPrivatePartnership => "30", "Alianza público-privada", "Public-private partnership";
        Multilateral => "40", "Multilateral", "Multilateral";
        Foundation => "60", "Fundación", "Foundation";
        PrivateSector => "70", "Sector privado", "Private sector";
        Academic => "80", "Académico, formación e investigación", "Academic, training and research";
    }
);

/// The name of an IATI organisation type given by its number ("Other" for one not in the list).
pub fn iati_org_type_name(code: i32, lang: Lang) -> &'static str {
    match IatiOrganisationType::from_code(&code.to_string()) {
        Some(t) => t.name(lang),
        None => lang.pick("Otro", "Other"),
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Organisation {
    pub code: String,
    pub name_es: String,
    pub name_en: String,
    pub short_es: String,
    pub short_en: String,
    pub iati_type: i32,
    pub role: OrgRole,
    pub is_example: bool,
}

impl Organisation {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_es, &self.name_en)
    }
    pub fn short(&self, lang: Lang) -> &str {
        lang.pick(&self.short_es, &self.short_en)
    }
}

/// A regional pillar of the National Action Plans (1 to 4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Pillar {
    pub code: i32,
    pub name_es: String,
    pub name_en: String,
}

/// A commitment sector (protection, jobs and livelihoods...).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Sector {
    pub code: String,
    pub name_es: String,
    pub name_en: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct WorkingGroup {
    pub code: String,
    pub name_es: String,
    pub name_en: String,
    pub lead_country_iso2: Option<String>,
    pub since_year: Option<i32>,
}

/// One chair of the Support Platform and the period it held the chair.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema, sqlx::FromRow))]
pub struct ChairPeriod {
    pub organisation_code: String,
    pub organisation_name_es: String,
    pub organisation_name_en: String,
    pub period_es: String,
    pub period_en: String,
    /// What the chair set out to do, from the public record.
    pub note_es: String,
    pub note_en: String,
    /// Where the period is documented.
    pub source_url: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StrategyResult {
    pub code: String,
    pub title_es: String,
    pub title_en: String,
    pub text_es: String,
    pub text_en: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StrategyActivity {
    pub code: String,
    pub text_es: String,
    pub text_en: String,
    pub results: Vec<StrategyResult>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StrategyObjective {
    pub code: String,
    /// The Global Compact on Refugees objective it serves (1 to 4).
    pub gcr_objective: i32,
    pub title_es: String,
    pub title_en: String,
    pub activities: Vec<StrategyActivity>,
}

coded_enum!(
    /// The four objectives of the Global Compact on Refugees; the code is the objective's number.
    GcrObjective {
        EasePressures => "1", "Aliviar la presión sobre los países de acogida", "Ease pressures on host countries";
        SelfReliance => "2", "Mejorar la autosuficiencia de las personas refugiadas", "Enhance refugee self-reliance";
        ThirdCountrySolutions => "3", "Ampliar el acceso a soluciones en terceros países", "Expand access to third-country solutions";
        Return => "4", "Favorecer condiciones para el retorno", "Support conditions in countries of origin for return";
    }
);

/// The name of a Global Compact objective given by its number.
pub fn gcr_objective_name(code: i32, lang: Lang) -> &'static str {
    match GcrObjective::from_code(&code.to_string()) {
        Some(o) => o.name(lang),
        None => lang.pick("Objetivo no reconocido", "Unknown objective"),
    }
}

/// One line of the strategy's 2023 calendar, as the strategy states it (month precision).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CalendarItem {
    pub period_es: String,
    pub period_en: String,
    pub item_es: String,
    pub item_en: String,
}

/// Everything the "about" page shows, fetched in one round trip.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReferenceData {
    pub countries: Vec<Country>,
    pub members: Vec<Organisation>,
    pub secretariat: Vec<Organisation>,
    pub pillars: Vec<Pillar>,
    pub sectors: Vec<Sector>,
    pub working_groups: Vec<WorkingGroup>,
    pub chairs: Vec<ChairPeriod>,
    pub framework: Vec<StrategyObjective>,
    pub calendar: Vec<CalendarItem>,
}

/// A short view of an event, for headline figures and lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct EventSummary {
    pub id: i64,
    pub title_es: String,
    pub title_en: String,
    /// Start date in the venue's time zone, `YYYY-MM-DD`.
    pub starts_on: NaiveDate,
    pub is_example: bool,
}

/// The home page's live figures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HeadlineFigures {
    pub countries: i64,
    pub members: i64,
    pub upcoming_events: i64,
    pub next_event: Option<EventSummary>,
}

/// What the home page shows about one country.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CountryProfile {
    pub country: Country,
    pub leads: Vec<WorkingGroup>,
}

/// Formats a date as the language writes it: 26/11/2026 in Spanish, 26 Nov 2026 in English.
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    const EN_MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const ES_MONTHS: [&str; 12] = [
        "ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic",
    ];
    let m = date.month0() as usize;
    match lang {
        Lang::Es => format!("{} {} {}", date.day(), ES_MONTHS[m], date.year()),
        Lang::En => format!("{} {} {}", date.day(), EN_MONTHS[m], date.year()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_dates_per_language() {
        let d = NaiveDate::from_ymd_opt(2021, 6, 10).expect("valid date");
        assert_eq!(format_date(d, Lang::Es), "10 jun 2021");
        assert_eq!(format_date(d, Lang::En), "10 Jun 2021");
    }

    #[test]
    fn org_roles_round_trip() {
        for r in [OrgRole::Member, OrgRole::Secretariat, OrgRole::Partner] {
            assert_eq!(OrgRole::from_code(r.code()), Some(r));
        }
        assert_eq!(iati_org_type_name(40, Lang::En), "Multilateral");
        assert_eq!(iati_org_type_name(10, Lang::Es), "Gobierno");
    }
}
