//! `init DIR --language L`: a small site written in one of the built-in interface languages,
//! published in that language only, with no draft page; it passes `check --strict`. The
//! catalogue is one file with a partner, office hours, a service desk, a three-tier path,
//! two plans, two products and two kinds of problem, each text in the chosen language.

/// The built-in interface languages a scaffold is written in.
pub(super) const LANGUAGES: [&str; 5] = ["en", "it", "de", "fr", "es"];

/// The texts of a scaffold in one language.
struct Words {
    site_title: &'static str,
    description: &'static str,
    office: &'static str,
    christmas: &'static str,
    always: &'static str,
    service_desk: &'static str,
    vendor_support: &'static str,
    tier1: &'static str,
    tier2: &'static str,
    tier3: &'static str,
    critical: &'static str,
    high: &'static str,
    normal: &'static str,
    billing: &'static str,
    outage: &'static str,
    /// The name of the sales tax prices exclude ("VAT", "IVA").
    tax: &'static str,
    home_title: &'static str,
    home_body: &'static str,
}

fn words(language: &str) -> Option<Words> {
    Some(match language {
        "en" => Words {
            site_title: "Contoso Support",
            description: "How Contoso supports the Microsoft cloud services it resells.",
            office: "Office hours",
            christmas: "Christmas Day",
            always: "Around the clock",
            service_desk: "Service Desk",
            vendor_support: "Microsoft partner support",
            tier1: "First line",
            tier2: "Second line",
            tier3: "Microsoft support",
            critical: "Critical",
            high: "High",
            normal: "Normal",
            billing: "Billing",
            outage: "Outage",
            tax: "VAT",
            home_title: "Welcome to Contoso Support",
            home_body: "You buy your Microsoft cloud services from us, so **we support you**: open every case with our Service Desk, and we involve Microsoft when a problem needs it.",
        },
        "it" => Words {
            site_title: "Assistenza Contoso",
            description: "Come Contoso vi assiste sui servizi cloud Microsoft che rivende.",
            office: "Orario d'ufficio",
            christmas: "Natale",
            always: "24 ore su 24",
            service_desk: "Service Desk",
            vendor_support: "Assistenza Microsoft per i partner",
            tier1: "Primo livello",
            tier2: "Secondo livello",
            tier3: "Assistenza Microsoft",
            critical: "Critica",
            high: "Alta",
            normal: "Normale",
            billing: "Fatturazione",
            outage: "Disservizio",
            tax: "IVA",
            home_title: "Benvenuti nell'assistenza Contoso",
            home_body: "Acquistate da noi i servizi cloud Microsoft: per questo **l'assistenza ve la diamo noi**. Aprite ogni richiesta con il nostro Service Desk; coinvolgiamo noi Microsoft quando un problema lo richiede.",
        },
        "de" => Words {
            site_title: "Contoso Support",
            description: "Wie Contoso Sie bei den Microsoft-Clouddiensten unterstützt, die Sie bei uns kaufen.",
            office: "Bürozeiten",
            christmas: "1. Weihnachtstag",
            always: "Rund um die Uhr",
            service_desk: "Service Desk",
            vendor_support: "Microsoft-Partnersupport",
            tier1: "Erste Ebene",
            tier2: "Zweite Ebene",
            tier3: "Microsoft-Support",
            critical: "Kritisch",
            high: "Hoch",
            normal: "Normal",
            billing: "Abrechnung",
            outage: "Störung",
            tax: "MwSt.",
            home_title: "Willkommen beim Contoso Support",
            home_body: "Sie kaufen Ihre Microsoft-Clouddienste bei uns, deshalb **unterstützen wir Sie**: Eröffnen Sie jeden Fall bei unserem Service Desk; wir ziehen Microsoft hinzu, wenn ein Problem es erfordert.",
        },
        "fr" => Words {
            site_title: "Assistance Contoso",
            description: "Comment Contoso vous assiste sur les services cloud Microsoft qu'il revend.",
            office: "Heures de bureau",
            christmas: "Noël",
            always: "24 h/24, 7 j/7",
            service_desk: "Centre de services",
            vendor_support: "Support Microsoft pour les partenaires",
            tier1: "Premier niveau",
            tier2: "Deuxième niveau",
            tier3: "Support Microsoft",
            critical: "Critique",
            high: "Élevée",
            normal: "Normale",
            billing: "Facturation",
            outage: "Panne",
            tax: "TVA",
            home_title: "Bienvenue sur l'assistance Contoso",
            home_body: "Vous achetez vos services cloud Microsoft chez nous : **c'est donc nous qui vous assistons**. Ouvrez chaque demande auprès de notre centre de services ; nous faisons appel à Microsoft quand un problème l'exige.",
        },
        "es" => Words {
            site_title: "Soporte de Contoso",
            description: "Cómo le ayuda Contoso con los servicios en la nube de Microsoft que revende.",
            office: "Horario de oficina",
            christmas: "Navidad",
            always: "Las 24 horas",
            service_desk: "Centro de soporte",
            vendor_support: "Soporte de Microsoft para partners",
            tier1: "Primer nivel",
            tier2: "Segundo nivel",
            tier3: "Soporte de Microsoft",
            critical: "Crítica",
            high: "Alta",
            normal: "Normal",
            billing: "Facturación",
            outage: "Interrupción del servicio",
            tax: "IVA",
            home_title: "Bienvenido al soporte de Contoso",
            home_body: "Usted compra sus servicios en la nube de Microsoft con nosotros: por eso **el soporte se lo damos nosotros**. Abra cada caso con nuestro centro de soporte; nosotros recurrimos a Microsoft cuando un problema lo requiere.",
        },
        _ => return None,
    })
}

/// A YAML double-quoted string.
fn q(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

/// The scaffold's files (path, text) in `language`; `None` for a language without words.
pub(super) fn files(language: &str) -> Option<Vec<(&'static str, String)>> {
    let w = words(language)?;
    let settings = format!(
        "title: {}\nbase_url: https://support.contoso.example/\nlanguage: {language}\ndescription: {}\n",
        q(w.site_title),
        q(w.description)
    );
    let catalogue = format!(
        r#"partner:
  name: Contoso
  relationship: direct-bill
  website: https://contoso.example/
  tax: {{ prices: excluded, name: {tax} }}

organisations:
  - id: microsoft
    name: Microsoft
    role: vendor
    website: https://partner.microsoft.com/

calendars:
  - id: office
    name: {office}
    timezone: Europe/Rome
    weekly:
      mon-fri: [09:00-13:00, 14:00-18:00]
    holidays:
      - {{ date: 2026-12-25, name: {christmas} }}
  - id: always
    name: {always}
    timezone: UTC
    always_open: true

contacts:
  - id: service-desk
    name: {service_desk}
    hours: office
    methods:
      - {{ type: phone, value: "+39 02 5555 0100" }}
      - {{ type: email, value: support@contoso.example }}
      - {{ type: web, value: "https://support.contoso.example/new", hours: always }}
  - id: microsoft-support
    name: {vendor_support}
    audience: partner-only
    operated_by: microsoft
    hours: always
    methods:
      - {{ type: web, value: "https://partner.microsoft.com/support" }}

tiers:
  - id: t1
    name: {tier1}
    contact: service-desk
  - id: t2
    name: {tier2}
    contact: service-desk
    responsible: partner
  - id: ms
    name: {tier3}
    contact: microsoft-support
    responsible: microsoft

severities:
  - {{ id: A, name: {critical} }}
  - {{ id: B, name: {high} }}
  - {{ id: C, name: {normal} }}

plans:
  - id: essential
    name: Essential
    price: {{ included: true }}
    hours: office
    contacts: [service-desk]
    response: {{ A: 4h, B: 1bd }}
  - id: premium
    name: Premium
    price: {{ amount: "49.90", currency: EUR, per: month }}
    hours: always
    contacts: [service-desk]
    response: {{ A: {{ within: 1h, clock: always }}, B: 4h }}

products:
  - id: azure
    name: Microsoft Azure
    vendor: microsoft
  - id: m365
    name: Microsoft 365
    vendor: microsoft

issue_types:
  - id: billing
    name: {billing}
    category: commercial
  - id: outage
    name: {outage}
    category: technical

routing:
  policy: first
  rules:
    - id: billing
      when: {{ issue: billing }}
      path: [t1]
    - id: critical
      when: {{ issue: outage, severity: A }}
      path: [t1, t2, ms]
    - id: outage
      when: {{ issue: outage }}
      path: [t1, t2]

expectations:
  - case: {{ product: azure, issue: outage, severity: A }}
    path: [t1, t2, ms]
"#,
        office = q(w.office),
        christmas = q(w.christmas),
        always = q(w.always),
        service_desk = q(w.service_desk),
        vendor_support = q(w.vendor_support),
        tier1 = q(w.tier1),
        tier2 = q(w.tier2),
        tier3 = q(w.tier3),
        critical = q(w.critical),
        high = q(w.high),
        normal = q(w.normal),
        billing = q(w.billing),
        outage = q(w.outage),
        tax = q(w.tax),
    );
    let home = format!(
        "---\ntitle: {}\nweight: 0\n---\n\n{}\n",
        q(w.home_title),
        w.home_body
    );
    Some(vec![
        ("supportbook.yaml", settings),
        ("catalogue/catalogue.yaml", catalogue),
        ("pages/index.md", home),
    ])
}
