//! Interface text of the about page, in both languages.

crate::texts! {
    /// The section's text; [`texts`] gives it in a language.
    pub struct AboutTexts, texts;
    about_title: "Acerca del MIRPS y su Plataforma de Apoyo", "About MIRPS and its Support Platform";
    about_lead: "Quiénes forman el MIRPS y su Plataforma de Apoyo, cómo se organiza su trabajo y qué se propone la estrategia de la Presidencia 2022-2023.", "Who makes up MIRPS and its Support Platform, how their work is organised, and what the 2022-2023 chair's strategy sets out to do.";
    about_countries_title: "Países MIRPS", "MIRPS countries";
    about_members_title: "Miembros de la Plataforma de Apoyo", "Support Platform members";
    about_secretariat_title: "Secretaría Técnica", "Technical Secretariat";
    about_pillars_title: "Pilares regionales de los Planes de Acción Nacional", "Regional pillars of the National Action Plans";
    about_sectors_title: "Sectores de compromiso", "Commitment sectors";
    about_groups_title: "Grupos de trabajo regionales", "Regional working groups";
    about_chairs_title: "Presidencias de la Plataforma de Apoyo", "Chairs of the Support Platform";
    about_framework_title: "Marco de resultados de la estrategia 2022-2023", "Results framework of the 2022-2023 strategy";
    about_framework_lead: "Los tres objetivos de la Presidencia de los Estados Unidos, con sus actividades y resultados esperados.", "The three objectives of the United States chairmanship, with their activities and expected results.";
    about_calendar_title: "Calendario 2023 de la estrategia", "The strategy's 2023 calendar";
    col_iso: "Código ISO", "ISO code";
    col_joined: "Adhesión", "Joined";
    col_organisation: "Organización", "Organisation";
    col_org_type: "Tipo (IATI)", "Type (IATI)";
    col_lead: "Liderado por", "Led by";
    col_period: "Periodo", "Period";
    col_chair: "Presidencia", "Chair";
    source: "Fuente", "Source";
    col_when: "Cuándo", "When";
    col_what: "Qué", "What";
    objective: "Objetivo", "Objective";
    activity: "Actividad", "Activity";
    result: "Resultado", "Result";
}
