//! Word lists the bench generator builds Dutch-ish names, titles and texts from. Templates use
//! `{g}` (a group), `{a}` (an actor), `{t}` (a topic), `{w}` (where or when), `{p}` (a place),
//! `{v}` (an activity) and `{x}` (an experience).

/// Places for organisations, coalitions, meetings and areas.
pub const PLACES: &[&str] = &[
    "Amsterdam", "Amstelveen", "Nieuwegein", "Leiden", "Utrecht", "Rotterdam", "Den Haag", "Zaanstad", "Haarlem",
    "Almere", "Lelystad", "Zwolle", "Deventer", "Enschede", "Arnhem", "Nijmegen", "Tilburg", "Breda", "Eindhoven",
    "Helmond", "Maastricht", "Heerlen", "Venlo", "Groningen", "Leeuwarden", "Assen", "Emmen", "Dordrecht",
    "Gouda", "Delft", "Schiedam", "Zoetermeer", "Alphen aan den Rijn", "Purmerend", "Hoorn", "Alkmaar",
    "Den Helder", "Hilversum", "Amersfoort", "Veenendaal", "Ede", "Apeldoorn", "Hengelo", "Oss", "Roosendaal",
    "Bergen op Zoom", "Middelburg", "Vlissingen", "Katwijk", "Uithoorn",
];

/// Neighbourhoods, for area coalitions and resident initiatives.
pub const AREAS: &[&str] = &[
    "Nieuw-West", "Zuidoost", "Noord", "Oost", "De Pijp", "Slotervaart", "Osdorp", "Geuzenveld", "Bijlmer",
    "Galgenwaard", "Overvecht", "Kanaleneiland", "Batau", "Fokkesteeg", "Merenwijk", "Stevenshof", "Bospolder",
    "Tussendijken", "Transvaal", "Schilderswijk", "Laakkwartier", "Poelenburg", "Kolenkit", "Holendrecht",
    "Keizer Karelpark", "Westwijk", "Waterwijk", "Presikhaaf", "Malburgen", "Hatert",
];

/// Second halves of organisation names.
pub const ORG_NAMES: &[&str] = &[
    "Het Anker", "De Linde", "De Brug", "Het Baken", "De Kade", "Het Kompas", "De Horizon", "De Wending",
    "Het Veer", "De Meander", "Het Raster", "De Vaart", "Samen Thuis", "Buurtkracht", "Op Eigen Kracht",
    "De Ontmoeting", "Het Buurthuis", "De Schakel", "Thuis in de Wijk", "De Waterlelie", "Het Open Huis",
    "Nieuw Perspectief", "De Verbinding", "Het Netwerk", "De Regenboog", "Dichtbij", "De Sleutel", "Het Palet",
];

/// Themes: slug stems and names.
pub const THEMES: &[(&str, &str)] = &[
    ("eenzaamheid", "Eenzaamheid"),
    ("schulden", "Schulden en geldzorgen"),
    ("wonen", "Wonen en woonbegeleiding"),
    ("herstel", "Herstel en ervaringskennis"),
    ("dagbesteding", "Dagbesteding en werk"),
    ("mantelzorg", "Mantelzorg"),
    ("jeugd", "Jeugd en gezin"),
    ("ouderen", "Ouderen in de wijk"),
    ("armoede", "Armoede en bestaanszekerheid"),
    ("laaggeletterdheid", "Laaggeletterdheid"),
    ("dakloosheid", "Dak- en thuisloosheid"),
    ("informele-zorg", "Informele zorg"),
    ("preventie", "Preventie"),
    ("zelfregie", "Zelfregie"),
    ("inclusie", "Inclusie en diversiteit"),
    ("statushouders", "Statushouders"),
    ("ggz-in-de-wijk", "GGZ in de wijk"),
    ("huiselijk-geweld", "Huiselijk geweld"),
    ("participatie", "Participatie"),
    ("wooncirkels", "Wooncirkels"),
    ("buurtteams", "Buurtteams"),
    ("digitale-inclusie", "Digitale inclusie"),
    ("gezondheid", "Positieve gezondheid"),
    ("vrijwilligers", "Vrijwillige inzet"),
    ("integrale-toegang", "Integrale toegang"),
    ("levensloop", "Levensloopbestendig wonen"),
    ("verslaving", "Verslaving en herstel"),
    ("jongvolwassenen", "Jongvolwassenen"),
    ("datagedreven", "Datagedreven werken"),
    ("leren-evalueren", "Leren en evalueren"),
];

pub const FIRST_NAMES: &[&str] = &[
    "Anouk", "Bram", "Daan", "Eva", "Fatima", "Gert", "Hanneke", "Ilse", "Jeroen", "Karim", "Lotte", "Mohamed",
    "Noor", "Olga", "Pieter", "Rachida", "Sanne", "Tom", "Ursula", "Vincent", "Willemijn", "Youssef", "Zeynep",
    "Marieke", "Koen", "Ayse", "Joost", "Esther", "Thijs", "Nadia", "Ruud", "Femke", "Sem", "Lieke", "Hakan",
];

pub const LAST_NAMES: &[&str] = &[
    "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
    "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Yilmaz",
    "El Amrani", "Kaya", "Bouali", "van Dijk", "Koster", "Prins", "Huisman", "Postma", "Kuipers", "van der Meer",
];

/// Groups people learn about and with.
pub const GROUPS: &[&str] = &[
    "bewoners met een licht verstandelijke beperking", "ouderen die alleen wonen", "jongvolwassenen zonder netwerk",
    "gezinnen met schulden", "statushouders", "mantelzorgers", "dak- en thuislozen", "mensen met psychische kwetsbaarheid",
    "laaggeletterde ouders", "buurtbewoners", "vrijwilligers", "mensen in een herstelwoning", "kinderen in armoede",
];

/// Who acts.
pub const ACTORS: &[&str] = &[
    "het buurtteam", "de wijkverpleging", "ervaringsdeskundigen", "de woningcorporatie", "de gemeente",
    "vrijwilligers", "de huisarts", "buurtcoaches", "de zorgaanbieder", "onderzoekers van de hogeschool",
    "het sociaal wijkteam", "de wijkagent", "jongerenwerkers", "de schuldhulpverlening", "het bewonersplatform",
];

/// What it is about.
pub const TOPICS: &[&str] = &[
    "eenzaamheid", "vroegsignalering van schulden", "een stabiele woonplek", "herstel na een crisis",
    "zinvolle dagbesteding", "passende ondersteuning", "de overgang naar zelfstandig wonen", "informele zorg",
    "samenwerking tussen formele en informele zorg", "de toegang tot hulp", "preventie", "bestaanszekerheid",
    "een veilige leeromgeving", "het delen van ervaringskennis", "het opbouwen van een netwerk", "wooncirkels",
];

/// Where or when.
pub const WHERES: &[&str] = &[
    "in de wijk", "zonder wachtlijst", "na een verhuizing", "met weinig budget", "in een krappe woningmarkt",
    "bij een eerste huisbezoek", "na de zomer", "in kleine gemeenten", "tijdens de wachttijd", "op de lange termijn",
    "zonder extra formatie", "in samenwerking met partners", "als het dossier ontbreekt", "na afloop van de subsidie",
];

/// What people do together.
pub const ACTIVITIES: &[&str] = &[
    "een intervisiebijeenkomst", "een huiskamergesprek", "een wijkwandeling", "een leerlab", "een casusbespreking",
    "een inloopspreekuur", "een buurtmaaltijd", "een werkatelier", "een reflectiesessie", "een thematafel",
];

/// What happened.
pub const EXPERIENCES: &[&str] = &[
    "de opkomst hoger was dan verwacht", "bewoners zelf met oplossingen kwamen", "de eerste afspraak vaak niet doorging",
    "de vaste contactpersoon het verschil maakte", "de regels meer ruimte gaven dan gedacht",
    "het gesprek pas op gang kwam na de koffie", "de financiering na een jaar stopte",
    "de samenwerking met de corporatie veel sneller ging", "niemand zich eigenaar voelde van het probleem",
    "een ervaringsdeskundige de toon zette",
];

/// Learning question titles.
pub const QUESTION_TITLES: &[&str] = &[
    "Hoe bereiken we {g} {w}?",
    "Wat werkt bij {t} voor {g}?",
    "Hoe kunnen {a} en {a} samen werken aan {t}?",
    "Welke rol spelen {a} bij {t} {w}?",
    "Hoe houden we {t} vol {w}?",
    "Wat hebben {g} nodig om {t} zelf vorm te geven?",
    "Hoe meten we of {v} bijdraagt aan {t}?",
    "Waarom haken {g} af bij {t}, en wat helpt dan?",
];

/// Sentences of contexts, reports and summaries.
pub const SENTENCES: &[&str] = &[
    "In {p} merken we dat {g} moeilijk de weg vinden naar {t}.",
    "Sinds vorig jaar organiseren {a} en {a} samen {v} {w}.",
    "We zagen dat {x}.",
    "De vraag kwam op tijdens {v} met {g}.",
    "Het is nog niet duidelijk wie verantwoordelijk is voor {t}.",
    "{A} geeft aan dat {t} meer tijd vraagt dan gepland.",
    "Wat ons opviel was dat {x}, ook {w}.",
    "We willen weten hoe andere coalities omgaan met {t}.",
    "Bij de evaluatie bleek dat {x}.",
    "Het gesprek ging vooral over {t} en de rol van {a}.",
    "Voor {g} is {t} vaak een eerste stap.",
    "In de leergemeenschap spraken we af om {v} te herhalen {w}.",
];

/// Openings of contributions, per kind.
pub const OPENINGS: &[&str] = &[
    "Onze ervaring: ", "Wat we leerden: ", "Tip: ", "Doen: ", "Niet doen: ", "Zie ook: ",
];

/// Coalition names.
pub const COALITION_NAMES: &[&str] = &[
    "Leergemeenschap {T} {p}",
    "Wijkcoalitie {P}",
    "Community of practice {T}",
    "Samenwerkingsverband {T} {p}",
    "Lerend netwerk {T}",
];

/// Workgroup names.
pub const WORKGROUP_NAMES: &[&str] = &[
    "Werkgroep {T}",
    "Leercirkel {T} {p}",
    "Leerstudio {T}",
    "Kerngroep {T} {P}",
    "Werkplaats {T}",
];

pub const METHODS: &[&str] =
    &["Leercirkel", "Appreciative inquiry", "Intervisie", "Actieonderzoek", "Design thinking", "Casuïstiek"];

pub const WORK_FORMS: &[&str] =
    &["Fishbowl", "Wereldcafé", "Werkatelier", "Casusbespreking", "Open space", "Intervisie", "Wandelgesprek"];

pub const LOCATIONS: &[&str] = &[
    "Buurthuis De Schakel", "Wijkcentrum Het Anker", "Bibliotheek", "Gemeentehuis, zaal 2", "Online (Teams)",
    "Hogeschool, lokaal 1.14", "Huiskamer van de wooncirkel", "Stadsdeelkantoor",
];

pub const TRACK_TITLES: &[&str] = &[
    "Leertraject {T}",
    "Van vraag naar aanpak: {T}",
    "Leerlijn {T} voor professionals",
    "Samen leren over {T}",
];

pub const MEETING_TITLES: &[&str] = &[
    "Leersessie {T}",
    "Werkatelier {T} in {p}",
    "Expertmeeting {T}",
    "Kennisgemeenschap {T}",
    "Terugkombijeenkomst {T}",
];

pub const OUTCOME_TITLES: &[&str] = &[
    "Bundel: lessen over {T}",
    "Rapport: {T} in {p}",
    "Handreiking {T}",
    "Beeldverhaal {T}",
    "Artikel: wat we leerden over {T}",
    "Toolkit {T}",
];
