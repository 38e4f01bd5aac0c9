//! Interface text of the offer pages and of the offers on a plan line's page, in both languages.

crate::texts! {
    /// The section's text; [`texts`] gives it in a language.
    pub struct OfferTexts, texts;
    @counted {
        offers_count: ("{n} oferta", "{n} ofertas"), ("{n} offer", "{n} offers");
    }
    offers_title: "Ofertas de apoyo", "Offers of support";
    offers_lead: "Lo que los miembros de la Plataforma de Apoyo y sus socios ofrecen a los países del MIRPS: dinero, asistencia técnica, material, formación o personal. La plataforma las sugiere para los compromisos de los planes nacionales que aún no tienen financiamiento.", "What Support Platform members and their partners offer the MIRPS countries: money, technical assistance, material, training or staff. The platform suggests them for the commitments of the national plans that still lack funding.";
    offers_none: "No hay ofertas con estos filtros.", "No offers match these filters.";
    offers_caption: "Ofertas de apoyo", "Offers of support";
    offer_new: "Registrar una oferta", "Record an offer";
    offer_form_title: "Nueva oferta de apoyo", "New offer of support";
    col_offer: "Oferta", "Offer";
    col_offeror: "Quién ofrece", "Offered by";
    col_kind: "Tipo de apoyo", "Kind of support";
    col_where: "Dónde", "Where";
    col_amount: "Monto", "Amount";
    col_free: "Aún libre", "Still free";
    col_until: "Hasta", "Until";
    col_in_discussion: "En conversación", "In discussion";
    col_score: "Puntuación", "Score";
    col_why: "Por qué", "Why";
    col_line: "Compromiso", "Commitment";
    col_proposed: "Propuesto el", "Proposed on";
    col_expires: "Vence", "Expires";
    col_answer: "Respuesta", "Answer";
    regional: "Toda la región", "The whole region";
    filter_country: "País", "Country";
    filter_kind: "Tipo de apoyo", "Kind of support";
    filter_status: "Estado", "Status";
    filter_active: "Activas", "Active";
    filter_all: "Todos", "All";
    apply: "Aplicar", "Apply";
    download_csv: "Descargar CSV", "Download CSV";
    download_json: "Datos JSON", "JSON data";
    details_title: "La oferta", "The offer";
    capacity: "Lo que aporta", "What it brings";
    period: "Periodo de disponibilidad", "Available";
    themes: "Temas", "Themes";
    pillars: "Pilares", "Pillars";
    contact_title: "Contacto", "Contact";
    contact_hidden: "Inicie sesión para ver a quién contactar.", "Sign in to see whom to contact.";
    matches_title: "Propuestas para compromisos de los planes", "Proposals for plan commitments";
    matches_none: "Nadie ha propuesto esta oferta para un compromiso todavía.", "Nobody has proposed this offer for a commitment yet.";
    accept: "Aceptar y registrar la promesa", "Accept and record the pledge";
    decline: "Rechazar", "Decline";
    answer_reason: "Motivo (obligatorio para rechazar)", "Reason (required to decline)";
    accept_hint: "Al aceptar se registra la promesa en el registro de contribuciones, vinculada al compromiso.", "Accepting records the pledge in the contribution ledger, linked to the commitment.";
    pledge_link: "Ver la promesa", "See the pledge";
    withdraw: "Retirar la oferta", "Withdraw the offer";
    withdraw_reason: "Motivo", "Reason";
    field_offeror: "Organización que ofrece", "Offering organisation";
    field_regional: "Para toda la región", "For the whole region";
    field_countries: "Países", "Countries";
    field_currency: "Moneda", "Currency";
    field_amount: "Monto", "Amount";
    amount_hint: "Obligatorio para apoyo financiero. Con punto para decimales: 250000.50", "Required for financial support. With a dot for decimals: 250000.50";
    field_rate: "Tipo de cambio (USD por unidad)", "Exchange rate (USD per unit)";
    rate_hint: "Vacío para USD.", "Empty for USD.";
    field_capacity_es: "Lo que aporta (español)", "What it brings (Spanish)";
    field_capacity_en: "Lo que aporta (inglés)", "What it brings (English)";
    capacity_hint: "Para apoyo sin monto: «dos especialistas durante seis meses».", "For support without an amount: \"two experts for six months\".";
    field_from: "Disponible desde", "Available from";
    field_until: "Disponible hasta", "Available until";
    field_contact_name: "Persona de contacto", "Contact person";
    field_contact_email: "Correo de contacto", "Contact e-mail";
    contact_hint: "Solo lo ven las personas con sesión iniciada.", "Only people signed in see it.";
    line_offers_title: "Ofertas", "Offers";
    line_matches_none: "Ninguna oferta se ha propuesto para este compromiso.", "No offer has been proposed for this commitment.";
    suggestions_title: "Ofertas sugeridas", "Suggested offers";
    suggestions_lead: "Ofertas activas que encajan con este compromiso, ordenadas por una puntuación (0 a 100): país o región, temas y pilar en común, cuánto de lo que falta cubren y si los periodos coinciden.", "Active offers that fit this commitment, ranked by a score (0 to 100): country or region, shared themes and pillar, how much of what is missing they cover and whether the periods overlap.";
    suggestions_none: "Ninguna oferta activa encaja con este compromiso por ahora.", "No active offer fits this commitment for now.";
    propose: "Proponer", "Propose";
    proposal_amount: "Monto propuesto", "Amount proposed";
    proposal_note: "Mensaje para quien ofrece", "Message to the offeror";
    proposal_note_title: "Mensaje", "Message";
}
