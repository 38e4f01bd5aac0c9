//! Interface text of the commitments register, in both languages.

crate::texts! {
    /// The section's text; [`texts`] gives it in a language.
    pub struct CommitmentTexts, texts;
    @counted {
        commitments_count: ("{n} compromiso", "{n} compromisos"), ("{n} commitment", "{n} commitments");
    }
    hiring_label: "empresas con cifras de contratación informadas en dos o más países del MIRPS", "companies with hiring figures reported in two or more MIRPS countries";
    title: "Registro de compromisos", "Commitments register";
    lead: "Lo que los Estados del MIRPS, los miembros de la Plataforma de Apoyo, las empresas, la sociedad civil y los gobiernos locales se han comprometido a hacer, dónde lo anunciaron y cuánto han avanzado según lo que informan, con sus fuentes.", "What MIRPS States, Support Platform members, companies, civil society and local governments have committed to do, where they announced it and how far they have come by their own reports, with their sources.";
    hiring_hint: "Resultado 2.1.3 de la estrategia: cuenta las empresas con compromisos de empleo que han informado cifras en al menos dos países, no las que solo lo anuncian.", "Result 2.1.3 of the strategy: it counts companies with employment commitments that have reported figures in at least two countries, not those that only announce it.";
    none: "No hay compromisos con estos filtros.", "No commitments match these filters.";
    filter_kind: "Tipo", "Type";
    filter_stage: "Etapa", "Stage";
    filter_country: "País", "Country";
    filter_occasion: "Dónde se anunció", "Announced at";
    filter_maker: "Quién se compromete", "Who commits";
    filter_all: "Todos", "All";
    apply: "Aplicar", "Apply";
    col_commitment: "Compromiso", "Commitment";
    col_makers: "Quién", "Who";
    col_kind: "Tipo", "Type";
    col_announced: "Anunciado", "Announced";
    col_stage: "Etapa", "Stage";
    col_reporting: "Informes", "Reporting";
    col_target: "Meta", "Target";
    col_date: "Fecha", "Date";
    col_country: "País", "Country";
    col_figure: "Cifra", "Figure";
    col_report: "Avance informado", "Progress reported";
    col_evidence: "Evidencia", "Evidence";
    download_csv: "Descargar CSV", "Download CSV";
    download_xlsx: "Descargar Excel (XLSX)", "Download Excel (XLSX)";
    download_json: "Datos JSON", "JSON data";
    details_title: "El compromiso", "The commitment";
    reporter: "Informa", "Reports";
    countries: "Países", "Countries";
    themes: "Temas", "Themes";
    deadline: "Plazo", "Deadline";
    no_deadline: "Sin plazo publicado", "No published deadline";
    source: "Fuente", "Source";
    regional: "Regional", "Regional";
    progress_title: "Avances informados", "Progress reported";
    progress_none: "Nadie ha informado avances de este compromiso todavía.", "Nobody has reported progress on this commitment yet.";
    figures_in: "Países con cifras informadas", "Countries with reported figures";
    overdue_hint: "El plazo pasó y el último informe es anterior a él.", "The deadline has passed and the last report came before it.";
    no_data_hint: "Sin ningún informe de avance.", "No progress report at all.";
    record: "Registrar un compromiso", "Record a commitment";
    manage: "Compromisos en preparación", "Commitments in preparation";
    manage_lead: "Los compromisos aún no públicos: los borradores de su país u organización, los devueltos con comentarios y, para la secretaría, los que esperan revisión.", "Commitments not yet public: your country's or organisation's drafts, those returned with comments and, for the secretariat, those waiting for review.";
    review_title: "Esperan revisión", "Waiting for review";
    mine_title: "Los suyos", "Yours";
    queue_none: "No hay ninguno.", "There are none.";
    col_review: "Revisión", "Review";
    workflow: "Preacuerdo y anuncio", "Pre-articulation and announcement";
    workflow_lead: "Un compromiso se escribe como borrador, se envía a la secretaría, que lo devuelve con comentarios o lo preacuerda, y se anuncia: solo entonces es público.", "A commitment is written as a draft and sent to the secretariat, which returns it with comments or pre-articulates it; then it is announced, and only then is it public.";
    history: "Historial de revisión", "Review history";
    comment: "Comentario", "Comment";
    edit: "Editar", "Edit";
    form_title: "Compromiso", "Commitment";
    form_lead: "Se guarda como borrador, visible solo para quienes lo hacen y la secretaría, hasta que se anuncie. Escriba en español, en inglés o en ambos.", "It is saved as a draft, seen only by its makers and the secretariat until it is announced. Write in Spanish, English or both.";
    field_kind: "Tipo de compromiso", "Type of commitment";
    field_makers: "Quién se compromete", "Who commits";
    makers_hint: "Uno o varios; entre ellos, su país u organización.", "One or several; yours among them.";
    field_reporter: "Quién informa (si lo hacen varios)", "Who reports (when several make it)";
    field_occasion: "Dónde se anuncia", "Where it is announced";
    field_announced_on: "Fecha del anuncio (AAAA-MM o AAAA-MM-DD)", "Date announced (YYYY-MM or YYYY-MM-DD)";
    field_deadline: "Plazo (AAAA o AAAA-MM-DD)", "Deadline (YYYY or YYYY-MM-DD)";
    field_stage: "Etapa", "Stage";
    field_description_es: "Descripción (español)", "Description (Spanish)";
    field_description_en: "Descripción (inglés)", "Description (English)";
    target_legend: "Meta, si cuenta algo (empleos, personas…)", "Target, if it counts something (jobs, people…)";
    field_target: "Cuántos", "How many";
    field_unit: "Unidad", "Unit";
    field_what_es: "De qué (español)", "Of what (Spanish)";
    field_what_en: "De qué (inglés)", "Of what (English)";
    field_population: "Población (por ejemplo, refugees)", "Population (for example, refugees)";
    field_source: "Enlace a la fuente pública", "Link to the public source";
    save: "Guardar borrador", "Save draft";
    none_choice: "—", "—";
    report_title: "Informar avance", "Report progress";
    field_reported_on: "Fecha del avance (AAAA-MM o AAAA-MM-DD)", "Date of the progress (YYYY-MM or YYYY-MM-DD)";
    field_report_country: "País de la cifra", "Country of the figure";
    field_value: "Cifra", "Figure";
    value_hint: "Solo si el compromiso cuenta algo: una cifra por país, con su unidad.", "Only if the commitment counts something: one figure per country, with its unit.";
    field_text_es: "Avance (español)", "Progress (Spanish)";
    field_text_en: "Avance (inglés)", "Progress (English)";
    field_evidence: "Enlace a la evidencia", "Link to the evidence";
    field_new_stage: "Etapa ahora", "Stage now";
    keep_stage: "Sin cambios", "Unchanged";
    report_save: "Guardar el avance", "Save the progress";
    unit_jobs: "empleos", "jobs";
    unit_people: "personas", "people";
    unit_companies: "empresas", "companies";
    unit_places: "plazas", "places";
    unit_municipalities: "municipios", "municipalities";
}

/// A unit of a target or a figure, in words (one of `COUNT_UNITS`; others as they are).
pub fn unit_name(lang: crate::i18n::Lang, unit: &str) -> &str {
    let x = texts(lang);
    match unit {
        "jobs" => x.unit_jobs,
        "people" => x.unit_people,
        "companies" => x.unit_companies,
        "places" => x.unit_places,
        "municipalities" => x.unit_municipalities,
        other => other,
    }
}

/// A target in words: "4,000 personas · personas refugiadas de las Américas reasentadas (hasta)".
pub fn target_label(lang: crate::i18n::Lang, t: &crate::model::Target) -> String {
    format!(
        "{} {} · {}",
        lang.format_int(t.target),
        unit_name(lang, &t.unit),
        lang.pick(&t.what_es, &t.what_en)
    )
}
