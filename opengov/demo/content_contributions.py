"""Demo content: themes, public contributions and the Forum's reasoned responses.

Each idea is (language, stakeholder type, outcome, text). The outcome is the key of the
commitment it led to, or the reason it was not included ("later", "scope", "done").
Workshops restate some ideas in their own words: ``RESTATEMENTS`` wrap an idea as a
workshop note, which gives the near-duplicates any real consultation has.
"""

# key: (kind, name fr, name en)
THEMES = {
    "procurement": ("sector", "Marchés publics", "Public procurement"),
    "budget": ("sector", "Budget et finances publiques", "Budget and public finance"),
    "rti": ("sector", "Accès à l'information", "Access to information"),
    "justice": ("sector", "Justice", "Justice"),
    "environment": ("sector", "Eau et environnement", "Water and environment"),
    "health": ("sector", "Santé", "Health"),
    "integrity": ("sector", "Intégrité et lutte contre la corruption",
                  "Integrity and anti-corruption"),
    "parliament": ("sector", "Parlement ouvert", "Open parliament"),
    "inclusion": ("sector", "Inclusion", "Inclusion"),
    "south": ("jurisdiction", "Région Sud", "South region"),
    "national": ("jurisdiction", "Niveau national", "National level"),
    "transparency": ("governance", "Transparence", "Transparency"),
    "participation": ("governance", "Participation civique", "Civic participation"),
    "accountability": ("governance", "Redevabilité", "Public accountability"),
    "digital": ("governance", "Gouvernance numérique", "Digital governance"),
}

IDEAS = [
    # Public procurement
    ("fr", "civil_society", "open-contracting", ["procurement", "transparency"],
     "Publier les contrats signés et leurs avenants, pas seulement les appels d'offres. "
     "Aujourd'hui on ne sait jamais qui a gagné ni pour combien."),
    ("fr", "private_sector", "open-contracting", ["procurement"],
     "Les PME de province n'apprennent l'existence des marchés qu'après la date limite. Un "
     "portail unique avec alertes par secteur et par région changerait tout."),
    ("fr", "citizen", "open-contracting", ["procurement", "south"],
     "La route entre Saint-Lys et Montbrac a été payée deux fois en dix ans et n'est toujours "
     "pas finie. Je voudrais pouvoir suivre les paiements de ce genre de chantier."),
    ("fr", "academia", "open-contracting", ["procurement", "digital"],
     "Adopter le standard OCDS pour que les données de marchés soient comparables avec celles "
     "des pays voisins et exploitables par les chercheurs."),
    ("en", "civil_society", "open-contracting", ["procurement", "accountability"],
     "Publish contract award data in open format so that we can flag single-bid tenders and "
     "repeated winners. Red flags should be public."),
    ("en", "private_sector", "open-contracting", ["procurement"],
     "Foreign bidders cannot find tender documents in English. At least award notices should "
     "be published in a machine-readable format."),
    ("fr", "government", "open-contracting", ["procurement"],
     "Nos 14 systèmes d'achat ne se parlent pas. Un entrepôt commun de données simplifierait "
     "aussi le travail des acheteurs publics."),
    ("fr", "civil_society", "beneficial-ownership", ["integrity", "procurement"],
     "Rendre public le registre des bénéficiaires effectifs : les sociétés écrans qui gagnent "
     "des marchés appartiennent souvent à des proches d'élus."),
    ("en", "civil_society", "beneficial-ownership", ["integrity"],
     "Open the beneficial ownership register and cross-check it with procurement data, as "
     "other OGP members have done."),
    ("fr", "citizen", "beneficial-ownership", ["integrity"],
     "Qui possède vraiment les entreprises qui construisent nos écoles ? Le registre devrait "
     "être consultable par tous, gratuitement."),
    ("fr", "academia", "beneficial-ownership", ["integrity", "accountability"],
     "Le registre actuel n'est jamais vérifié. Prévoir des contrôles aléatoires et des "
     "sanctions en cas de fausse déclaration."),
    # Budget
    ("fr", "civil_society", "citizen-budget", ["budget", "transparency"],
     "Publier un budget citoyen de dix pages en langage clair, avec des exemples concrets "
     "(combien coûte une école, un dispensaire)."),
    ("fr", "citizen", "citizen-budget", ["budget", "participation"],
     "Je voudrais pouvoir donner mon avis sur le budget avant qu'il soit voté, pas après."),
    ("en", "civil_society", "citizen-budget", ["budget"],
     "Hold a public pre-budget consultation every year and publish how the comments were "
     "used. The Open Budget Survey marks Valmerre low on participation."),
    ("fr", "local_government", "citizen-budget", ["budget", "south"],
     "Les transferts de l'État vers les communes doivent apparaître commune par commune dans "
     "le budget, pour que les habitants sachent ce que reçoit leur mairie."),
    ("fr", "citizen", "citizen-budget", ["budget"],
     "Expliquer à la radio, en langue locale, les grandes lignes du budget de l'année."),
    ("en", "academia", "citizen-budget", ["budget", "accountability"],
     "Publish in-year budget execution reports monthly, not once a year, so that deviations "
     "can be spotted in time."),
    ("fr", "civil_society", "participatory-budgeting", ["budget", "participation", "south"],
     "Étendre le budget participatif de Port-Aurèle aux communes rurales, avec un "
     "accompagnement pour les petites mairies qui n'ont pas de personnel."),
    ("fr", "citizen", "participatory-budgeting", ["participation", "south"],
     "Dans mon village on ne nous demande jamais rien. Un budget participatif permettrait de "
     "choisir entre le puits et la salle communale."),
    ("fr", "civil_society", "participatory-budgeting", ["participation", "inclusion", "south"],
     "Prévoir des votes séparés ou des quotas pour que les femmes participent vraiment aux "
     "budgets participatifs, les réunions du soir les excluent."),
    ("en", "local_government", "participatory-budgeting", ["participation", "south"],
     "Small municipalities need a shared online platform for participatory budgeting; we "
     "cannot each build one."),
    # Access to information
    ("fr", "citizen", "right-to-information", ["rti"],
     "J'ai demandé le rapport d'inspection de l'école de mon fils il y a quatre mois. Aucune "
     "réponse. Il faudrait un numéro de suivi et un délai visible."),
    ("fr", "civil_society", "right-to-information", ["rti", "accountability"],
     "Publier chaque trimestre le nombre de demandes d'accès reçues, refusées et restées sans "
     "réponse, administration par administration."),
    ("fr", "civil_society", "right-to-information", ["rti", "south"],
     "Les agents des préfectures du sud ne connaissent pas la loi d'accès à l'information. "
     "Former les agents dans toutes les régions, pas seulement à Port-Aurèle."),
    ("en", "civil_society", "right-to-information", ["rti", "digital"],
     "Create a single online portal for information requests, where answers are published "
     "for everyone once released."),
    ("fr", "citizen", "right-to-information", ["rti"],
     "Pouvoir faire une demande d'accès par téléphone ou en personne, pas seulement par "
     "courrier recommandé : tout le monde n'écrit pas."),
    ("en", "academia", "right-to-information", ["rti"],
     "Researchers wait months for administrative statistics. Proactive publication of "
     "frequently requested documents would save everyone time."),
    ("fr", "civil_society", "later", ["rti"],
     "Réformer la loi de 2014 pour réduire les exceptions au droit d'accès, notamment le "
     "« secret des affaires » invoqué à tort."),
    # Justice
    ("fr", "academia", "open-justice", ["justice", "transparency"],
     "Publier les décisions des cours d'appel, pseudonymisées, en accès libre. Aujourd'hui "
     "seuls les cabinets abonnés aux bases privées y ont accès."),
    ("fr", "civil_society", "open-justice", ["justice"],
     "Les justiciables pauvres ne connaissent pas la jurisprudence qui les concerne. Une base "
     "publique gratuite de décisions est une question d'égalité."),
    ("en", "civil_society", "open-justice", ["justice", "transparency"],
     "Publish court decisions with names removed, and statistics on case duration per court."),
    ("fr", "citizen", "scope", ["justice"],
     "Mon procès dure depuis six ans. Il faut embaucher plus de juges."),
    ("fr", "civil_society", "later", ["justice", "inclusion"],
     "Créer des maisons de justice et du droit dans chaque chef-lieu de région pour "
     "l'information juridique gratuite."),
    # Water and environment
    ("fr", "citizen", "water-transparency", ["environment", "south"],
     "À Montbrac l'eau est coupée deux jours par semaine depuis l'été. Personne ne nous "
     "prévient et on ne sait pas si l'eau qui revient est potable."),
    ("fr", "civil_society", "water-transparency", ["environment", "transparency"],
     "Publier les analyses de qualité de l'eau commune par commune, chaque mois, comme le "
     "font déjà les opérateurs pour le ministère."),
    ("fr", "civil_society", "water-transparency", ["environment", "participation", "south"],
     "Créer des comités d'usagers de l'eau dans les communes du sud pour suivre les coupures "
     "et les travaux avec l'opérateur."),
    ("en", "civil_society", "water-transparency", ["environment"],
     "A text-message service to report water outages would reach rural residents who have no "
     "internet access."),
    ("fr", "citizen", "water-transparency", ["environment", "south"],
     "Les femmes font des kilomètres pour chercher de l'eau pendant les coupures. Qu'on sache "
     "au moins quand elles finissent."),
    ("fr", "academia", "later", ["environment"],
     "Publier les données d'émissions industrielles et les permis environnementaux des sites "
     "classés."),
    ("en", "civil_society", "later", ["environment", "accountability"],
     "Open up climate finance: publish how international climate funds received by Valmerre "
     "are spent, project by project."),
    # Health
    ("fr", "citizen", "health-waiting-times", ["health"],
     "J'ai fait 80 km pour une consultation à l'hôpital régional, le médecin n'était pas là. "
     "Publier les délais et les présences permettrait d'éviter ça."),
    ("fr", "civil_society", "health-waiting-times", ["health", "transparency"],
     "Publier chaque mois les ruptures de stock de médicaments essentiels par hôpital."),
    ("en", "citizen", "health-waiting-times", ["health"],
     "Waiting times at public hospitals should be online so patients can choose where to go."),
    ("fr", "government", "health-waiting-times", ["health", "digital"],
     "Le ministère dispose déjà d'un tableau de bord interne des délais ; l'ouvrir au public "
     "demanderait peu de travail."),
    ("fr", "citizen", "scope", ["health"],
     "Construire un hôpital à Saint-Lys, le plus proche est à deux heures de route."),
    # Parliament and participation
    ("fr", "civil_society", "participatory-lawmaking", ["parliament", "participation"],
     "Ouvrir les projets de loi aux commentaires du public en ligne avant leur examen en "
     "commission."),
    ("fr", "citizen", "participatory-lawmaking", ["parliament"],
     "Publier les votes de chaque député et les amendements en format ouvert."),
    ("en", "civil_society", "participatory-lawmaking", ["parliament", "participation"],
     "Rapporteurs should publish a response to the public comments they receive on a bill."),
    ("fr", "civil_society", "participatory-lawmaking", ["parliament", "inclusion"],
     "Les jeunes veulent participer : organiser des consultations dans les lycées et les "
     "universités sur les projets de loi qui les concernent."),
    ("fr", "citizen", "done", ["parliament"],
     "Retransmettre les séances de l'Assemblée en direct sur internet."),
    # Inclusion and digital services
    ("fr", "civil_society", "accessible-services", ["inclusion", "digital"],
     "Les démarches en ligne sont inutilisables avec un lecteur d'écran. Tester les services "
     "avec des personnes aveugles avant leur mise en ligne."),
    ("fr", "civil_society", "accessible-services", ["inclusion", "digital"],
     "Imposer le référentiel d'accessibilité dans tous les marchés informatiques publics et "
     "publier les audits."),
    ("en", "civil_society", "accessible-services", ["inclusion"],
     "Deaf people cannot use the tax helpline. Offer a video relay service in sign language."),
    ("fr", "citizen", "accessible-services", ["inclusion", "digital"],
     "Ma mère de 78 ans n'arrive pas à renouveler sa carte d'identité en ligne. Garder un "
     "guichet humain et simplifier les formulaires."),
    ("fr", "civil_society", "later", ["inclusion", "digital"],
     "Créer des espaces publics numériques avec médiateurs dans chaque commune rurale."),
    ("en", "academia", "accessible-services", ["digital", "inclusion"],
     "Publish an accessibility score for every public website, updated yearly, as a public "
     "ranking."),
    # Integrity
    ("fr", "civil_society", "later", ["integrity"],
     "Créer un registre public des représentants d'intérêts et de leurs rencontres avec les "
     "ministres."),
    ("en", "civil_society", "later", ["integrity", "accountability"],
     "Protect whistleblowers by law: create a safe reporting channel and protection against "
     "retaliation."),
    ("fr", "citizen", "scope", ["integrity"],
     "Mettre en prison tous les ministres corrompus."),
    ("fr", "civil_society", "done", ["integrity", "transparency"],
     "Publier les déclarations de patrimoine des ministres en ligne."),
    ("fr", "academia", "later", ["integrity"],
     "Publier l'agenda des ministres et de leurs cabinets chaque semaine."),
    # Open data in general
    ("fr", "civil_society", "done", ["digital", "transparency"],
     "Mettre à jour les jeux de données du portail : certains n'ont pas bougé depuis 2019."),
    ("en", "private_sector", "later", ["digital"],
     "Publish company register data as open data with an API, free of charge."),
    ("fr", "citizen", "later", ["digital", "inclusion"],
     "Publier les horaires et retards des bus interurbains en données ouvertes."),
    ("fr", "civil_society", "later", ["digital", "rti"],
     "Adopter une politique de données ouvertes par défaut pour toutes les administrations, "
     "avec un administrateur des données dans chaque ministère."),
    # Off-topic but genuine
    ("fr", "citizen", "scope", ["south"],
     "Réparer l'éclairage public de la rue des Tanneurs à Montbrac."),
    ("en", "citizen", "scope", [],
     "Lower the fuel tax, it is too high for farmers."),
    ("fr", "citizen", "scope", [],
     "Les impôts locaux ont augmenté de 12 % cette année, c'est trop."),
    ("en", "private_sector", "later", ["procurement", "digital"],
     "Move all procurement to e-procurement with electronic signatures within two years."),
    ("fr", "local_government", "later", ["south", "participation"],
     "Associer les chefs traditionnels aux consultations dans les villages du sud."),
    ("en", "parliament", "participatory-lawmaking", ["parliament"],
     "Parliament's committees should publish their hearing schedules and reports online within "
     "a week."),
    ("fr", "other", "citizen-budget", ["budget"],
     "Les médias locaux manquent d'informations budgétaires simples : publier des fiches "
     "régionales du budget."),
    ("en", "other", "open-justice", ["justice"],
     "Journalists need access to court schedules and judgments to report on trials."),
]

RESTATEMENTS = {
    "fr": [
        ("Atelier de Montbrac, table ronde : ", "citizen"),
        ("Atelier de Saint-Lys (en langue des signes) : ", "civil_society"),
        ("Boîte à idées de la mairie de Vallon : ", "citizen"),
        ("Atelier jeunesse de Port-Aurèle : ", "citizen"),
        ("Réunion des associations de femmes du Sud : ", "civil_society"),
    ],
    "en": [
        ("Online survey, free-text answer: ", "citizen"),
        ("Port-Aurèle workshop, English-language table: ", "civil_society"),
    ],
}

# Why an idea was not included, as the reasoned response says it (CC8).
REJECTIONS = {
    "later": {
        "decision": "rejected",
        "summary": ("Propositions pertinentes qui n'ont pas pu être retenues dans ce plan.",
                    "Relevant proposals that could not be taken up in this plan."),
        "consideration": (
            "Le Forum a examiné chaque proposition au regard de l'urgence, de la faisabilité et "
            "de l'impact lors des ateliers thématiques de juin, selon les critères de priorité du "
            "manuel du PGO.",
            "The Forum weighed each proposal for urgency, feasibility and impact in the thematic "
            "workshops of June, on the priority criteria of the OGP handbook."),
        "influence": (
            "Elles n'ont pas donné lieu à un engagement : aucune administration ne pouvait s'en "
            "porter responsable avec un budget pendant la période du plan.",
            "They did not lead to a commitment: no agency could take responsibility for them "
            "with a budget within the plan's period."),
        "reasons": (
            "Non retenues faute d'administration responsable et de budget pour 2025-2028.",
            "Not included for lack of a lead agency and budget for 2025–2028."),
        "beyond": (
            "Elles sont inscrites à l'ordre du jour de l'actualisation à mi-parcours (2026) et "
            "de la préparation du quatrième plan.",
            "They are on the agenda of the mid-term refresh (2026) and of the preparation of "
            "the fourth plan."),
    },
    "scope": {
        "decision": "rejected",
        "summary": ("Demandes qui ne relèvent pas d'un plan pour un gouvernement ouvert.",
                    "Requests that fall outside an open government plan."),
        "consideration": (
            "Le Forum a lu ces demandes et les a transmises aux administrations compétentes.",
            "The Forum read these requests and passed them on to the competent authorities."),
        "influence": (
            "Elles n'ont pas modifié le plan, mais trois d'entre elles ont été inscrites à "
            "l'ordre du jour des conseils régionaux.",
            "They did not change the plan, but three were put on the agenda of regional "
            "councils."),
        "reasons": (
            "Non retenues : elles portent sur des politiques sectorielles (impôts, équipements, "
            "effectifs) et non sur la transparence, la participation ou la redevabilité.",
            "Not included: they concern sector policies (taxes, facilities, staffing), not "
            "transparency, participation or accountability."),
        "beyond": (
            "Leurs auteurs ont été orientés vers les services compétents.",
            "Their authors were referred to the competent services."),
    },
    "done": {
        "decision": "amended",
        "summary": ("Propositions déjà réalisées ou en cours au titre du deuxième plan.",
                    "Proposals already delivered or under way under the second plan."),
        "consideration": (
            "Le Forum a vérifié l'état de réalisation avec les administrations concernées.",
            "The Forum checked progress with the agencies concerned."),
        "influence": (
            "Elles ont conduit à renforcer le suivi des résultats du deuxième plan.",
            "They led to closer monitoring of the second plan's results."),
        "reasons": (
            "Intégrées au suivi du deuxième plan plutôt que reprises comme nouveaux engagements.",
            "Taken into the follow-up of the second plan rather than repeated as new "
            "commitments."),
        "beyond": (
            "Le tableau de bord public rendra compte de leur réalisation.",
            "The public dashboard will report on their delivery."),
    },
}

INCLUSION_RESPONSE = {
    "summary": ("%(n)d contributions demandaient, avec des mots différents : %(title_fr)s.",
                "%(n)d contributions asked, in different words, for: %(title_en)s."),
    "consideration": (
        "Le groupe de travail thématique les a analysées en juin avec l'administration pilote, "
        "qui a évalué leur faisabilité et leur coût.",
        "The thematic working group analysed them in June with the lead agency, which assessed "
        "their feasibility and cost."),
    "influence": (
        "Elles ont défini le problème et la solution de l'engagement, et plusieurs jalons "
        "reprennent directement leurs propositions.",
        "They defined the commitment's problem and solution, and several milestones take up "
        "their proposals directly."),
    "reasons": (
        "Retenues : le problème est urgent, une administration s'engage à le porter et l'impact "
        "sur la transparence et la participation est fort.",
        "Included: the problem is urgent, an agency commits to lead, and the impact on "
        "transparency and participation is high."),
    "beyond": (
        "Les contributeurs sont invités aux réunions de suivi de l'engagement.",
        "Contributors are invited to the commitment's monitoring meetings."),
}

# Ideas received through the refresh consultation, open now: not yet answered.
REFRESH_IDEAS = [
    ("fr", "civil_society", ["procurement"],
     "Le tableau de bord des marchés devrait signaler les marchés passés sans mise en "
     "concurrence, avec leur justification."),
    ("fr", "citizen", ["environment", "south"],
     "Les comités d'usagers de l'eau fonctionnent à Montbrac : les étendre aux communes du "
     "nord."),
    ("en", "civil_society", ["integrity"],
     "Add a challenge commitment on lobbying transparency: a public register of meetings with "
     "ministers."),
    ("fr", "citizen", ["health"],
     "Publier aussi les délais pour les rendez-vous de spécialistes, pas seulement les urgences."),
    ("fr", "civil_society", ["justice"],
     "La publication des décisions de justice n'a pas commencé : fixer un nouveau calendrier "
     "réaliste."),
    ("en", "academia", ["digital"],
     "Publish the open contracting data with a stable API and documentation in English."),
    ("fr", "citizen", ["budget"],
     "Le budget citoyen était très clair, le traduire dans les langues locales."),
    ("fr", "civil_society", ["inclusion"],
     "Associer les organisations de personnes sourdes aux tests des services en ligne."),
]
