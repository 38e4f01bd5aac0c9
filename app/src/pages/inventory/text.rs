//! Interface text of the inventory pages, in both languages.

crate::texts! {
    /// The section's text; [`texts`] gives it in a language.
    pub struct InventoryTexts, texts;
    @counted {
        matrix_services: ("{n} serv.", "{n} serv."), ("{n} serv.", "{n} serv.");
        matrix_programmes: ("{n} prog.", "{n} prog."), ("{n} prog.", "{n} prog.");
        matrix_gaps: ("{n} brecha", "{n} brechas"), ("{n} gap", "{n} gaps");
    }
    inventory_lead: "Servicios, programas y brechas para la integración local en cada país MIRPS. Cada celda lleva a sus entradas; el color indica la brecha más grave.", "Services, programmes and gaps for local integration in each MIRPS country. Each cell leads to its entries; the colour shows the most severe gap.";
    matrix_legend: "Brecha más grave:", "Most severe gap:";
    matrix_caption: "Servicios, programas y brechas vigentes por tema y país", "Current services, programmes and gaps by theme and country";
    country_inventory_lead: "Servicios, programas y brechas para la integración local, mantenidos por los puntos focales del país.", "Services, programmes and gaps for local integration, kept by the country's focal points.";
    entry_new: "Añadir una entrada", "Add an entry";
    all_themes: "Todos los temas", "All themes";
    inventory_none: "No hay entradas para esta selección.", "There are no entries for this selection.";
    inventory_services: "Servicios", "Services";
    inventory_programmes: "Programas", "Programmes";
    inventory_gaps: "Brechas", "Gaps";
    place: "Lugar", "Place";
    place_hint: "Primer nivel administrativo (departamento, provincia, estado); vacío si es nacional.", "First administrative level (department, province, state); empty if national.";
    gap_practices: "Prácticas que la atienden", "Practices that address it";
    entry_edit_title: "Entrada del inventario", "Inventory entry";
    gap_fields_hint: "La gravedad y la prioridad (1 = más alta) son obligatorias para las brechas y no se usan en servicios ni programas.", "Severity and priority (1 = highest) are required for gaps and not used for services or programmes.";
    entry_withdraw: "Retirar esta entrada del inventario", "Take this entry off the inventory";
    withdraw_reason: "Motivo (queda en el registro de auditoría)", "Reason (kept in the audit trail)";
}
