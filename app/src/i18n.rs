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

    /// The interface text for this language.
    pub fn t(self) -> &'static Texts {
        match self {
            Lang::Es => &ES,
            Lang::En => &EN,
        }
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

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The language of the current page, read from the first path segment (Spanish by default, so
/// that a 404 under an unknown prefix is still readable).
pub fn use_lang() -> leptos::prelude::Signal<Lang> {
    use leptos::prelude::*;
    let location = leptos_router::hooks::use_location();
    Signal::derive(move || lang_from_path(&location.pathname.get()))
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

/// All interface text. Add a field here and the compiler asks for it in both languages.
pub struct Texts {
    pub site_name: &'static str,
    pub site_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_about: &'static str,
    pub lang_switch_label: &'static str,
    pub lang_name: &'static str,
    pub footer_text: &'static str,
    pub footer_api: &'static str,
    pub example_badge: &'static str,
    pub example_badge_title: &'static str,
    pub loading: &'static str,

    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub home_what_title: &'static str,
    pub home_what_body: &'static str,
    pub home_platform_body: &'static str,
    pub home_figures_title: &'static str,
    pub fig_countries: &'static str,
    pub fig_members: &'static str,
    pub fig_upcoming_events: &'static str,
    pub fig_next_event: &'static str,
    pub fig_no_upcoming: &'static str,
    pub home_explore_title: &'static str,
    pub home_explore_label: &'static str,
    pub home_explore_submit: &'static str,
    pub home_explore_hint: &'static str,
    pub country_joined: &'static str,
    pub country_leads: &'static str,
    pub country_leads_none: &'static str,
    pub country_pillars: &'static str,
    pub home_priorities_title: &'static str,
    pub home_priority_1: &'static str,
    pub home_priority_2: &'static str,
    pub home_priority_3: &'static str,

    pub about_title: &'static str,
    pub about_lead: &'static str,
    pub about_countries_title: &'static str,
    pub about_members_title: &'static str,
    pub about_secretariat_title: &'static str,
    pub about_pillars_title: &'static str,
    pub about_sectors_title: &'static str,
    pub about_groups_title: &'static str,
    pub about_chairs_title: &'static str,
    pub about_framework_title: &'static str,
    pub about_framework_lead: &'static str,
    pub about_calendar_title: &'static str,
    pub col_country: &'static str,
    pub col_iso: &'static str,
    pub col_joined: &'static str,
    pub col_organisation: &'static str,
    pub col_org_type: &'static str,
    pub col_group: &'static str,
    pub col_lead: &'static str,
    pub col_period: &'static str,
    pub col_chair: &'static str,
    pub col_when: &'static str,
    pub col_what: &'static str,
    pub col_note: &'static str,
    pub objective: &'static str,
    pub activity: &'static str,
    pub result: &'static str,
    pub gcr_objective: &'static str,
    pub present: &'static str,

    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
    pub error_title: &'static str,

    pub err_not_found: &'static str,
    pub err_unauthorized: &'static str,
    pub err_forbidden: &'static str,
    pub err_validation: &'static str,
    pub err_conflict: &'static str,
    pub err_rate_limited: &'static str,
    pub err_unavailable: &'static str,
    pub err_internal: &'static str,
    pub err_network: &'static str,
    pub nav_sign_in: &'static str,
    pub nav_sign_out: &'static str,
    pub nav_account: &'static str,
    pub nav_users: &'static str,
    pub nav_audit: &'static str,
    pub role_secretariat: &'static str,
    pub role_focal_point: &'static str,
    pub role_member: &'static str,
    pub invitation_pending: &'static str,
    pub invitation_accepted: &'static str,
    pub invitation_revoked: &'static str,
    pub invitation_expired: &'static str,
    pub login_title: &'static str,
    pub login_lead: &'static str,
    pub field_email: &'static str,
    pub field_password: &'static str,
    pub login_submit: &'static str,
    pub login_no_account: &'static str,
    pub account_title: &'static str,
    pub account_role: &'static str,
    pub account_scope: &'static str,
    pub account_email: &'static str,
    pub account_name: &'static str,
    pub account_may: &'static str,
    pub may_secretariat: &'static str,
    pub may_focal_point: &'static str,
    pub may_member: &'static str,
    pub password_title: &'static str,
    pub password_hint: &'static str,
    pub field_current_password: &'static str,
    pub field_new_password: &'static str,
    pub field_confirm_password: &'static str,
    pub password_submit: &'static str,
    pub password_changed: &'static str,
    pub invite_title: &'static str,
    pub invite_lead: &'static str,
    pub invite_invalid: &'static str,
    pub field_display_name: &'static str,
    pub invite_submit: &'static str,
    pub users_title: &'static str,
    pub users_lead: &'static str,
    pub users_invite_title: &'static str,
    pub field_role: &'static str,
    pub field_country: &'static str,
    pub field_organisation: &'static str,
    pub choose_one: &'static str,
    pub users_invite_submit: &'static str,
    pub users_invite_created: &'static str,
    pub users_accounts_title: &'static str,
    pub users_invitations_title: &'static str,
    pub col_email: &'static str,
    pub col_name: &'static str,
    pub col_role: &'static str,
    pub col_scope: &'static str,
    pub col_status: &'static str,
    pub col_actions: &'static str,
    pub col_expires: &'static str,
    pub users_active: &'static str,
    pub users_inactive: &'static str,
    pub users_deactivate: &'static str,
    pub users_reactivate: &'static str,
    pub users_revoke: &'static str,
    pub users_save_role: &'static str,
    pub users_none: &'static str,
    pub users_you: &'static str,
    pub audit_title: &'static str,
    pub audit_lead: &'static str,
    pub field_entity: &'static str,
    pub field_record: &'static str,
    pub field_actor: &'static str,
    pub field_action: &'static str,
    pub field_from: &'static str,
    pub field_to: &'static str,
    pub filter_submit: &'static str,
    pub export_csv: &'static str,
    pub col_at: &'static str,
    pub col_actor: &'static str,
    pub col_action: &'static str,
    pub col_record: &'static str,
    pub col_change: &'static str,
    pub audit_none: &'static str,
    pub audit_system: &'static str,
    pub audit_reason: &'static str,
    pub page_prev: &'static str,
    pub page_next: &'static str,
    pub page_of: &'static str,
    pub forbidden_title: &'static str,
    pub forbidden_instead: &'static str,
    pub signin_title: &'static str,
    pub signin_body: &'static str,
    pub saved: &'static str,
    pub pagination_label: &'static str,
    pub users_change_role: &'static str,
    pub all: &'static str,
    pub entity_user: &'static str,
    pub entity_invitation: &'static str,
    pub nav_dashboard: &'static str,
    pub nav_contributions: &'static str,
    pub usd_millions: &'static str,
    pub measure_pledged: &'static str,
    pub measure_committed: &'static str,
    pub measure_disbursed: &'static str,
    pub measure_implemented: &'static str,
    pub measure_funded: &'static str,
    pub measure_required: &'static str,
    pub measure_coverage: &'static str,
    pub measure_gap: &'static str,
    pub measure_count: &'static str,
    pub map_more: &'static str,
    pub map_less: &'static str,
    pub dash_title: &'static str,
    pub dash_lead: &'static str,
    pub dash_definitions: &'static str,
    pub dash_def_funded: &'static str,
    pub dash_def_coverage: &'static str,
    pub dash_def_once: &'static str,
    pub dash_def_usd: &'static str,
    pub dash_examples: &'static str,
    pub filters_title: &'static str,
    pub filter_year_from: &'static str,
    pub filter_year_to: &'static str,
    pub filter_donor: &'static str,
    pub filter_country: &'static str,
    pub filter_pillar: &'static str,
    pub filter_kind: &'static str,
    pub filter_status: &'static str,
    pub filter_apply: &'static str,
    pub filter_reset: &'static str,
    pub regional: &'static str,
    pub chart_by_donor: &'static str,
    pub chart_by_country: &'static str,
    pub chart_by_pillar: &'static str,
    pub chart_funnel: &'static str,
    pub chart_by_year: &'static str,
    pub chart_flow: &'static str,
    pub chart_flow_note: &'static str,
    pub chart_coverage: &'static str,
    pub chart_map: &'static str,
    pub download_png: &'static str,
    pub data_table: &'static str,
    pub col_year: &'static str,
    pub col_donor: &'static str,
    pub col_recipient: &'static str,
    pub col_kind: &'static str,
    pub col_title: &'static str,
    pub col_date: &'static str,
    pub col_amount: &'static str,
    pub col_stage: &'static str,
    pub col_source: &'static str,
    pub col_target: &'static str,
    pub col_value: &'static str,
    pub stale_title: &'static str,
    pub stale_lead: &'static str,
    pub stale_none: &'static str,
    pub exports_title: &'static str,
    pub no_data: &'static str,
    pub contributions_lead: &'static str,
    pub contributions_found: &'static str,
    pub routed_through: &'static str,
    pub contribution_withdrawn: &'static str,
    pub field_channel: &'static str,
    pub field_event: &'static str,
    pub field_currency: &'static str,
    pub field_source: &'static str,
    pub contribution_history: &'static str,
    pub field_fx_rate: &'static str,
    pub field_note: &'static str,
    pub contribution_children: &'static str,
    pub add_step_title: &'static str,
    pub field_amount: &'static str,
    pub amount_hint: &'static str,
    pub add_step_submit: &'static str,
    pub restore_title: &'static str,
    pub withdraw_title: &'static str,
    pub restore_submit: &'static str,
    pub withdraw_submit: &'static str,
    pub new_contribution_title: &'static str,
    pub new_contribution_lead: &'static str,
    pub field_sector: &'static str,
    pub field_title_es: &'static str,
    pub field_title_en: &'static str,
    pub field_description_es: &'static str,
    pub field_description_en: &'static str,
    pub field_parent: &'static str,
    pub parent_hint: &'static str,
    pub fx_hint: &'static str,
    pub save: &'static str,
    pub nav_new_contribution: &'static str,
}

pub const ES: Texts = Texts {
    site_name: "MIRPS Hub",
    site_tagline: "Plataforma de Apoyo al MIRPS: apoyo movilizado, buenas prácticas y aprendizaje",
    skip_to_content: "Saltar al contenido",
    nav_label: "Navegación principal",
    nav_home: "Inicio",
    nav_about: "Acerca del MIRPS",
    lang_switch_label: "Cambiar idioma",
    lang_name: "Español",
    footer_text: "MIRPS Hub publica el apoyo movilizado por la Plataforma de Apoyo al MIRPS. Los datos marcados como «ejemplo» son ilustrativos y no son cifras oficiales.",
    footer_api: "Datos abiertos (API)",
    example_badge: "ejemplo",
    example_badge_title: "Dato de ejemplo: ilustrativo, no es una cifra oficial",
    loading: "Cargando…",

    home_title: "Apoyo a la protección y las soluciones en Centroamérica y México",
    home_lead: "MIRPS Hub muestra qué apoyo moviliza la Plataforma de Apoyo al MIRPS, adónde va y dónde quedan brechas, para que las decisiones sigan a los datos.",
    home_what_title: "¿Qué es el MIRPS?",
    home_what_body: "El Marco Integral Regional para Protección y Soluciones (MIRPS) es la aplicación regional del Pacto Mundial sobre los Refugiados. Belice, Costa Rica, El Salvador, Guatemala, Honduras, México y Panamá lo lideran; cada país aplica un Plan de Acción Nacional alineado con cuatro pilares regionales.",
    home_platform_body: "La Plataforma de Apoyo, lanzada en el primer Foro Mundial sobre los Refugiados en 2019, reúne a Estados donantes, la Unión Europea y bancos de desarrollo para movilizar financiamiento, asistencia técnica y solidaridad. ACNUR y la OEA son su Secretaría Técnica.",
    home_figures_title: "Cifras clave",
    fig_countries: "Países MIRPS",
    fig_members: "Miembros de la Plataforma de Apoyo",
    fig_upcoming_events: "Próximos eventos",
    fig_next_event: "Próximo evento",
    fig_no_upcoming: "No hay eventos programados por ahora.",
    home_explore_title: "Conozca a los países",
    home_explore_label: "País",
    home_explore_submit: "Ver país",
    home_explore_hint: "Elija un país para ver su adhesión y los grupos de trabajo que lidera.",
    country_joined: "Miembro del MIRPS desde",
    country_leads: "Lidera el grupo de trabajo",
    country_leads_none: "No lidera actualmente un grupo de trabajo regional.",
    country_pillars: "Su Plan de Acción Nacional se organiza en los cuatro pilares regionales.",
    home_priorities_title: "Prioridades de la estrategia 2022-2023",
    home_priority_1: "Transparencia y rendición de cuentas: seguir las contribuciones más allá de la promesa y publicar el avance.",
    home_priority_2: "Alianzas con el sector privado, los bancos de desarrollo y la sociedad civil.",
    home_priority_3: "Integración local: inventario de servicios y brechas, buenas prácticas y eventos de aprendizaje.",

    about_title: "Acerca del MIRPS y su Plataforma de Apoyo",
    about_lead: "Quiénes forman el MIRPS y su Plataforma de Apoyo, cómo se organiza su trabajo y qué se propone la estrategia de la Presidencia 2022-2023.",
    about_countries_title: "Países MIRPS",
    about_members_title: "Miembros de la Plataforma de Apoyo",
    about_secretariat_title: "Secretaría Técnica",
    about_pillars_title: "Pilares regionales de los Planes de Acción Nacional",
    about_sectors_title: "Sectores de compromiso",
    about_groups_title: "Grupos de trabajo regionales",
    about_chairs_title: "Presidencias de la Plataforma de Apoyo",
    about_framework_title: "Marco de resultados de la estrategia 2022-2023",
    about_framework_lead: "Los tres objetivos de la Presidencia de los Estados Unidos, con sus actividades y resultados esperados.",
    about_calendar_title: "Calendario 2023 de la estrategia",
    col_country: "País",
    col_iso: "Código ISO",
    col_joined: "Adhesión",
    col_organisation: "Organización",
    col_org_type: "Tipo (IATI)",
    col_group: "Grupo de trabajo",
    col_lead: "Liderado por",
    col_period: "Periodo",
    col_chair: "Presidencia",
    col_when: "Cuándo",
    col_what: "Qué",
    col_note: "Nota",
    objective: "Objetivo",
    activity: "Actividad",
    result: "Resultado",
    gcr_objective: "Objetivo del Pacto Mundial",
    present: "actualidad",

    not_found_title: "Página no encontrada",
    not_found_body: "La dirección no corresponde a ninguna página de MIRPS Hub. Puede que el enlace esté incompleto o que la página se haya movido.",
    back_home: "Volver al inicio",
    error_title: "Algo salió mal",

    err_not_found: "No encontramos lo que busca.",
    err_unauthorized: "Inicie sesión para continuar.",
    err_forbidden: "Su cuenta no tiene permiso para esta acción.",
    err_validation: "Revise los datos marcados e inténtelo de nuevo.",
    err_conflict: "Alguien cambió estos datos mientras usted los editaba. Recargue la página e inténtelo de nuevo.",
    err_rate_limited: "Demasiados intentos. Espere unos minutos e inténtelo de nuevo.",
    err_unavailable: "El servicio no está disponible en este momento. Inténtelo de nuevo en unos minutos.",
    err_internal: "Ocurrió un error inesperado. Lo hemos registrado; inténtelo de nuevo más tarde.",
    err_network: "No se pudo contactar con el servidor. Compruebe su conexión e inténtelo de nuevo.",
    nav_sign_in: "Iniciar sesión",
    nav_sign_out: "Cerrar sesión",
    nav_account: "Mi cuenta",
    nav_users: "Usuarios",
    nav_audit: "Auditoría",
    role_secretariat: "Secretaría o Presidencia",
    role_focal_point: "Punto focal de país",
    role_member: "Miembro de la Plataforma de Apoyo",
    invitation_pending: "Pendiente",
    invitation_accepted: "Aceptada",
    invitation_revoked: "Anulada",
    invitation_expired: "Caducada",
    login_title: "Iniciar sesión",
    login_lead: "Las cuentas son para los puntos focales de los países, los miembros de la Plataforma de Apoyo y la Secretaría. Los datos publicados se consultan sin cuenta.",
    field_email: "Correo electrónico",
    field_password: "Contraseña",
    login_submit: "Entrar",
    login_no_account: "¿No tiene cuenta? La Secretaría envía invitaciones a las personas que la necesitan.",
    account_title: "Mi cuenta",
    account_role: "Función",
    account_scope: "Ámbito",
    account_email: "Correo",
    account_name: "Nombre",
    account_may: "Lo que puede hacer",
    may_secretariat: "Puede gestionar todo: revisar y publicar envíos, eventos, usuarios e invitaciones, y consultar la auditoría.",
    may_focal_point: "Puede editar el inventario, las buenas prácticas y el avance de {scope}.",
    may_member: "Puede registrar y actualizar las contribuciones y compromisos de {scope}.",
    password_title: "Cambiar la contraseña",
    password_hint: "Al menos 12 caracteres. Una frase larga es más segura que una palabra complicada.",
    field_current_password: "Contraseña actual",
    field_new_password: "Nueva contraseña",
    field_confirm_password: "Repita la nueva contraseña",
    password_submit: "Cambiar la contraseña",
    password_changed: "Contraseña cambiada. Sus otras sesiones abiertas se han cerrado.",
    invite_title: "Aceptar la invitación",
    invite_lead: "Ha sido invitado a MIRPS Hub. Elija su nombre y una contraseña para crear su cuenta.",
    invite_invalid: "Esta invitación no es válida: ya se usó, se anuló o caducó. Pida una nueva a la Secretaría.",
    field_display_name: "Nombre y apellidos",
    invite_submit: "Crear mi cuenta",
    users_title: "Usuarios e invitaciones",
    users_lead: "Invite a las personas que necesitan una cuenta, cambie su función o desactive una cuenta. Nadie tiene una contraseña predeterminada.",
    users_invite_title: "Invitar a una persona",
    field_role: "Función",
    field_country: "País",
    field_organisation: "Organización",
    choose_one: "Elija…",
    users_invite_submit: "Crear la invitación",
    users_invite_created: "Invitación creada. Envíe este enlace a la persona invitada: solo se muestra ahora y caduca en 7 días.",
    users_accounts_title: "Cuentas",
    users_invitations_title: "Invitaciones",
    col_email: "Correo",
    col_name: "Nombre",
    col_role: "Función",
    col_scope: "Ámbito",
    col_status: "Estado",
    col_actions: "Acciones",
    col_expires: "Caduca",
    users_active: "Activa",
    users_inactive: "Desactivada",
    users_deactivate: "Desactivar",
    users_reactivate: "Reactivar",
    users_revoke: "Anular",
    users_save_role: "Guardar función",
    users_none: "Todavía no hay invitaciones.",
    users_you: "(usted)",
    audit_title: "Auditoría",
    audit_lead: "Cada creación, cambio, retiro o restauración de datos queda registrada con quién, cuándo y el antes y el después.",
    field_entity: "Tipo de registro",
    field_record: "Registro",
    field_actor: "Persona (correo)",
    field_action: "Acción",
    field_from: "Desde",
    field_to: "Hasta",
    filter_submit: "Filtrar",
    export_csv: "Descargar CSV",
    col_at: "Fecha y hora (UTC)",
    col_actor: "Persona",
    col_action: "Acción",
    col_record: "Registro",
    col_change: "Cambio",
    audit_none: "No hay entradas con estos filtros.",
    audit_system: "sistema",
    audit_reason: "Motivo",
    page_prev: "Anterior",
    page_next: "Siguiente",
    page_of: "Página {page} de {pages}",
    forbidden_title: "No tiene permiso para esta página",
    forbidden_instead: "Lo que sí puede hacer:",
    signin_title: "Inicie sesión para continuar",
    signin_body: "Esta página es para personas con cuenta.",
    saved: "Guardado.",
    pagination_label: "Paginación",
    users_change_role: "Cambiar función",
    all: "Todos",
    entity_user: "Cuenta",
    entity_invitation: "Invitación",
    nav_dashboard: "Panel de datos",
    nav_contributions: "Contribuciones",
    usd_millions: "Millones de USD",
    measure_pledged: "Prometido",
    measure_committed: "Comprometido",
    measure_disbursed: "Desembolsado",
    measure_implemented: "Ejecutado",
    measure_funded: "Financiado",
    measure_required: "Necesidades",
    measure_coverage: "Cobertura",
    measure_gap: "Brecha",
    measure_count: "Contribuciones",
    map_more: "Más",
    map_less: "Menos",
    dash_title: "Apoyo movilizado por la Plataforma de Apoyo",
    dash_lead: "Cifras que cualquiera puede comprobar: qué se prometió, qué se comprometió, desembolsó y ejecutó, adónde fue y dónde quedan brechas frente a las necesidades de los Planes de Acción Nacional.",
    dash_definitions: "Cómo se cuenta",
    dash_def_funded: "«Financiado» es lo comprometido o más (desembolsado, ejecutado): las promesas cuentan en «prometido» pero no en «financiado».",
    dash_def_coverage: "Cobertura = financiado ÷ necesidades; brecha = necesidades − financiado. Las necesidades son los costos de los Planes de Acción Nacional por país, pilar y año.",
    dash_def_once: "El dinero canalizado a través de otra contribución registrada (por ejemplo, de un donante al ACNUR) se cuenta una sola vez. Las contribuciones canceladas o retiradas no cuentan.",
    dash_def_usd: "Los montos se convierten a dólares de EE. UU. con el tipo de cambio de la fecha de cada paso.",
    dash_examples: "Esta vista incluye {n} registros de ejemplo (ilustrativos, no oficiales).",
    filters_title: "Filtros",
    filter_year_from: "Desde el año",
    filter_year_to: "Hasta el año",
    filter_donor: "Donante",
    filter_country: "País receptor",
    filter_pillar: "Pilar",
    filter_kind: "Tipo",
    filter_status: "Estado",
    filter_apply: "Aplicar",
    filter_reset: "Quitar filtros",
    regional: "Regional",
    chart_by_donor: "Por donante (15 principales)",
    chart_by_country: "Por país receptor",
    chart_by_pillar: "Por pilar del Plan de Acción Nacional",
    chart_funnel: "De la promesa a la ejecución",
    chart_by_year: "A lo largo del tiempo",
    chart_flow: "Flujo: donante → país → pilar",
    chart_flow_note: "Valor de cada enlace: lo prometido o lo financiado, lo que sea mayor.",
    chart_coverage: "Necesidades y financiamiento por país",
    chart_map: "Financiamiento por país",
    download_png: "Descargar PNG",
    data_table: "Datos",
    col_year: "Año",
    col_donor: "Donante",
    col_recipient: "Receptor",
    col_kind: "Tipo",
    col_title: "Contribución",
    col_date: "Fecha",
    col_amount: "Monto",
    col_stage: "Paso",
    col_source: "Origen",
    col_target: "Destino",
    col_value: "Valor",
    stale_title: "Promesas pendientes",
    stale_lead: "Promesas de hace más de {months} meses que aún no se convirtieron en compromisos.",
    stale_none: "No hay promesas pendientes con estos filtros.",
    exports_title: "Datos abiertos de esta vista",
    no_data: "No hay contribuciones con estos filtros.",
    contributions_lead: "Cada contribución con su historia: de la promesa al compromiso, los desembolsos y la ejecución.",
    contributions_found: "{n} contribuciones",
    routed_through: "Canalizada a través de la contribución n.º {id} (contada una vez)",
    contribution_withdrawn: "Contribución retirada. Motivo:",
    field_channel: "Canal o entidad ejecutora",
    field_event: "Anunciada en",
    field_currency: "Moneda",
    field_source: "Fuente",
    contribution_history: "Historia",
    field_fx_rate: "Tipo de cambio (USD por unidad)",
    field_note: "Nota",
    contribution_children: "Contribuciones canalizadas a través de esta",
    add_step_title: "Registrar un paso",
    field_amount: "Monto en la moneda original",
    amount_hint: "Con punto decimal y sin separadores de miles, p. ej. 1250000.50",
    add_step_submit: "Registrar el paso",
    restore_title: "Restaurar esta contribución",
    withdraw_title: "Retirar esta contribución",
    restore_submit: "Restaurar",
    withdraw_submit: "Retirar",
    new_contribution_title: "Registrar una contribución",
    new_contribution_lead: "Registre la contribución con su primer paso (promesa, compromiso o desembolso). Los pasos siguientes se añaden desde la página de la contribución.",
    field_sector: "Sector",
    field_title_es: "Título en español",
    field_title_en: "Título en inglés",
    field_description_es: "Descripción en español",
    field_description_en: "Descripción en inglés",
    field_parent: "Canalizada a través de (n.º de contribución)",
    parent_hint: "Si este dinero ya está registrado como otra contribución (p. ej., de un donante al ACNUR), indique su número: se contará una sola vez.",
    fx_hint: "Déjelo vacío para USD. Para otras monedas, el tipo de cambio de la fecha del paso.",
    save: "Guardar",
    nav_new_contribution: "Registrar contribución",
};

pub const EN: Texts = Texts {
    site_name: "MIRPS Hub",
    site_tagline: "MIRPS Support Platform: support mobilised, good practices and learning",
    skip_to_content: "Skip to content",
    nav_label: "Main navigation",
    nav_home: "Home",
    nav_about: "About MIRPS",
    lang_switch_label: "Change language",
    lang_name: "English",
    footer_text: "MIRPS Hub publishes the support mobilised by the MIRPS Support Platform. Data marked “example” is illustrative and not an official figure.",
    footer_api: "Open data (API)",
    example_badge: "example",
    example_badge_title: "Example data: illustrative, not an official figure",
    loading: "Loading…",

    home_title: "Supporting protection and solutions in Central America and Mexico",
    home_lead: "MIRPS Hub shows what support the MIRPS Support Platform mobilises, where it goes and where gaps remain, so that decisions follow the data.",
    home_what_title: "What is MIRPS?",
    home_what_body: "The Comprehensive Regional Protection and Solutions Framework (MIRPS) is the regional application of the Global Compact on Refugees. Belize, Costa Rica, El Salvador, Guatemala, Honduras, Mexico and Panama lead it; each country carries out a National Action Plan aligned with four regional pillars.",
    home_platform_body: "The Support Platform, launched at the first Global Refugee Forum in 2019, brings together donor states, the European Union and development banks to mobilise funding, technical assistance and solidarity. UNHCR and the OAS are its Technical Secretariat.",
    home_figures_title: "Key figures",
    fig_countries: "MIRPS countries",
    fig_members: "Support Platform members",
    fig_upcoming_events: "Upcoming events",
    fig_next_event: "Next event",
    fig_no_upcoming: "No events are scheduled for now.",
    home_explore_title: "Meet the countries",
    home_explore_label: "Country",
    home_explore_submit: "Show country",
    home_explore_hint: "Choose a country to see when it joined and the working groups it leads.",
    country_joined: "MIRPS member since",
    country_leads: "Leads the working group",
    country_leads_none: "Does not currently lead a regional working group.",
    country_pillars: "Its National Action Plan is organised under the four regional pillars.",
    home_priorities_title: "Priorities of the 2022-2023 strategy",
    home_priority_1: "Transparency and accountability: track contributions beyond the pledge and publish progress.",
    home_priority_2: "Partnerships with the private sector, development banks and civil society.",
    home_priority_3: "Local integration: an inventory of services and gaps, good practices and learning events.",

    about_title: "About MIRPS and its Support Platform",
    about_lead: "Who makes up MIRPS and its Support Platform, how their work is organised, and what the 2022-2023 chair's strategy sets out to do.",
    about_countries_title: "MIRPS countries",
    about_members_title: "Support Platform members",
    about_secretariat_title: "Technical Secretariat",
    about_pillars_title: "Regional pillars of the National Action Plans",
    about_sectors_title: "Commitment sectors",
    about_groups_title: "Regional working groups",
    about_chairs_title: "Chairs of the Support Platform",
    about_framework_title: "Results framework of the 2022-2023 strategy",
    about_framework_lead: "The three objectives of the United States chairmanship, with their activities and expected results.",
    about_calendar_title: "The strategy's 2023 calendar",
    col_country: "Country",
    col_iso: "ISO code",
    col_joined: "Joined",
    col_organisation: "Organisation",
    col_org_type: "Type (IATI)",
    col_group: "Working group",
    col_lead: "Led by",
    col_period: "Period",
    col_chair: "Chair",
    col_when: "When",
    col_what: "What",
    col_note: "Note",
    objective: "Objective",
    activity: "Activity",
    result: "Result",
    gcr_objective: "Global Compact objective",
    present: "present",

    not_found_title: "Page not found",
    not_found_body: "This address does not match any MIRPS Hub page. The link may be incomplete, or the page may have moved.",
    back_home: "Back to the home page",
    error_title: "Something went wrong",

    err_not_found: "We could not find what you are looking for.",
    err_unauthorized: "Please sign in to continue.",
    err_forbidden: "Your account is not allowed to do this.",
    err_validation: "Please check the highlighted fields and try again.",
    err_conflict: "Someone changed this data while you were editing it. Reload the page and try again.",
    err_rate_limited: "Too many attempts. Wait a few minutes and try again.",
    err_unavailable: "The service is unavailable right now. Please try again in a few minutes.",
    err_internal: "Something unexpected went wrong. We have logged it; please try again later.",
    err_network: "Could not reach the server. Check your connection and try again.",
    nav_sign_in: "Sign in",
    nav_sign_out: "Sign out",
    nav_account: "My account",
    nav_users: "Users",
    nav_audit: "Audit trail",
    role_secretariat: "Secretariat or chair",
    role_focal_point: "Country focal point",
    role_member: "Support Platform member",
    invitation_pending: "Pending",
    invitation_accepted: "Accepted",
    invitation_revoked: "Revoked",
    invitation_expired: "Expired",
    login_title: "Sign in",
    login_lead: "Accounts are for country focal points, Support Platform members and the secretariat. Published data needs no account.",
    field_email: "Email",
    field_password: "Password",
    login_submit: "Sign in",
    login_no_account: "No account? The secretariat sends invitations to the people who need one.",
    account_title: "My account",
    account_role: "Role",
    account_scope: "Scope",
    account_email: "Email",
    account_name: "Name",
    account_may: "What you may do",
    may_secretariat: "You may manage everything: review and publish submissions, events, users and invitations, and read the audit trail.",
    may_focal_point: "You may edit the inventory, good practices and progress of {scope}.",
    may_member: "You may record and update the contributions and commitments of {scope}.",
    password_title: "Change password",
    password_hint: "At least 12 characters. A long phrase is safer than a complicated word.",
    field_current_password: "Current password",
    field_new_password: "New password",
    field_confirm_password: "Repeat the new password",
    password_submit: "Change password",
    password_changed: "Password changed. Your other open sessions have been signed out.",
    invite_title: "Accept the invitation",
    invite_lead: "You have been invited to MIRPS Hub. Choose your name and a password to create your account.",
    invite_invalid: "This invitation is not valid: it was used, revoked or has expired. Ask the secretariat for a new one.",
    field_display_name: "Full name",
    invite_submit: "Create my account",
    users_title: "Users and invitations",
    users_lead: "Invite the people who need an account, change their role or deactivate an account. Nobody has a default password.",
    users_invite_title: "Invite someone",
    field_role: "Role",
    field_country: "Country",
    field_organisation: "Organisation",
    choose_one: "Choose…",
    users_invite_submit: "Create invitation",
    users_invite_created: "Invitation created. Send this link to the invited person: it is shown only now and expires in 7 days.",
    users_accounts_title: "Accounts",
    users_invitations_title: "Invitations",
    col_email: "Email",
    col_name: "Name",
    col_role: "Role",
    col_scope: "Scope",
    col_status: "Status",
    col_actions: "Actions",
    col_expires: "Expires",
    users_active: "Active",
    users_inactive: "Deactivated",
    users_deactivate: "Deactivate",
    users_reactivate: "Reactivate",
    users_revoke: "Revoke",
    users_save_role: "Save role",
    users_none: "No invitations yet.",
    users_you: "(you)",
    audit_title: "Audit trail",
    audit_lead: "Every creation, change, withdrawal or restoration of data is recorded with who, when, and the before and after.",
    field_entity: "Record type",
    field_record: "Record",
    field_actor: "Person (email)",
    field_action: "Action",
    field_from: "From",
    field_to: "To",
    filter_submit: "Filter",
    export_csv: "Download CSV",
    col_at: "Date and time (UTC)",
    col_actor: "Person",
    col_action: "Action",
    col_record: "Record",
    col_change: "Change",
    audit_none: "No entries match these filters.",
    audit_system: "system",
    audit_reason: "Reason",
    page_prev: "Previous",
    page_next: "Next",
    page_of: "Page {page} of {pages}",
    forbidden_title: "You are not allowed to see this page",
    forbidden_instead: "What you can do instead:",
    signin_title: "Sign in to continue",
    signin_body: "This page is for people with an account.",
    saved: "Saved.",
    pagination_label: "Pagination",
    users_change_role: "Change role",
    all: "All",
    entity_user: "Account",
    entity_invitation: "Invitation",
    nav_dashboard: "Dashboard",
    nav_contributions: "Contributions",
    usd_millions: "USD millions",
    measure_pledged: "Pledged",
    measure_committed: "Committed",
    measure_disbursed: "Disbursed",
    measure_implemented: "Implemented",
    measure_funded: "Funded",
    measure_required: "Requirements",
    measure_coverage: "Coverage",
    measure_gap: "Gap",
    measure_count: "Contributions",
    map_more: "More",
    map_less: "Less",
    dash_title: "Support mobilised by the Support Platform",
    dash_lead: "Figures anyone can check: what was pledged, committed, disbursed and implemented, where it went, and where gaps remain against the National Action Plans' requirements.",
    dash_definitions: "How it is counted",
    dash_def_funded: "“Funded” is what is committed or further along (disbursed, implemented): pledges count in “pledged” but not in “funded”.",
    dash_def_coverage: "Coverage = funded ÷ requirements; gap = requirements − funded. Requirements are the National Action Plans' costs per country, pillar and year.",
    dash_def_once: "Money routed through another recorded contribution (for example from a donor to UNHCR) is counted once. Cancelled or withdrawn contributions do not count.",
    dash_def_usd: "Amounts are converted to US dollars at the exchange rate of each step's date.",
    dash_examples: "This view includes {n} example records (illustrative, not official).",
    filters_title: "Filters",
    filter_year_from: "From year",
    filter_year_to: "To year",
    filter_donor: "Donor",
    filter_country: "Recipient country",
    filter_pillar: "Pillar",
    filter_kind: "Kind",
    filter_status: "Status",
    filter_apply: "Apply",
    filter_reset: "Clear filters",
    regional: "Regional",
    chart_by_donor: "By donor (top 15)",
    chart_by_country: "By recipient country",
    chart_by_pillar: "By National Action Plan pillar",
    chart_funnel: "From pledge to implementation",
    chart_by_year: "Over time",
    chart_flow: "Flow: donor → country → pillar",
    chart_flow_note: "Each link's value: pledged or funded, whichever is larger.",
    chart_coverage: "Requirements and funding by country",
    chart_map: "Funding by country",
    download_png: "Download PNG",
    data_table: "Data",
    col_year: "Year",
    col_donor: "Donor",
    col_recipient: "Recipient",
    col_kind: "Kind",
    col_title: "Contribution",
    col_date: "Date",
    col_amount: "Amount",
    col_stage: "Step",
    col_source: "From",
    col_target: "To",
    col_value: "Value",
    stale_title: "Stale pledges",
    stale_lead: "Pledges older than {months} months that have not become commitments.",
    stale_none: "No stale pledges under these filters.",
    exports_title: "Open data for this view",
    no_data: "No contributions match these filters.",
    contributions_lead: "Every contribution with its history: from pledge to commitment, disbursements and implementation.",
    contributions_found: "{n} contributions",
    routed_through: "Routed through contribution #{id} (counted once)",
    contribution_withdrawn: "Contribution withdrawn. Reason:",
    field_channel: "Channel or implementing organisation",
    field_event: "Announced at",
    field_currency: "Currency",
    field_source: "Source",
    contribution_history: "History",
    field_fx_rate: "Exchange rate (USD per unit)",
    field_note: "Note",
    contribution_children: "Contributions routed through this one",
    add_step_title: "Record a step",
    field_amount: "Amount in the original currency",
    amount_hint: "With a decimal point and no thousands separators, e.g. 1250000.50",
    add_step_submit: "Record the step",
    restore_title: "Restore this contribution",
    withdraw_title: "Withdraw this contribution",
    restore_submit: "Restore",
    withdraw_submit: "Withdraw",
    new_contribution_title: "Record a contribution",
    new_contribution_lead: "Record the contribution with its first step (pledge, commitment or disbursement). Later steps are added from the contribution's page.",
    field_sector: "Sector",
    field_title_es: "Title in Spanish",
    field_title_en: "Title in English",
    field_description_es: "Description in Spanish",
    field_description_en: "Description in English",
    field_parent: "Routed through (contribution number)",
    parent_hint: "If this money is already recorded as another contribution (e.g. from a donor to UNHCR), give its number: it will be counted once.",
    fx_hint: "Leave empty for USD. For other currencies, the rate at the step's date.",
    save: "Save",
    nav_new_contribution: "Record a contribution",
};

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
