//! Interface text of the country page, in both languages.

crate::texts! {
    /// The country page's text; [`texts`] gives it in a language.
    pub struct CountryTexts, texts;
    @counted {
        lines_count: ("{n} compromiso", "{n} compromisos"), ("{n} commitment", "{n} commitments");
        contributions_count: ("{n} contribución", "{n} contribuciones"), ("{n} contribution", "{n} contributions");
        offers_count: ("{n} oferta disponible", "{n} ofertas disponibles"), ("{n} offer available", "{n} offers available");
        practices_count: ("{n} buena práctica publicada", "{n} buenas prácticas publicadas"), ("{n} published good practice", "{n} published good practices");
        discussing: ("{n} oferta en conversación", "{n} ofertas en conversación"), ("{n} offer in discussion", "{n} offers in discussion");
        examples: ("{n} de ellas es un ejemplo", "{n} de ellas son ejemplos"), ("{n} of them is an example", "{n} of them are examples");
    }
    breadcrumb: "Países", "Countries";
    on_this_page: "En esta página", "On this page";
    joined: "Miembro del MIRPS desde", "MIRPS member since";
    leads: "Lidera los grupos de trabajo", "Leads the working groups";
    plan_title: "Plan de acción nacional", "National Action Plan";
    plan_none: "No hay un plan de acción nacional registrado para este país.", "No National Action Plan is on record for this country.";
    plan_required: "Requerido por sus compromisos", "Required by its commitments";
    plan_funded: "Financiado", "Funded";
    plan_missing: "Falta", "Missing";
    plan_coverage: "Cobertura", "Coverage";
    plan_unlinked: "Financiado sin vincular a un compromiso", "Funded without naming a commitment";
    plan_top: "Los compromisos a los que más les falta", "The commitments missing the most";
    plan_no_lines: "El plan aún no tiene compromisos costeados.", "The plan has no costed commitments yet.";
    plan_see: "Ver el plan completo", "See the whole plan";
    col_code: "Código", "Code";
    col_line: "Compromiso", "Commitment";
    col_required: "Requerido", "Required";
    col_missing: "Falta", "Missing";
    col_coverage: "Cobertura", "Coverage";
    money_title: "Contribuciones recibidas", "Contributions received";
    money_none: "El registro no tiene contribuciones para este país.", "The ledger holds no contributions for this country.";
    money_pledged: "Prometido", "Pledged";
    money_funded: "Financiado (comprometido o más)", "Funded (committed or beyond)";
    money_disbursed: "Desembolsado", "Disbursed";
    money_recent: "Las más recientes", "The latest";
    col_contribution: "Contribución", "Contribution";
    col_donor: "Donante", "Donor";
    col_status: "Estado", "Status";
    col_amount: "Monto (USD)", "Amount (USD)";
    col_date: "Fecha de decisión", "Decision date";
    money_see: "Ver todas sus contribuciones", "See all its contributions";
    money_dashboard: "Ver en el tablero", "See on the dashboard";
    inventory_title: "Inventario de integración local", "Local integration inventory";
    inventory_services: "Servicios", "Services";
    inventory_programmes: "Programas", "Programmes";
    inventory_gaps: "Brechas abiertas", "Open gaps";
    inventory_top: "Las brechas más graves", "The most severe gaps";
    inventory_no_gaps: "No hay brechas abiertas registradas.", "No open gaps are on record.";
    inventory_see: "Ver el inventario completo", "See the whole inventory";
    col_gap: "Brecha", "Gap";
    col_severity: "Gravedad", "Severity";
    col_theme: "Tema", "Theme";
    practices_title: "Buenas prácticas", "Good practices";
    practices_none: "Aún no hay buenas prácticas publicadas de este país.", "No good practices from this country are published yet.";
    practices_see: "Ver todas sus buenas prácticas", "See all its good practices";
    events_title: "Próximos eventos", "Upcoming events";
    events_none: "No hay eventos próximos con este país.", "No upcoming events with this country.";
    events_see: "Ver todos sus eventos", "See all its events";
    offers_title: "Ofertas de apoyo disponibles", "Offers of support available";
    offers_lead: "Ofertas abiertas o en conversación que nombran al país o a toda la región.", "Open offers, or offers in discussion, that name the country or the whole region.";
    offers_none: "No hay ofertas disponibles para este país.", "No offers are available for this country.";
    offers_see: "Ver todas las ofertas para el país", "See every offer for the country";
    col_offer: "Oferta", "Offer";
    col_offeror: "Quién ofrece", "Offered by";
    col_kind: "Tipo de apoyo", "Kind of support";
    col_until: "Hasta", "Until";
}
