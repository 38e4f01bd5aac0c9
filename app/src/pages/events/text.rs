//! Interface text of the events section, in both languages. Kept beside the section (which is a
//! lazily loaded chunk) rather than in the site-wide texts; the macro makes a missing
//! translation a compile error, as there.

use crate::i18n::{Counted, Lang};

macro_rules! texts {
    (
        counted {
            $($ckey:ident: ($es1:literal, $esn:literal), ($en1:literal, $enn:literal);)+
        }
        $($key:ident: $es:literal, $en:literal;)+
    ) => {
        pub struct EventTexts {
            $(pub $key: &'static str,)+
            $(pub $ckey: Counted,)+
        }
        pub const ES: EventTexts = EventTexts {
            $($key: $es,)+
            $($ckey: Counted::new($es1, $esn),)+
        };
        pub const EN: EventTexts = EventTexts {
            $($key: $en,)+
            $($ckey: Counted::new($en1, $enn),)+
        };
    };
}

/// The section's text in `lang`.
pub fn et(lang: Lang) -> &'static EventTexts {
    match lang {
        Lang::Es => &ES,
        Lang::En => &EN,
    }
}

texts! {
    counted {
        places: ("{n} plaza", "{n} plazas"), ("{n} place", "{n} places");
        places_left: ("{n} libre", "{n} libres"), ("{n} free", "{n} free");
        confirmed_count: ("{n} confirmada", "{n} confirmadas"), ("{n} confirmed", "{n} confirmed");
        waitlisted_count: ("{n} en lista de espera", "{n} en lista de espera"), ("{n} on the waiting list", "{n} on the waiting list");
        pending_count: ("{n} pendiente de aprobación", "{n} pendientes de aprobación"), ("{n} awaiting approval", "{n} awaiting approval");
        gap_countries: ("brechas en {n} país", "brechas en {n} países"), ("gaps in {n} country", "gaps in {n} countries");
    }
    events_title: "Eventos", "Events";
    events_lead: "Talleres de aprendizaje, reuniones de la Plataforma de Apoyo y de los grupos de trabajo del MIRPS, eventos de solidaridad y el Foro Mundial sobre los Refugiados.", "Learning workshops, meetings of the Support Platform and of the MIRPS working groups, solidarity events and the Global Refugee Forum.";
    events_nav_label: "Vistas del calendario", "Calendar views";
    agenda: "Agenda", "Agenda";
    month_view: "Vista mensual", "Month view";
    my_events: "Mis eventos", "My events";
    new_event: "Nuevo evento", "New event";
    edit_event: "Editar el evento", "Edit the event";
    public_feed: "Suscribirse al calendario (ICS)", "Subscribe to the calendar (ICS)";
    when_label: "Periodo", "Period";
    upcoming: "Próximos", "Upcoming";
    past: "Pasados", "Past";
    kind: "Tipo", "Type";
    country: "País", "Country";
    topic: "Tema", "Topic";
    any: "Todos", "All";
    apply_filters: "Filtrar", "Filter";
    no_events: "No hay eventos con estos filtros.", "No events match these filters.";
    countries_label: "Países", "Countries";
    previous_month: "Mes anterior", "Previous month";
    next_month: "Mes siguiente", "Next month";
    month_hint: "Las fechas son las del lugar de cada evento.", "Dates are those of each event's venue.";
    sometime_this_month: "Durante el mes (fecha exacta no publicada)", "During the month (exact date not published)";
    back_to_events: "← Todos los eventos", "← All events";
    back_to_event: "← Volver al evento", "← Back to the event";
    when: "Cuándo", "When";
    where_: "Dónde", "Where";
    your_time: "En su zona horaria", "In your time zone";
    online_link: "Enlace para conectarse", "Link to join";
    host: "País anfitrión", "Host country";
    organisers: "Organizan", "Organisers";
    participants: "Participantes", "Participants";
    other_language_note: "Este texto solo está disponible en el otro idioma.", "This text is only available in the other language.";
    registration: "Inscripción", "Registration";
    no_registration: "Este evento no tiene inscripción abierta en la plataforma.", "This event has no registration on the platform.";
    registration_closed: "La inscripción está cerrada.", "Registration is closed.";
    registration_cancelled: "El evento fue cancelado.", "The event was cancelled.";
    no_limit: "Sin límite de plazas", "No limit on places";
    position: "puesto {n} en la lista de espera", "number {n} on the waiting list";
    waitlist_hint: "Si alguien libera su plaza, pasará automáticamente a confirmada y se le avisará en «Mis eventos».", "If someone gives up their place, yours is confirmed automatically and you are told under \"My events\".";
    withdraw: "Retirar mi inscripción", "Withdraw my registration";
    moderated_hint: "La organización revisa cada solicitud antes de confirmar la plaza.", "The organisers review each request before confirming a place.";
    register: "Inscribirme", "Register";
    join_waitlist: "Anotarme en la lista de espera", "Join the waiting list";
    sign_in_to_register: "Inicie sesión para inscribirse", "Sign in to register";
    window_from_to: "Inscripción del {a} al {b}.", "Registration from {a} to {b}.";
    window_until: "Inscripción hasta el {b}.", "Registration until {b}.";
    window_from: "Inscripción desde el {a}.", "Registration from {a}.";
    topics: "Temas", "Topics";
    practices_on_topic: "buenas prácticas sobre el tema", "good practices on the topic";
    gaps_reported_in: "Brechas del inventario en", "Inventory gaps in";
    practice_prefix: "Buena práctica:", "Good practice:";
    materials: "Materiales", "Materials";
    outcomes: "Resultados", "Outcomes";
    outcomes_later: "Los resultados se publicarán después del evento.", "Outcomes will be published after the event.";
    learned: "Lo aprendido", "What was learned";
    policy_changes: "Cambios de política o programa previstos (Resultado 3.3.2)", "Planned policy or programme changes (Result 3.3.2)";
    resources_committed: "Recursos comprometidos en el evento (Resultado 3.3.3)", "Resources committed at the event (Result 3.3.3)";
    remove: "Quitar", "Remove";
    record_outcomes: "Registrar resultados", "Record outcomes";
    learned_es: "Lo aprendido (español)", "What was learned (Spanish)";
    learned_en: "Lo aprendido (inglés)", "What was learned (English)";
    save_learned: "Guardar lo aprendido", "Save what was learned";
    change_es: "Cambio previsto (español)", "Planned change (Spanish)";
    change_en: "Cambio previsto (inglés)", "Planned change (English)";
    add_policy_change: "Añadir el cambio previsto", "Add the planned change";
    contributions_hint: "Las contribuciones anunciadas en el evento se vinculan desde su ficha en el registro de contribuciones (campo «Evento»).", "Contributions announced at the event are linked from their record in the contributions ledger (the \"Event\" field).";
    add_to_calendar: "Añadir este evento a mi calendario (ICS)", "Add this event to my calendar (ICS)";
    status: "Estado", "Status";
    title_es: "Título (español)", "Title (Spanish)";
    title_en: "Título (inglés)", "Title (English)";
    description_es: "Descripción (español)", "Description (Spanish)";
    description_en: "Descripción (inglés)", "Description (English)";
    starts: "Empieza (hora del lugar)", "Starts (venue time)";
    ends: "Termina (hora del lugar)", "Ends (venue time)";
    timezone: "Zona horaria del lugar", "Venue time zone";
    timezone_hint: "Las horas se guardan en esta zona y se muestran también en la de cada lector.", "Times are kept in this zone and also shown in each reader's zone.";
    mode: "Modalidad", "Format";
    no_host: "Sin país anfitrión", "No host country";
    location_es: "Lugar (español)", "Venue (Spanish)";
    location_en: "Lugar (inglés)", "Venue (English)";
    online_url: "Enlace en línea", "Online link";
    suggested_topics: "Temas sugeridos por los inventarios", "Topics suggested by the inventories";
    capacity: "Plazas", "Places";
    capacity_hint: "Vacío: sin límite. Al llenarse, las nuevas inscripciones pasan a la lista de espera.", "Empty: no limit. Once full, new registrations go to the waiting list.";
    registration_offered: "Abrir la inscripción en la plataforma", "Open registration on the platform";
    moderated_label: "Revisar cada solicitud antes de confirmarla", "Review each request before confirming it";
    registration_opens: "La inscripción abre el", "Registration opens on";
    registration_closes: "La inscripción cierra el", "Registration closes on";
    materials_es: "Materiales (español)", "Materials (Spanish)";
    materials_en: "Materiales (inglés)", "Materials (English)";
    save_anyway: "Guardar de todos modos, a pesar de las superposiciones", "Save anyway, despite the overlaps";
    save_event: "Guardar el evento", "Save the event";
    clash_title: "Esta fecha se superpone con:", "This time overlaps with:";
    reason_standing: "reunión fija de la Plataforma o de un grupo de trabajo", "a standing Support Platform or working-group meeting";
    reason_countries: "mismos países", "same countries";
    reason_organisers: "mismas organizaciones", "same organisers";
    no_free_window: "No se encontró un horario libre en los próximos 60 días.", "No free time was found in the next 60 days.";
    free_windows: "Horarios libres a la misma hora", "Free times at the same hour";
    search_people: "Buscar por nombre, correo o afiliación", "Search by name, email or affiliation";
    export_csv: "Exportar CSV", "Export CSV";
    name: "Nombre", "Name";
    email: "Correo electrónico", "Email";
    affiliation: "Afiliación", "Affiliation";
    actions: "Acciones", "Actions";
    approve: "Aprobar", "Approve";
    reject: "Rechazar", "Turn down";
    withdraw_person: "Retirar", "Withdraw";
    add_guest: "Añadir una persona invitada", "Add an invited guest";
    notices: "Avisos", "Notices";
    notice_promoted: "Pasó de la lista de espera a plaza confirmada:", "You moved from the waiting list to a confirmed place:";
    notice_approved: "Su solicitud fue aprobada:", "Your request was approved:";
    notice_rejected: "Su solicitud no fue aceptada:", "Your request was not accepted:";
    notice_cancelled: "Se canceló el evento:", "The event was cancelled:";
    notice_changed: "Cambió la fecha del evento:", "The event's time changed:";
    my_registrations: "Mis inscripciones", "My registrations";
    no_registrations: "Todavía no se ha inscrito en ningún evento.", "You have not registered for any event yet.";
    personal_feed: "Mi calendario personal", "My personal calendar";
    personal_feed_hint: "Una dirección secreta con los eventos en los que se inscribió, para suscribirse desde su aplicación de calendario (con recordatorios).", "A secret address with the events you registered for, to subscribe to from your calendar app (with reminders).";
    feed_exists: "Ya tiene una dirección. Crear otra desactiva la anterior.", "You already have an address. Making a new one turns the old one off.";
    create_feed: "Crear mi dirección secreta", "Make my secret address";
    reset_feed: "Crear una dirección nueva", "Make a new address";
    feed_address: "Su dirección (cópiela ahora; no se volverá a mostrar)", "Your address (copy it now; it will not be shown again)";
}
