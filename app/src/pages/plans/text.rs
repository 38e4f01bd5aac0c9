//! Interface text of the National Action Plan pages, in both languages.

crate::texts! {
    /// The section's text; [`texts`] gives it in a language.
    pub struct PlanTexts, texts;
    @counted {
        lines_count: ("{n} línea", "{n} líneas"), ("{n} line", "{n} lines");
        declared_count: ("{n} compromiso", "{n} compromisos"), ("{n} commitment", "{n} commitments");
    }
    plans_title: "Planes de acción nacionales", "National Action Plans";
    plans_lead: "Cada país del MIRPS tiene un plan de acción nacional. Aquí están sus compromisos, lo que cuesta cumplirlos cada año y cómo avanzan. Los puntos focales de cada país mantienen su plan.", "Each MIRPS country has a National Action Plan. Here are its commitments, what they cost each year and how they are progressing. Each country's focal points keep its plan.";
    plans_caption: "Planes de acción nacionales por país", "National Action Plans by country";
    col_plan: "Plan", "Plan";
    col_period: "Periodo", "Period";
    col_declared: "Compromisos según la fuente", "Commitments per the source";
    col_lines: "Líneas registradas", "Lines on record";
    col_required: "Necesidades (USD)", "Requirements (USD)";
    col_code: "Código", "Code";
    col_funded: "Financiado", "Funded";
    col_missing: "Falta", "Missing";
    col_coverage: "Cobertura", "Coverage";
    col_in_discussion: "Ofertas en conversación", "Offers in discussion";
    legend_pledged: "Prometido, aún sin financiar", "Pledged, not yet funded";
    legend_offered: "Ofrecido, en conversación", "Offered, in discussion";
    legend_missing: "Sin cubrir", "Unmatched";
    unlinked_note: "Financiado al país por contribuciones, o partes de ellas, que no nombran ninguna línea del plan:", "Funded to the country by contributions, or parts of them, that name no line of the plan:";
    funding_title: "Financiamiento", "Funding";
    funding_none: "Ninguna contribución nombra esta línea todavía.", "No contribution names this line yet.";
    col_contribution: "Contribución", "Contribution";
    col_donor: "Donante", "Donor";
    col_share: "Parte", "Share";
    col_pledged: "Prometido", "Pledged";
    col_line: "Compromiso", "Commitment";
    col_pillar: "Pilar", "Pillar";
    col_priority: "Prioridad", "Priority";
    col_year: "Año", "Year";
    col_currency: "Moneda", "Currency";
    col_amount: "Monto original", "Original amount";
    col_rate: "Tipo de cambio (USD)", "Exchange rate (USD)";
    col_usd: "USD", "USD";
    col_source: "Fuente", "Source";
    col_reason: "Motivo", "Reason";
    col_when: "Fecha", "Date";
    see_inventory: "Servicios, programas y brechas del país (inventario)", "The country's services, programmes and gaps (inventory)";
    download_csv: "Descargar las líneas (CSV con HXL)", "Download the lines (CSV with HXL)";
    download_json: "Datos abiertos (JSON)", "Open data (JSON)";
    declared_title: "Compromisos por área, según fuentes públicas", "Commitments by area, per public sources";
    declared_none: "Ninguna fuente pública consultada da el número de compromisos de este plan.", "No public source consulted gives the number of commitments in this plan.";
    lines_title: "Líneas del plan", "Lines of the plan";
    lines_none: "Aún no se ha registrado ninguna línea de este plan.", "No line of this plan has been recorded yet.";
    line_new: "Añadir una línea", "Add a line";
    line_edit_title: "Línea del plan", "Plan line";
    line_details: "Datos de la línea", "Line details";
    requirements_title: "Necesidades por año", "Requirements by year";
    requirements_none: "Sin necesidades costeadas todavía.", "No costed requirements yet.";
    requirements_total: "Total", "Total";
    revisions_title: "Historial de las cifras", "History of the figures";
    revisions_lead: "La primera cifra de cada año es la original; cada cambio queda con su fecha y su motivo.", "The first figure of each year is the original; every change is kept with its date and reason.";
    original: "Original", "Original";
    notes_title: "Avance", "Progress";
    notes_none: "Sin notas de avance.", "No progress notes.";
    set_requirement: "Registrar una necesidad", "Record a requirement";
    set_requirement_hint: "Para cambiar la cifra de un año ya registrado, indique el motivo.", "To change the figure of a year already recorded, give the reason.";
    set_status: "Actualizar el estado", "Update the status";
    note_es: "Nota (español)", "Note (Spanish)";
    note_en: "Nota (inglés)", "Note (English)";
    institution: "Institución responsable", "Responsible institution";
    field_sector: "Área del plan", "Plan area";
    field_code: "Código de la línea", "Line code";
    code_hint: "Único dentro del plan, p. ej. GT-P1-03.", "Unique within the plan, e.g. GT-P1-03.";
    first_year: "Primer año", "First year";
    last_year: "Último año", "Last year";
    gaps_answered: "Brechas del inventario que atiende", "Inventory gaps it answers";
    line_withdraw: "Retirar la línea del plan", "Withdraw the line from the plan";
    withdraw_reason: "Motivo", "Reason";
    amount_hint: "En la moneda indicada, con punto decimal.", "In the currency given, with a decimal point.";
    rate_hint: "Dólares por unidad de la moneda; vacío para USD.", "Dollars per unit of the currency; empty for USD.";
    example_plan: "Plan de ejemplo (ilustrativo, no oficial).", "Example plan (illustrative, not official).";
}
