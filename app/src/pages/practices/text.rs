//! Interface text of the good-practices pages, in both languages.

crate::texts! {
    /// The section's text; [`texts`] gives it in a language.
    pub struct PracticeTexts, texts;
    @counted {
        practices_found: ("{n} práctica publicada", "{n} prácticas publicadas"), ("{n} published practice", "{n} published practices");
        topic_reason_gap: ("Brecha abierta en {n} país.", "Brecha abierta en {n} países."), ("Open gap in {n} country.", "Open gap in {n} countries.");
        topic_reason_practices: ("{n} práctica publicada en otros lugares.", "{n} prácticas publicadas en otros lugares."), ("{n} published practice elsewhere.", "{n} published practices elsewhere.");
    }
    practices_lead: "Prácticas de los Estados MIRPS y de los miembros de la Plataforma de Apoyo para aprender unos de otros. La búsqueda no distingue mayúsculas ni tildes.", "Practices from MIRPS States and Support Platform members, to learn from each other. Search ignores case and accents.";
    practice_new: "Proponer una práctica", "Submit a practice";
    practice_review_queue: "Por revisar", "Review queue";
    practice_mine: "Mis prácticas sin publicar", "My unpublished practices";
    topics_title: "Temas sugeridos para aprendizaje", "Suggested learning topics";
    topics_lead: "Temas candidatos para los eventos de aprendizaje: suben los que son brecha en varios países y para los que hay prácticas publicadas en otros lugares. Cada tema muestra sus razones.", "Candidate topics for learning events: themes that are a gap in several countries and for which published practices exist elsewhere rank highest. Each topic shows its reasons.";
    practice_search_label: "Buscar prácticas", "Search practices";
    practice_search_placeholder: "p. ej. educación, empleo, niñez", "e.g. education, employment, children";
    submitter_country: "Estado MIRPS", "MIRPS State";
    submitter_member: "Miembro de la Plataforma de Apoyo", "Support Platform member";
    facet_submitter: "Presentada por", "Submitted by";
    facet_year: "Año", "Year";
    active_filters: "Filtros activos", "Active filters";
    remove_filter: "quitar filtro", "remove filter";
    practices_none: "Ninguna práctica publicada coincide con la búsqueda. Pruebe con menos palabras o quite un filtro.", "No published practice matches the search. Try fewer words or remove a filter.";
    practice_other_language: "solo en el otro idioma", "only in the other language";
    print_view: "Versión para imprimir", "Print view";
    back_to_page: "Volver a la página", "Back to the page";
    print_hint: "Use el comando Imprimir de su navegador.", "Use your browser's Print command.";
    practice_status_label: "Estado", "Status";
    practice_fallback_note: "Esta práctica aún no está disponible en español; se muestra en inglés.", "This practice is not yet available in English; it is shown in Spanish.";
    practice_submitter: "País o miembro", "Country or member";
    practice_gaps: "Brechas del inventario que atiende", "Inventory gaps it addresses";
    practice_results: "Resultados y evidencia", "Results and evidence";
    practice_contacts: "Contactos", "Contacts";
    practice_links: "Enlaces", "Links";
    practice_links_hint: "Una dirección web (https://…) por línea.", "One web address (https://…) per line.";
    practice_workflow: "Revisión", "Review";
    practice_submit: "Enviar a revisión", "Submit for review";
    practice_start_review: "Tomar en revisión", "Start review";
    practice_publish: "Publicar", "Publish";
    practice_return: "Devolver al autor", "Return to the author";
    practice_unpublish: "Retirar de la publicación", "Unpublish";
    practice_comment: "Comentario para el autor", "Comment for the author";
    practice_history: "Historial", "History";
    updated: "Actualizada", "Updated";
    practice_edit_title: "Práctica (borrador)", "Practice (draft)";
    practice_edit_lead: "Escriba en español, en inglés o en ambos. Se guarda como borrador; desde su página puede enviarla a revisión. La Secretaría la revisa antes de publicarla.", "Write in Spanish, English or both. It is saved as a draft; from its page you can submit it for review. The secretariat reviews it before it is published.";
    practice_summary_es: "Resumen (español)", "Summary (Spanish)";
    practice_summary_en: "Resumen (inglés)", "Summary (English)";
    practice_body_es: "Descripción (español)", "Description (Spanish)";
    practice_body_en: "Descripción (inglés)", "Description (English)";
    practice_results_es: "Resultados y evidencia (español)", "Results and evidence (Spanish)";
    practice_results_en: "Resultados y evidencia (inglés)", "Results and evidence (English)";
    practice_save_draft: "Guardar borrador", "Save draft";
    practice_manage_title: "Prácticas en curso", "Practices in progress";
    queue_empty: "No hay nada pendiente.", "Nothing is waiting.";
    topic_score: "Puntuación", "Score";
    topic_gap_countries: "Países con la brecha", "Countries with the gap";
    topic_gaps: "Brechas", "Gaps";
    topic_practices: "Prácticas de las que aprender", "Practices to learn from";
    topic_no_practices: "Ninguna todavía", "None yet";
    topic_see_matrix: "Ver el tema en la matriz regional", "See the theme in the regional matrix";
}
