//! Spanish-first, English-too interface text.
//!
//! Every string the interface shows lives in one [`Texts`] struct; [`ES`] and [`EN`] are two values
//! of it. A key missing in either language, or a misspelt key at a call site, is a compile error,
//! which is the check we want from translations without pulling a heavy i18n runtime into the wasm.
//! Data that comes from the database carries its own `_es` / `_en` columns and is picked with
//! [`Lang::pick`].

use serde::{Deserialize, Serialize};
use std::fmt;

/// The two interface languages. The locale is the first path segment: `/es/...`, `/en/...`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Es,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Es, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "es" => Some(Lang::Es),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The site-wide interface text in this language (each section keeps its own beside it).
    pub fn t(self) -> &'static Texts {
        site_texts(self)
    }

    /// The other language, for the switch in the header.
    pub fn other(self) -> Lang {
        match self {
            Lang::Es => Lang::En,
            Lang::En => Lang::Es,
        }
    }

    /// Picks the text in this language from a bilingual pair, falling back to the other language
    /// when this one is empty (content may be entered in one language first).
    pub fn pick<'a>(self, es: &'a str, en: &'a str) -> &'a str {
        let (first, second) = match self {
            Lang::Es => (es, en),
            Lang::En => (en, es),
        };
        if first.trim().is_empty() {
            second
        } else {
            first
        }
    }

    /// Chooses between `es` and `en` from an HTTP `Accept-Language` header, honouring q-values.
    /// Spanish wins when the header says nothing usable.
    pub fn negotiate(accept_language: Option<&str>) -> Lang {
        let Some(header) = accept_language else {
            return Lang::Es;
        };
        let mut best: Option<(Lang, f32)> = None;
        for part in header.split(',') {
            let mut pieces = part.trim().split(';');
            let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q=").map(str::to_owned))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            let Some(lang) = Lang::from_code(primary) else {
                continue;
            };
            if q > 0.0 && best.is_none_or(|(_, bq)| q > bq) {
                best = Some((lang, q));
            }
        }
        best.map(|(l, _)| l).unwrap_or(Lang::Es)
    }

    /// Formats a whole number with the language's digit grouping (1.234.567 / 1,234,567).
    pub fn format_int(self, n: i64) -> String {
        let sep = match self {
            Lang::Es => '.',
            Lang::En => ',',
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if n < 0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }
}

/// A text about a number of things, in its singular and plural forms; `{n}` marks the number.
/// Spanish and English both use the singular for exactly one and the plural otherwise (zero
/// included).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counted {
    pub one: &'static str,
    pub other: &'static str,
}

impl Counted {
    pub const fn new(one: &'static str, other: &'static str) -> Counted {
        Counted { one, other }
    }

    /// The right form for `n`, with `n` grouped the language's way.
    pub fn of(self, lang: Lang, n: i64) -> String {
        let form = if n == 1 { self.one } else { self.other };
        form.replace("{n}", &lang.format_int(n))
    }
}

/// The months' names, January first.
pub const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "marzo de 2027" / "March 2027".
pub fn month_name(lang: Lang, year: i32, month: u32) -> String {
    let i = (month.clamp(1, 12) - 1) as usize;
    match lang {
        Lang::Es => format!("{} de {year}", MONTHS_ES[i]),
        Lang::En => format!("{} {year}", MONTHS_EN[i]),
    }
}

/// A text with named blanks filled in: `fill("between {min} and {max}", &[("min", &1), ...])`.
pub fn fill(template: &str, values: &[(&str, &dyn fmt::Display)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), &value.to_string())
        })
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The page's language, made once for the whole app (see [`provide_lang`]).
#[derive(Clone, Copy)]
struct AppLang(leptos::prelude::Memo<Lang>);

/// Makes the app's one language signal, read from the first path segment (Spanish by default,
/// so that a 404 under an unknown prefix is still readable). Called once, at the top of the app
/// inside the router: the signal lives as long as the app, so a closure kept beyond the
/// component that read it (a page's `<title>`, kept by the head after the page has gone) never
/// reads a disposed value.
pub fn provide_lang() {
    use leptos::prelude::*;
    let location = leptos_router::hooks::use_location();
    let lang = Memo::new(move |_| lang_from_path(&location.pathname.get()));
    provide_context(AppLang(lang));
}

/// The language of the current page: the app's one signal, itself (a `Memo` owned by the app,
/// not a wrapper made by the caller, which would be disposed with the caller).
pub fn use_lang() -> leptos::prelude::Memo<Lang> {
    use leptos::prelude::*;
    match use_context::<AppLang>() {
        Some(AppLang(lang)) => lang,
        // Outside the app (a component rendered on its own in a test): from the address.
        None => {
            let location = leptos_router::hooks::use_location();
            Memo::new(move |_| lang_from_path(&location.pathname.get()))
        }
    }
}

/// The language named by the first segment of `path`, Spanish if none.
pub fn lang_from_path(path: &str) -> Lang {
    path.trim_start_matches('/')
        .split('/')
        .next()
        .and_then(Lang::from_code)
        .unwrap_or_default()
}

/// `path` (starting with `/`) under the locale prefix: `localized(Lang::En, "/about")` is `/en/about`.
pub fn localized(lang: Lang, path: &str) -> String {
    format!("/{}{}", lang.code(), path)
}

/// The same page in another language: swaps the locale prefix and keeps the rest and the query.
pub fn switch_path(path: &str, search: &str, to: Lang) -> String {
    let rest = path.trim_start_matches('/');
    let rest = match rest.split_once('/') {
        Some((first, tail)) if Lang::from_code(first).is_some() => format!("/{tail}"),
        None if Lang::from_code(rest).is_some() => "/".to_string(),
        _ => "/".to_string(),
    };
    let query = if search.is_empty() || search == "?" {
        String::new()
    } else if search.starts_with('?') {
        search.to_string()
    } else {
        format!("?{search}")
    };
    format!("/{}{}{}", to.code(), rest, query)
}

/// Interface text in both languages, side by side: declares a struct with one field per key,
/// its Spanish and English values (`ES`, `EN`) and a function giving the text in a language. A
/// key missing in either language is a compile error, and a misspelt key at a call site too.
/// Counted texts (`{n}` for the number) give their singular and plural forms.
///
/// ```ignore
/// crate::texts! {
///     /// The section's text.
///     pub struct SectionTexts, texts;
///     @counted {
///         places: ("{n} plaza", "{n} plazas"), ("{n} place", "{n} places");
///     }
///     title: "Eventos", "Events";
/// }
/// ```
#[macro_export]
macro_rules! texts {
    (
        $(#[$doc:meta])*
        pub struct $name:ident, $accessor:ident;
        $(@counted {
            $($(#[$cdoc:meta])* $ckey:ident: ($es1:literal, $esn:literal), ($en1:literal, $enn:literal);)+
        })?
        $($(#[$kdoc:meta])* $key:ident: $es:literal, $en:literal;)*
    ) => {
        $(#[$doc])*
        pub struct $name {
            $($(#[$kdoc])* pub $key: &'static str,)*
            $($($(#[$cdoc])* pub $ckey: $crate::i18n::Counted,)+)?
        }

        /// The Spanish text.
        pub const ES: $name = $name {
            $($key: $es,)*
            $($($ckey: $crate::i18n::Counted::new($es1, $esn),)+)?
        };

        /// The English text.
        pub const EN: $name = $name {
            $($key: $en,)*
            $($($ckey: $crate::i18n::Counted::new($en1, $enn),)+)?
        };

        #[cfg(test)]
        impl $name {
            /// Every counted text, for checks over all of them.
            pub fn counted(&self) -> Vec<$crate::i18n::Counted> {
                vec![$($(self.$ckey,)+)?]
            }
        }

        /// The text in `lang`.
        pub fn $accessor(lang: $crate::i18n::Lang) -> &'static $name {
            match lang {
                $crate::i18n::Lang::Es => &ES,
                $crate::i18n::Lang::En => &EN,
            }
        }
    };
}

crate::texts! {
    /// Site-wide interface text (the shell, shared words, errors). A key missing in either
    /// language, or a misspelt key at a call site, is a compile error.
    pub struct Texts, site_texts;
    site_name: "MIRPS Hub", "MIRPS Hub";
    site_tagline: "Plataforma de Apoyo al MIRPS: apoyo movilizado, buenas prácticas y aprendizaje", "MIRPS Support Platform: support mobilised, good practices and learning";
    skip_to_content: "Saltar al contenido", "Skip to content";
    nav_label: "Navegación principal", "Main navigation";
    nav_home: "Inicio", "Home";
    nav_about: "Acerca del MIRPS", "About MIRPS";
    lang_switch_label: "Cambiar idioma", "Change language";
    lang_name: "Español", "English";
    footer_text: "MIRPS Hub publica el apoyo movilizado por la Plataforma de Apoyo al MIRPS. Los datos marcados como «ejemplo» son ilustrativos y no son cifras oficiales.", "MIRPS Hub publishes the support mobilised by the MIRPS Support Platform. Data marked “example” is illustrative and not an official figure.";
    footer_api: "Datos abiertos (API)", "Open data (API)";
    example_badge: "ejemplo", "example";
    example_badge_title: "Dato de ejemplo: ilustrativo, no es una cifra oficial", "Example data: illustrative, not an official figure";
    loading: "Cargando…", "Loading…";

    home_title: "Apoyo a la protección y las soluciones en Centroamérica y México", "Supporting protection and solutions in Central America and Mexico";
    home_lead: "MIRPS Hub muestra qué apoyo moviliza la Plataforma de Apoyo al MIRPS, adónde va y dónde quedan brechas, para que las decisiones sigan a los datos.", "MIRPS Hub shows what support the MIRPS Support Platform mobilises, where it goes and where gaps remain, so that decisions follow the data.";
    home_what_title: "¿Qué es el MIRPS?", "What is MIRPS?";
    home_what_body: "El Marco Integral Regional para Protección y Soluciones (MIRPS) es la aplicación regional del Pacto Mundial sobre los Refugiados. Belice, Costa Rica, El Salvador, Guatemala, Honduras, México y Panamá lo lideran; cada país aplica un Plan de Acción Nacional alineado con cuatro pilares regionales.", "The Comprehensive Regional Protection and Solutions Framework (MIRPS) is the regional application of the Global Compact on Refugees. Belize, Costa Rica, El Salvador, Guatemala, Honduras, Mexico and Panama lead it; each country carries out a National Action Plan aligned with four regional pillars.";
    home_platform_body: "La Plataforma de Apoyo, lanzada en el primer Foro Mundial sobre los Refugiados en 2019, reúne a Estados donantes, la Unión Europea y bancos de desarrollo para movilizar financiamiento, asistencia técnica y solidaridad. ACNUR y la OEA son su Secretaría Técnica.", "The Support Platform, launched at the first Global Refugee Forum in 2019, brings together donor states, the European Union and development banks to mobilise funding, technical assistance and solidarity. UNHCR and the OAS are its Technical Secretariat.";
    home_figures_title: "Cifras clave", "Key figures";
    fig_countries: "Países MIRPS", "MIRPS countries";
    fig_members: "Miembros de la Plataforma de Apoyo", "Support Platform members";
    fig_upcoming_events: "Próximos eventos", "Upcoming events";
    fig_next_event: "Próximo evento", "Next event";
    fig_no_upcoming: "No hay eventos programados por ahora.", "No events are scheduled for now.";
    home_explore_title: "Conozca a los países", "Meet the countries";
    home_explore_label: "País", "Country";
    home_explore_submit: "Ver país", "Show country";
    home_explore_hint: "Elija un país para ver su adhesión y los grupos de trabajo que lidera.", "Choose a country to see when it joined and the working groups it leads.";
    country_joined: "Miembro del MIRPS desde", "MIRPS member since";
    country_leads: "Lidera el grupo de trabajo", "Leads the working group";
    country_leads_none: "No lidera actualmente un grupo de trabajo regional.", "Does not currently lead a regional working group.";
    country_pillars: "Su Plan de Acción Nacional se organiza en los cuatro pilares regionales.", "Its National Action Plan is organised under the four regional pillars.";
    country_page_link: "Todo sobre el país: plan, contribuciones, inventario, prácticas, eventos y ofertas", "Everything about the country: plan, contributions, inventory, practices, events and offers";
    home_priorities_title: "Prioridades de la estrategia 2022-2023", "Priorities of the 2022-2023 strategy";
    home_priority_1: "Transparencia y rendición de cuentas: seguir las contribuciones más allá de la promesa y publicar el avance.", "Transparency and accountability: track contributions beyond the pledge and publish progress.";
    home_priority_2: "Alianzas con el sector privado, los bancos de desarrollo y la sociedad civil.", "Partnerships with the private sector, development banks and civil society.";
    home_priority_3: "Integración local: inventario de servicios y brechas, buenas prácticas y eventos de aprendizaje.", "Local integration: an inventory of services and gaps, good practices and learning events.";
    col_country: "País", "Country";
    col_group: "Grupo de trabajo", "Working group";
    gcr_objective: "Objetivo del Pacto Mundial", "Global Compact objective";

    not_found_title: "Página no encontrada", "Page not found";
    not_found_body: "La dirección no corresponde a ninguna página de MIRPS Hub. Puede que el enlace esté incompleto o que la página se haya movido.", "This address does not match any MIRPS Hub page. The link may be incomplete, or the page may have moved.";
    back_home: "Volver al inicio", "Back to the home page";
    error_title: "Algo salió mal", "Something went wrong";

    err_not_found: "No encontramos lo que busca.", "We could not find what you are looking for.";
    err_unauthorized: "Inicie sesión para continuar.", "Please sign in to continue.";
    err_forbidden: "Su cuenta no tiene permiso para esta acción.", "Your account is not allowed to do this.";
    err_validation: "Revise los datos marcados e inténtelo de nuevo.", "Please check the highlighted fields and try again.";
    err_conflict: "Alguien cambió estos datos mientras usted los editaba. Recargue la página e inténtelo de nuevo.", "Someone changed this data while you were editing it. Reload the page and try again.";
    err_clash: "Esta fecha se superpone con otros eventos. Revise la lista, elija otra fecha o confirme que desea guardar de todos modos.", "This time overlaps other events. Check the list, choose another time or confirm that you want to save anyway.";
    err_rate_limited: "Demasiados intentos. Espere unos minutos e inténtelo de nuevo.", "Too many attempts. Wait a few minutes and try again.";
    err_too_large: "Lo enviado es demasiado grande. Acórtelo e inténtelo de nuevo.", "What was sent is too large. Shorten it and try again.";
    err_unavailable: "El servicio no está disponible en este momento. Inténtelo de nuevo en unos minutos.", "The service is unavailable right now. Please try again in a few minutes.";
    err_internal: "Ocurrió un error inesperado. Lo hemos registrado; inténtelo de nuevo más tarde.", "Something unexpected went wrong. We have logged it; please try again later.";
    err_network: "No se pudo contactar con el servidor. Compruebe su conexión e inténtelo de nuevo.", "Could not reach the server. Check your connection and try again.";

    problem_required: "Este campo es obligatorio.", "This field is required.";
    problem_too_short: "Escriba al menos {min} caracteres.", "Enter at least {min} characters.";
    problem_too_long: "Escriba como máximo {max} caracteres.", "Enter at most {max} characters.";
    problem_out_of_range: "El valor debe estar entre {min} y {max}.", "The value must be between {min} and {max}.";
    problem_invalid_format: "El formato no es válido.", "The format is not valid.";
    problem_unknown_choice: "Elija una de las opciones de la lista.", "Choose one of the options in the list.";
    problem_not_allowed: "Este valor no está permitido.", "This value is not allowed.";
    problem_wrong_credentials: "El correo o la contraseña no son correctos.", "The email or the password is not correct.";
    problem_mismatch: "Los dos valores no coinciden.", "The two values do not match.";
    problem_taken: "Este valor ya está en uso.", "This value is already in use.";
    problem_duplicate_of: "Esta fila repite la fila {row} del archivo.", "This row repeats row {row} of the file.";
    problem_already_recorded: "Ya está registrada: contribución n.º {id}.", "Already recorded: contribution no. {id}.";
    problem_registration_closed: "La inscripción a este evento no está abierta.", "Registration for this event is not open.";
    problem_parent_withdrawn: "Esa contribución está retirada: restáurela primero o elija otra.", "That contribution is withdrawn: restore it first or choose another.";
    problem_not_a_parent: "Esa contribución no puede agrupar esta: solo una contribución principal puede agrupar otras, nunca a sí misma, y una que ya agrupa otras no puede pasar a ser parte de otra.", "That contribution cannot group this one: only a top-level contribution can group others, never itself, and one that already groups others cannot become part of another.";

    file_unsupported: "El archivo no es CSV ni una hoja de cálculo (XLSX, XLS u ODS).", "The file is neither CSV nor a spreadsheet (XLSX, XLS or ODS).";
    file_too_large: "El archivo pesa más de {max} MB; divídalo en varios.", "The file is larger than {max} MB; split it into several.";
    file_empty: "El archivo está vacío: no tiene filas de datos debajo del encabezado.", "The file is empty: it has no data rows below the header.";
    file_not_utf8: "El archivo no está en UTF-8 (primer carácter inválido en la línea {line}). Guárdelo como «CSV UTF-8».", "The file is not UTF-8 (first invalid character on line {line}). Save it as \"CSV UTF-8\".";
    file_too_many_rows: "El archivo tiene más de {max} filas; divídalo en varios.", "The file has more than {max} rows; split it into several.";
    file_unreadable: "No se pudo leer la hoja de cálculo: puede estar dañada o protegida con contraseña.", "The spreadsheet could not be read: it may be damaged or password-protected.";
    file_missing_columns: "Faltan columnas obligatorias en el encabezado: {columns}.", "The header lacks required columns: {columns}.";
    file_unknown_columns: "Columnas desconocidas en el encabezado: {columns}. Use los nombres de la plantilla.", "Unknown columns in the header: {columns}. Use the template's names.";
    file_repeated_columns: "Columnas repetidas en el encabezado: {columns}.", "Columns repeated in the header: {columns}.";
    nav_sign_in: "Iniciar sesión", "Sign in";
    nav_sign_out: "Cerrar sesión", "Sign out";
    nav_account: "Mi cuenta", "My account";
    nav_users: "Usuarios", "Users";
    nav_audit: "Auditoría", "Audit trail";
    nav_my_events: "Mis eventos", "My events";
    account_menu_label: "Menú de la cuenta", "Account menu";
    role_secretariat: "Secretaría o Presidencia", "Secretariat or chair";
    role_focal_point: "Punto focal de país", "Country focal point";
    role_member: "Miembro de la Plataforma de Apoyo", "Support Platform member";
    may_secretariat: "Puede gestionar todo: revisar y publicar envíos, eventos, usuarios e invitaciones, y consultar la auditoría.", "You may manage everything: review and publish submissions, events, users and invitations, and read the audit trail.";
    may_focal_point: "Puede editar el inventario, las buenas prácticas y el avance de {scope}.", "You may edit the inventory, good practices and progress of {scope}.";
    may_member: "Puede registrar y actualizar las contribuciones y compromisos de {scope}.", "You may record and update the contributions and commitments of {scope}.";
    choose_one: "Elija…", "Choose…";
    col_name: "Nombre", "Name";
    col_status: "Estado", "Status";
    export_csv: "Descargar CSV", "Download CSV";
    audit_reason: "Motivo", "Reason";
    page_prev: "Anterior", "Previous";
    page_next: "Siguiente", "Next";
    page_of: "Página {page} de {pages}", "Page {page} of {pages}";
    forbidden_title: "No tiene permiso para esta página", "You are not allowed to see this page";
    forbidden_instead: "Lo que sí puede hacer:", "What you can do instead:";
    signin_title: "Inicie sesión para continuar", "Sign in to continue";
    signin_body: "Esta página es para personas con cuenta.", "This page is for people with an account.";
    pagination_label: "Paginación", "Pagination";
    all: "Todos", "All";
    nav_dashboard: "Panel de datos", "Dashboard";
    nav_contributions: "Contribuciones", "Contributions";
    filters_title: "Filtros", "Filters";
    filter_country: "País receptor", "Recipient country";
    col_title: "Contribución", "Contribution";
    field_title_es: "Título en español", "Title in Spanish";
    field_title_en: "Título en inglés", "Title in English";
    field_description_es: "Descripción en español", "Description in Spanish";
    field_description_en: "Descripción en inglés", "Description in English";
    save: "Guardar", "Save";
    nav_practices: "Buenas prácticas", "Good practices";
    nav_inventory: "Inventario", "Inventory";
    nav_plans: "Planes nacionales", "National plans";
    nav_offers: "Ofertas", "Offers";
    nav_commitments: "Compromisos", "Commitments";
    nav_events: "Eventos", "Events";
    search: "Buscar", "Search";
    facet_theme: "Tema", "Theme";
    facet_population: "Población", "Population";
    practice_period: "Período", "Period";
    edit: "Editar", "Edit";
    markdown_hint: "Admite Markdown: **negrita**, listas con -, enlaces [texto](https://…).", "Markdown allowed: **bold**, lists with -, links [text](https://…).";
    severity: "Gravedad", "Severity";
    priority: "Prioridad", "Priority";
    provider: "Proveedor", "Provider";
    entry_type: "Tipo", "Type";
    period_start: "Desde", "From";
    period_end: "Hasta", "Until";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_accept_language() {
        assert_eq!(Lang::negotiate(None), Lang::Es);
        assert_eq!(Lang::negotiate(Some("en-GB,en;q=0.9")), Lang::En);
        assert_eq!(Lang::negotiate(Some("fr-FR, en;q=0.5, es;q=0.8")), Lang::Es);
        assert_eq!(Lang::negotiate(Some("de")), Lang::Es);
        assert_eq!(Lang::negotiate(Some("en;q=0")), Lang::Es);
        assert_eq!(Lang::negotiate(Some("es-MX;q=0.4, EN-us;q=0.9")), Lang::En);
    }

    #[test]
    fn picks_with_fallback() {
        assert_eq!(Lang::En.pick("hola", "hello"), "hello");
        assert_eq!(Lang::En.pick("hola", "  "), "hola");
        assert_eq!(Lang::Es.pick("", "hello"), "hello");
    }

    #[test]
    fn formats_integers() {
        assert_eq!(Lang::Es.format_int(1_234_567), "1.234.567");
        assert_eq!(Lang::En.format_int(1_234_567), "1,234,567");
        assert_eq!(Lang::En.format_int(-999), "-999");
        assert_eq!(Lang::En.format_int(1000), "1,000");
    }

    #[test]
    fn switches_language_keeping_the_page() {
        assert_eq!(switch_path("/es/about", "", Lang::En), "/en/about");
        assert_eq!(
            switch_path("/en/", "?country=MX", Lang::Es),
            "/es/?country=MX"
        );
        assert_eq!(switch_path("/es", "", Lang::En), "/en/");
        assert_eq!(switch_path("/xx/nothing", "", Lang::En), "/en/");
        assert_eq!(lang_from_path("/en/about"), Lang::En);
        assert_eq!(lang_from_path("/"), Lang::Es);
        assert_eq!(localized(Lang::En, "/about"), "/en/about");
    }

    #[test]
    fn codes_round_trip() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::from_code("fr"), None);
    }
}
