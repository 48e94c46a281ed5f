"""Demo content: the Republic of Valmerre, its agencies, civil society and forum.

Valmerre is fictional; its institutions, people and texts are invented, but written as a
real forum would write them. Each text is given as (French, English).
"""

MEMBER = {
    "slug": "valmerre",
    "name": ("République de Valmerre", "Republic of Valmerre"),
    "country_code": "",
    "kind": "national",
    "administrative_languages": ["fr"],
    "joined_ogp_on": (2016, 9, 20),
    "description": (
        "La République de Valmerre a rejoint le Partenariat pour un gouvernement ouvert en 2016. "
        "Avec la société civile, elle co-crée des plans d'action pour rendre l'action publique "
        "plus transparente, plus participative et plus redevable.",
        "The Republic of Valmerre joined the Open Government Partnership in 2016. Together with "
        "civil society, it co-creates action plans to make government more transparent, more "
        "participatory and more accountable.",
    ),
}

# key: (name fr, name en, acronym, kind, public e-mail)
ORGANISATIONS = {
    "mtfp": ("Ministère de la Transformation publique", "Ministry of Public Transformation",
             "MTFP", "government_agency", "gouvernement-ouvert@mtfp.valmerre.example"),
    "mef": ("Ministère de l'Économie et des Finances", "Ministry of Economy and Finance",
            "MEF", "government_agency", "contact@finances.valmerre.example"),
    "anmp": ("Agence nationale des marchés publics", "National Public Procurement Agency",
             "ANMP", "government_agency", "donnees@anmp.valmerre.example"),
    "cai": ("Commission d'accès à l'information", "Access to Information Commission",
            "CAI", "government_agency", "secretariat@cai.valmerre.example"),
    "mte": ("Ministère de la Transition écologique", "Ministry of Ecological Transition",
            "MTE", "government_agency", "eau@mte.valmerre.example"),
    "mj": ("Ministère de la Justice", "Ministry of Justice", "MJ", "government_agency",
           "justice-ouverte@justice.valmerre.example"),
    "ms": ("Ministère de la Santé", "Ministry of Health", "MS", "government_agency",
           "donnees@sante.valmerre.example"),
    "insv": ("Institut national de la statistique de Valmerre",
             "National Statistics Institute of Valmerre", "INSV", "government_agency",
             "diffusion@insv.valmerre.example"),
    "acv": ("Association des communes de Valmerre", "Association of Valmerre Municipalities",
            "ACV", "local_government", "secretariat@communes.valmerre.example"),
    "an": ("Assemblée nationale", "National Assembly", "AN", "parliament",
           "parlement-ouvert@assemblee.valmerre.example"),
    "tv": ("Transparence Valmerre", "Transparency Valmerre", "TV", "civil_society",
           "contact@transparence-valmerre.example"),
    "ocb": ("Observatoire citoyen du budget", "Citizen Budget Observatory", "OCB",
            "civil_society", "bonjour@observatoire-budget.example"),
    "rfl": ("Réseau des femmes leaders", "Women Leaders Network", "RFL", "civil_society",
            "reseau@femmes-leaders.example"),
    "cdo": ("Collectif Données ouvertes", "Open Data Collective", "CDO", "civil_society",
            "collectif@donnees-ouvertes.example"),
    "jpg": ("Jeunes pour la gouvernance", "Youth for Governance", "JPG", "civil_society",
            "jeunes@jpg-valmerre.example"),
    "faph": ("Fédération des associations de personnes handicapées",
             "Federation of Disabled People's Organisations", "FAPH", "civil_society",
             "accessibilite@faph.example"),
    "cee": ("Coalition Eau et Environnement", "Water and Environment Coalition", "CEE",
            "civil_society", "coalition@eau-environnement.example"),
    "ldh": ("Ligue valmerraise des droits humains", "Valmerre Human Rights League", "LVDH",
            "civil_society", "ligue@lvdh.example"),
    "upa": ("Université de Port-Aurèle — Chaire Gouvernance publique",
            "University of Port-Aurèle — Public Governance Chair", "UPA", "academia",
            "chaire.gouvernance@upa.example"),
    "cciv": ("Chambre de commerce et d'industrie de Valmerre",
             "Valmerre Chamber of Commerce and Industry", "CCIV", "private_sector",
             "info@cciv.example"),
}

# (name, title fr, title en, organisation, public?)
PEOPLE = [
    ("Claire Marchand", "Directrice de l'innovation publique, Point de contact PGO",
     "Director of Public Innovation, OGP Point of Contact", "mtfp", True),
    ("Henri Delaunay", "Ministre de la Transformation publique", "Minister of Public Transformation",
     "mtfp", True),
    ("Aminata Koné", "Cheffe du bureau du budget", "Head of the Budget Office", "mef", True),
    ("Julien Moreau", "Responsable des données ouvertes", "Open Data Lead", "anmp", True),
    ("Sophie Lambert", "Secrétaire générale", "Secretary General", "cai", True),
    ("Paul Garnier", "Chef du service de l'eau", "Head of Water Services", "mte", False),
    ("Nadia Benali", "Conseillère justice ouverte", "Open Justice Adviser", "mj", True),
    ("Marc Olivier", "Directeur des systèmes d'information", "Chief Information Officer", "ms", False),
    ("Élise Fontaine", "Déléguée générale", "Executive Director", "acv", True),
    ("Ibrahim Diallo", "Président", "President", "tv", True),
    ("Lucie Perrin", "Coordinatrice", "Coordinator", "ocb", True),
    ("Fatou Ndiaye", "Présidente", "Chair", "rfl", True),
    ("Thomas Keller", "Animateur", "Community Lead", "cdo", True),
    ("Inès Rahmani", "Porte-parole", "Spokesperson", "jpg", True),
    ("Bernard Lefèvre", "Chargé de plaidoyer", "Advocacy Officer", "faph", False),
    ("Awa Traoré", "Secrétaire exécutive", "Executive Secretary", "cee", True),
    ("Camille Roux", "Titulaire de la chaire", "Chair Holder", "upa", True),
    ("Gérard Masson", "Député, président de la commission des lois",
     "Member of Parliament, Chair of the Law Committee", "an", True),
    ("Hélène Dubois", "Analyste marchés publics", "Procurement Analyst", "anmp", False),
]

FORUM = {
    "name": ("Forum multi-acteurs pour un gouvernement ouvert",
             "Multi-stakeholder Forum for Open Government"),
    "legal_basis_kind": "decree",
    "legal_basis": (
        "Décret n° 2017-412 du 14 mars 2017 portant création du Forum multi-acteurs pour un "
        "gouvernement ouvert, modifié par le décret n° 2023-88 du 2 février 2023 (parité entre "
        "administration et société civile).",
        "Decree No. 2017-412 of 14 March 2017 establishing the Multi-stakeholder Forum for Open "
        "Government, amended by Decree No. 2023-88 of 2 February 2023 (parity between government "
        "and civil society).",
    ),
    "mandate": (
        "Le Forum co-crée les plans d'action nationaux, suit leur mise en œuvre et veille au "
        "respect des normes de participation et de co-création du PGO.",
        "The Forum co-creates the national action plans, follows their implementation and "
        "makes sure that OGP's participation and co-creation standards are met.",
    ),
    "rules_of_participation": (
        "Les réunions sont ouvertes au public comme observateur, sur inscription. Les ordres du "
        "jour sont publiés dix jours avant chaque réunion et les comptes rendus dans les trente "
        "jours. Toute personne peut adresser une question écrite au Forum.",
        "Meetings are open to the public as observers, on registration. Agendas are published "
        "ten days before each meeting and minutes within thirty days. Anyone can send the "
        "Forum a written question.",
    ),
    "membership_rules": (
        "Sept sièges pour l'administration, sept pour la société civile, deux pour le parlement "
        "et le monde universitaire. Les organisations de la société civile désignent leurs "
        "représentants par un appel public et un vote entre elles, pour deux ans renouvelables "
        "une fois.",
        "Seven seats for government, seven for civil society, two for parliament and academia. "
        "Civil society organisations choose their representatives through a public call and a "
        "vote among themselves, for two years, renewable once.",
    ),
    "meeting_frequency": (
        "Le Forum se réunit en séance plénière au moins tous les trois mois, et au moins deux "
        "fois par an pour examiner la mise en œuvre avec la société civile.",
        "The Forum meets in plenary at least every three months, and at least twice a year to "
        "review implementation with civil society.",
    ),
    "decision_making": (
        "Les décisions sont prises par consensus ; à défaut, à la majorité des deux tiers, "
        "chaque collège (administration, société civile) devant réunir la majorité de ses voix.",
        "Decisions are made by consensus; failing that, by a two-thirds majority, with a "
        "majority within each constituency (government, civil society).",
    ),
}

# (organisation, person name or None, constituency, role fr, role en, selection)
# F4: the groups these civil-society seats speak for.
SEAT_INCLUSION = {"rfl": ["women"], "jpg": ["youth"], "faph": ["disability"]}

SEATS = [
    ("mtfp", "Claire Marchand", "government", "Co-présidence", "Co-chair", "ex_officio"),
    ("mef", "Aminata Koné", "government", "", "", "appointment"),
    ("anmp", "Julien Moreau", "government", "", "", "appointment"),
    ("cai", "Sophie Lambert", "government", "", "", "ex_officio"),
    ("mte", "Paul Garnier", "government", "", "", "appointment"),
    ("mj", "Nadia Benali", "government", "", "", "appointment"),
    ("acv", "Élise Fontaine", "government", "Collectivités locales", "Local governments",
     "appointment"),
    ("tv", "Ibrahim Diallo", "civil_society", "Co-présidence", "Co-chair", "self_selection"),
    ("ocb", "Lucie Perrin", "civil_society", "", "", "self_selection"),
    ("rfl", "Fatou Ndiaye", "civil_society", "", "", "self_selection"),
    ("cdo", "Thomas Keller", "civil_society", "", "", "self_selection"),
    ("jpg", "Inès Rahmani", "civil_society", "Siège jeunesse", "Youth seat", "self_selection"),
    ("faph", "Bernard Lefèvre", "civil_society", "", "", "self_selection"),
    ("cee", "Awa Traoré", "civil_society", "", "", "self_selection"),
    ("upa", "Camille Roux", "other", "Observatrice académique", "Academic observer",
     "open_call"),
    ("an", "Gérard Masson", "other", "Représentant du parlement", "Parliament's representative",
     "appointment"),
]

ABOUT_OGP = {
    "slug": "about-ogp",
    "title": ("Le PGO en bref", "About OGP", "La AGA en breve"),
    "summary": ("Ce qu'est le Partenariat pour un gouvernement ouvert, et ce qu'il change pour "
                "vous.", "What the Open Government Partnership is, and what it changes for you.",
                "Qué es la Alianza para el Gobierno Abierto y qué cambia para usted."),
    "body": (
        "Le Partenariat pour un gouvernement ouvert (PGO) réunit plus de 75 pays et plus de 100 "
        "collectivités locales qui s'engagent, avec leur société civile, à rendre l'action "
        "publique plus transparente, plus participative et plus redevable.\n\n"
        "Tous les deux ou quatre ans, chaque membre écrit avec la société civile un plan "
        "d'action. Chaque engagement du plan dit quel problème il règle, qui le porte et quand "
        "il sera tenu.\n\n"
        "Un mécanisme indépendant, le MEI, vérifie que le plan a bien été co-créé et qu'il est "
        "tenu. Un membre qui ne respecte pas les règles est déclaré « contraire au "
        "processus ».\n\n"
        "Sur ce site, vous pouvez lire nos plans, suivre l'avancement de chaque engagement, "
        "consulter les documents et proposer vos idées, sans créer de compte.",
        "The Open Government Partnership (OGP) brings together more than 75 countries and over "
        "100 local governments that commit, with their civil society, to make government more "
        "transparent, more participatory and more accountable.\n\n"
        "Every two or four years, each member writes an action plan with civil society. Each "
        "commitment says which problem it solves, who leads it and by when.\n\n"
        "An independent body, the IRM, checks that the plan was co-created and that it is "
        "carried out. A member that does not follow the rules is found \"contrary to "
        "process\".\n\n"
        "On this site you can read our plans, follow each commitment's progress, find the "
        "documents and send your ideas, without creating an account.",
        "La Alianza para el Gobierno Abierto (AGA) reúne a más de 75 países y más de 100 "
        "gobiernos locales que se comprometen, junto con su sociedad civil, a hacer la acción "
        "pública más transparente, más participativa y más responsable.\n\n"
        "Cada dos o cuatro años, cada miembro escribe un plan de acción con la sociedad civil. "
        "Cada compromiso dice qué problema resuelve, quién lo lleva a cabo y para cuándo.\n\n"
        "Un mecanismo independiente, el MRI, comprueba que el plan se co-creó y que se cumple. "
        "Un miembro que no respeta las reglas es declarado \"contrario al proceso\".\n\n"
        "En este sitio puede leer nuestros planes, seguir el avance de cada compromiso, "
        "consultar los documentos y enviar sus ideas, sin crear una cuenta."),
}
