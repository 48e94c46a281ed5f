"""Demo content: two action plans of Valmerre with their commitments (CM1 template).

Years are offsets from the current plan's start year S, so the demo stays current:
the previous two-year plan ran S-2..S, the current four-year plan runs S..S+4.
Milestone dates are (year offset, month). Progress profiles drive the updates.
"""

PREVIOUS_PLAN = {
    "number": 2,
    "slug_suffix": "plan-2",
    "duration": 2,
    "title": ("Deuxième plan d'action national pour un gouvernement ouvert",
              "Second National Open Government Action Plan"),
    "introduction": (
        "Ce deuxième plan consolide les bases posées depuis notre adhésion : un portail de "
        "données ouvertes, des déclarations de patrimoine vérifiables et un droit d'accès à "
        "l'information mieux connu.",
        "This second plan consolidates the foundations laid since we joined: an open data "
        "portal, verifiable asset declarations and a better-known right of access to "
        "information.",
    ),
    "efforts": (
        "Le premier plan (2017-2019) a créé le portail national de données ouvertes et le Forum "
        "multi-acteurs. Trois de ses huit engagements n'ont pas été achevés, faute de budget.",
        "The first plan (2017–2019) created the national open data portal and the Multi-stakeholder "
        "Forum. Three of its eight commitments were not completed, for lack of budget.",
    ),
    "process": (
        "Le calendrier de co-création a été publié le 1er mars. Six ateliers régionaux et une "
        "consultation en ligne ont recueilli 212 contributions.",
        "The co-creation timeline was published on 1 March. Six regional workshops and an online "
        "consultation gathered 212 contributions.",
    ),
    "commitments": [
        {
            "key": "asset-declarations", "lead": "mtfp",
            "title": ("Déclarations de patrimoine publiques et vérifiables",
                      "Public and verifiable asset declarations"),
            "short": ("Publier en données ouvertes les déclarations de patrimoine des ministres "
                      "et hauts fonctionnaires, et en vérifier un échantillon chaque année.",
                      "Publish the asset declarations of ministers and senior officials as open "
                      "data, and verify a sample every year."),
            "problem": ("Les déclarations sont déposées sur papier et consultables seulement "
                        "sur place, à Port-Aurèle.",
                        "Declarations are filed on paper and can only be consulted in person, "
                        "in Port-Aurèle."),
            "causes": ("Absence de formulaire électronique et de base légale pour la publication.",
                       "No electronic form and no legal basis for publication."),
            "done": ("Une loi de 2015 impose la déclaration mais pas sa publication.",
                     "A 2015 law requires declarations but not their publication."),
            "solution": ("Un formulaire en ligne, un décret de publication et un contrôle annuel "
                         "par échantillonnage.",
                         "An online form, a publication decree and an annual sample check."),
            "results": ("Les journalistes et citoyens peuvent comparer les déclarations d'une "
                        "année sur l'autre.",
                        "Journalists and citizens can compare declarations year on year."),
            "transparency": ("Rend publiques des informations aujourd'hui inaccessibles.",
                             "Makes public information that is inaccessible today."),
            "accountability": ("Le contrôle annuel sanctionne les déclarations fausses.",
                               "The annual check sanctions false declarations."),
            "participation": ("N/A", "N/A"),
            "stakeholders": [("tv", "civil_society", ("Analyse et signalement des anomalies",
                                                      "Analysis and reporting of anomalies"))],
            "milestones": [
                (("Décret de publication adopté", "Publication decree adopted"),
                 ("Base légale de la publication", "Legal basis for publication"), (1, 3)),
                (("Formulaire en ligne ouvert", "Online form opened"),
                 ("Déclarations saisies en ligne", "Declarations filed online"), (1, 9)),
                (("Premier contrôle par échantillonnage", "First sample check"),
                 ("Rapport public de contrôle", "Public audit report"), (2, 11)),
            ],
            "profile": "complete", "themes": ["integrity", "transparency"],
        },
        {
            "key": "open-data-portal", "lead": "insv",
            "title": ("Portail de données ouvertes de référence",
                      "Reference open data portal"),
            "short": ("Publier 40 jeux de données de référence (population, budget, écoles, "
                      "santé) avec une mise à jour garantie.",
                      "Publish 40 reference datasets (population, budget, schools, health) with "
                      "guaranteed updates."),
            "problem": ("Les jeux de données du portail sont souvent périmés ou incomplets.",
                        "Datasets on the portal are often out of date or incomplete."),
            "causes": ("Aucun producteur n'est responsable de la mise à jour.",
                       "No producer is responsible for updates."),
            "done": ("Le portail existe depuis 2018 avec 310 jeux de données.",
                     "The portal has existed since 2018 with 310 datasets."),
            "solution": ("Désigner un responsable par jeu de données de référence et publier "
                         "un calendrier de mise à jour.",
                         "Name an owner for each reference dataset and publish an update "
                         "schedule."),
            "results": ("Des données fiables pour la recherche, la presse et les entreprises.",
                        "Reliable data for research, the press and business."),
            "transparency": ("Améliore la qualité des informations publiées.",
                             "Improves the quality of published information."),
            "accountability": ("N/A", "N/A"),
            "participation": ("Les réutilisateurs signalent les erreurs sur le portail.",
                              "Reusers report errors on the portal."),
            "stakeholders": [("cdo", "civil_society", ("Tests des jeux de données",
                                                       "Dataset testing"))],
            "milestones": [
                (("Liste des 40 jeux de référence", "List of the 40 reference datasets"),
                 ("Liste publiée après consultation", "List published after consultation"),
                 (1, 4)),
                (("Publication des 40 jeux", "Publication of the 40 datasets"),
                 ("Jeux publiés avec leurs responsables", "Datasets published with owners"),
                 (2, 6)),
            ],
            "profile": "substantial", "themes": ["digital", "transparency"],
        },
        {
            "key": "rti-awareness", "lead": "cai",
            "title": ("Faire connaître le droit d'accès à l'information",
                      "Raising awareness of the right to information"),
            "short": ("Former 500 agents publics et informer le public de son droit de demander "
                      "des documents administratifs.",
                      "Train 500 civil servants and inform the public of its right to request "
                      "administrative documents."),
            "problem": ("Moins de 2 % des habitants connaissent leur droit d'accès.",
                        "Fewer than 2% of residents know of their right of access."),
            "causes": ("Aucune campagne d'information depuis la loi de 2014.",
                       "No information campaign since the 2014 law."),
            "done": ("La CAI publie un guide, peu diffusé.", "The CAI publishes a little-known guide."),
            "solution": ("Une campagne radio en trois langues et des formations d'agents.",
                         "A radio campaign in three languages and staff training."),
            "results": ("Davantage de demandes, mieux traitées.", "More requests, better handled."),
            "transparency": ("Facilite l'accès aux documents.", "Eases access to documents."),
            "accountability": ("N/A", "N/A"),
            "participation": ("N/A", "N/A"),
            "stakeholders": [("ldh", "civil_society", ("Animation des ateliers",
                                                       "Running workshops"))],
            "milestones": [
                (("Campagne radio", "Radio campaign"), ("12 semaines de diffusion",
                                                        "12 weeks on air"), (1, 10)),
                (("500 agents formés", "500 officials trained"), ("Formations évaluées",
                                                                  "Training evaluated"), (2, 10)),
            ],
            "profile": "limited", "themes": ["rti", "transparency"],
        },
    ],
}

CURRENT_PLAN = {
    "number": 3,
    "slug_suffix": "plan-3",
    "duration": 4,
    "title": ("Troisième plan d'action national pour un gouvernement ouvert",
              "Third National Open Government Action Plan"),
    "introduction": (
        "Notre vision à long terme : une action publique que chacun peut comprendre, suivre et "
        "influencer. Pour les quatre années du plan, nous visons trois objectifs : suivre "
        "l'argent public de bout en bout, rapprocher la justice et les services des citoyens, "
        "et faire participer ceux qu'on entend le moins — les jeunes, les femmes des zones "
        "rurales, les personnes handicapées.",
        "Our long-term vision: public action that everyone can understand, follow and "
        "influence. Over the plan's four years we pursue three goals: follow public money from "
        "end to end, bring justice and services closer to citizens, and involve those least "
        "heard — young people, rural women, people with disabilities.",
    ),
    "efforts": (
        "Le deuxième plan a abouti à la publication des déclarations de patrimoine et à un "
        "portail de données plus fiable. La campagne sur le droit d'accès à l'information n'a "
        "atteint que trois régions sur huit : le MEI l'a relevé et nous en tirons les leçons "
        "dans l'engagement 4.",
        "The second plan led to the publication of asset declarations and a more reliable data "
        "portal. The right-to-information campaign reached only three regions out of eight: the "
        "IRM noted it and commitment 4 draws the lessons.",
    ),
    "process": (
        "Le Forum a publié le calendrier de co-création le 3 mars, plus de deux semaines avant "
        "le début de l'élaboration. Huit ateliers régionaux, dont deux en langue des signes, une "
        "consultation en ligne et des boîtes à idées dans les mairies ont recueilli plus de 150 "
        "contributions. Chacune a reçu une réponse motivée, publiée sur ce site en novembre.",
        "The Forum published the co-creation timeline on 3 March, more than two weeks before "
        "development began. Eight regional workshops, two of them in sign language, an online "
        "consultation and suggestion boxes in town halls gathered over 150 contributions. Each "
        "received a reasoned response, published on this site in November.",
    ),
    "commitments": [
        {
            "key": "open-contracting", "lead": "anmp",
            "title": ("Données ouvertes sur la commande publique",
                      "Open data on public procurement"),
            "short": ("Publier tous les marchés publics de plus de 25 000 €, de l'appel d'offres "
                      "au paiement, selon le standard OCDS.",
                      "Publish every public contract above €25,000, from tender to payment, "
                      "using the Open Contracting Data Standard."),
            "problem": ("Les citoyens et les entreprises ne peuvent pas savoir qui remporte les "
                        "marchés publics ni à quel prix : seuls les avis d'appel d'offres sont "
                        "publiés, en PDF, depuis 2012. Les PME des régions sont les premières "
                        "pénalisées.",
                        "Citizens and businesses cannot know who wins public contracts or at "
                        "what price: only tender notices are published, as PDF, since 2012. "
                        "Small firms in the regions are hit first."),
            "causes": ("Les données sont dispersées entre 14 systèmes ministériels ; aucune "
                       "obligation ne couvre l'attribution et l'exécution.",
                       "Data is scattered across 14 ministry systems; no obligation covers "
                       "award and execution."),
            "done": ("Le deuxième plan a ouvert le portail de données ; l'ANMP y publie les avis "
                     "d'appel d'offres depuis 2023.",
                     "The second plan opened the data portal; the ANMP has published tender "
                     "notices there since 2023."),
            "solution": ("Un entrepôt unique alimenté par les 14 systèmes, publiant chaque jour "
                         "au format OCDS, et un tableau de bord pour suivre les contrats.",
                         "A single warehouse fed by the 14 systems, publishing daily in OCDS "
                         "format, and a dashboard to follow contracts."),
            "results": ("Les journalistes, les entreprises et les auditeurs repèrent les "
                        "anomalies ; la concurrence augmente dans les régions.",
                        "Journalists, firms and auditors spot anomalies; competition grows in "
                        "the regions."),
            "transparency": ("Toute la chaîne du marché devient publique et réutilisable.",
                             "The whole contracting chain becomes public and reusable."),
            "accountability": ("La Cour des comptes et la société civile disposent d'alertes "
                               "sur les marchés à risque.",
                               "The Court of Audit and civil society get alerts on risky "
                               "contracts."),
            "participation": ("Un comité d'usagers choisit les indicateurs du tableau de bord.",
                              "A users' committee chooses the dashboard's indicators."),
            "stakeholders": [
                ("tv", "civil_society", ("Veille et analyse des marchés à risque",
                                         "Monitoring and analysis of risky contracts")),
                ("cciv", "other", ("Relais auprès des PME", "Outreach to small firms")),
                ("mef", "government", ("Données de paiement", "Payment data")),
            ],
            "milestones": [
                (("Cartographie des 14 systèmes source", "Map of the 14 source systems"),
                 ("Inventaire publié des champs disponibles", "Published inventory of fields"),
                 (1, 6)),
                (("Publication OCDS des attributions", "OCDS publication of awards"),
                 ("Attributions publiées chaque jour", "Awards published daily"), (2, 3)),
                (("Publication des paiements", "Publication of payments"),
                 ("Chaîne complète jusqu'au paiement", "Full chain up to payment"), (3, 6)),
                (("Tableau de bord des marchés", "Contracting dashboard"),
                 ("Tableau de bord en ligne avec alertes", "Online dashboard with alerts"),
                 (4, 9)),
            ],
            "profile": "substantial", "themes": ["procurement", "transparency", "accountability"],
        },
        {
            "key": "citizen-budget", "lead": "mef",
            "title": ("Budget citoyen et consultation budgétaire",
                      "Citizen budget and budget consultation"),
            "short": ("Publier chaque année un budget citoyen en français clair et consulter le "
                      "public avant le dépôt du projet de loi de finances.",
                      "Publish a plain-language citizen budget every year and consult the public "
                      "before the budget bill is tabled."),
            "problem": ("Le budget de l'État (1 200 pages) est illisible pour la plupart des "
                        "habitants ; aucune consultation n'a lieu avant son adoption.",
                        "The State budget (1,200 pages) is unreadable for most residents; no "
                        "consultation takes place before its adoption."),
            "causes": ("Culture du secret budgétaire, calendrier serré, absence de mandat légal.",
                       "A culture of budget secrecy, a tight calendar, no legal mandate."),
            "done": ("L'Observatoire citoyen du budget publie depuis 2020 un résumé indépendant.",
                     "The Citizen Budget Observatory has published an independent summary "
                     "since 2020."),
            "solution": ("Un budget citoyen co-rédigé avec l'OCB, et une consultation en ligne "
                         "et en région de six semaines chaque printemps.",
                         "A citizen budget co-written with the OCB, and a six-week online and "
                         "regional consultation every spring."),
            "results": ("Le public comprend les grands choix budgétaires et peut les influencer.",
                        "The public understands the main budget choices and can influence them."),
            "transparency": ("Rend le budget compréhensible.", "Makes the budget understandable."),
            "accountability": ("Le ministère publie ce qu'il a retenu de la consultation.",
                               "The ministry publishes what it took from the consultation."),
            "participation": ("Consultation annuelle ouverte à tous.",
                              "An annual consultation open to all."),
            "stakeholders": [("ocb", "civil_society", ("Co-rédaction du budget citoyen",
                                                       "Co-writing the citizen budget"))],
            "milestones": [
                (("Premier budget citoyen", "First citizen budget"),
                 ("Budget citoyen publié", "Citizen budget published"), (1, 1)),
                (("Première consultation budgétaire", "First budget consultation"),
                 ("Synthèse publique des avis", "Public summary of views"), (1, 5)),
                (("Décret pérennisant la consultation", "Decree making consultation permanent"),
                 ("Consultation inscrite dans le droit", "Consultation written into law"),
                 (3, 12)),
            ],
            "profile": "complete", "themes": ["budget", "participation", "transparency"],
        },
        {
            "key": "beneficial-ownership", "lead": "mef",
            "title": ("Registre public des bénéficiaires effectifs",
                      "Public register of beneficial owners"),
            "short": ("Ouvrir au public le registre des bénéficiaires effectifs des sociétés, "
                      "vérifié et relié aux marchés publics.",
                      "Open the register of companies' beneficial owners to the public, "
                      "verified and linked to public procurement."),
            "problem": ("Des sociétés écrans remportent des marchés publics sans qu'on sache "
                        "qui les possède.",
                        "Shell companies win public contracts without anyone knowing who owns "
                        "them."),
            "causes": ("Le registre existe mais reste réservé aux autorités et n'est pas vérifié.",
                       "The register exists but is restricted to authorities and unverified."),
            "done": ("Loi de 2021 sur la transparence des sociétés.", "2021 company transparency law."),
            "solution": ("Publication des données essentielles, contrôles croisés avec l'ANMP.",
                         "Publication of core data, cross-checks with the ANMP."),
            "results": ("Moins de conflits d'intérêts cachés dans la commande publique.",
                        "Fewer hidden conflicts of interest in procurement."),
            "transparency": ("Révèle qui contrôle les entreprises.", "Reveals who controls firms."),
            "accountability": ("Permet de sanctionner les fausses déclarations.",
                               "Allows false declarations to be sanctioned."),
            "participation": ("N/A", "N/A"),
            "stakeholders": [("tv", "civil_society", ("Vérification citoyenne",
                                                      "Citizen verification")),
                             ("anmp", "government", ("Croisement avec les marchés",
                                                     "Matching with contracts"))],
            "milestones": [
                (("Décret d'ouverture du registre", "Decree opening the register"),
                 ("Base légale adoptée", "Legal basis adopted"), (1, 9)),
                (("Registre en ligne", "Register online"),
                 ("Données essentielles publiées", "Core data published"), (2, 6)),
                (("Contrôles croisés avec les marchés", "Cross-checks with contracts"),
                 ("Rapport annuel des anomalies", "Annual anomaly report"), (3, 12)),
            ],
            "profile": "delayed", "themes": ["integrity", "procurement", "transparency"],
        },
        {
            "key": "right-to-information", "lead": "cai",
            "title": ("Un droit d'accès à l'information effectif partout",
                      "An effective right to information everywhere"),
            "short": ("Créer un portail unique de demandes d'accès avec suivi public des délais "
                      "et étendre la formation des agents aux huit régions.",
                      "Create a single portal for information requests with public tracking of "
                      "deadlines, and train officials in all eight regions."),
            "problem": ("Six demandes sur dix restent sans réponse dans le délai légal d'un mois, "
                        "surtout hors de la capitale.",
                        "Six requests in ten go unanswered within the legal one-month deadline, "
                        "mostly outside the capital."),
            "causes": ("Pas de suivi des demandes, agents non formés dans cinq régions sur huit.",
                       "No tracking of requests, untrained officials in five regions of eight."),
            "done": ("Le deuxième plan a formé 180 agents dans trois régions.",
                     "The second plan trained 180 officials in three regions."),
            "solution": ("Un portail unique où chaque demande reçoit un numéro et un délai "
                         "visible, et des formations dans toutes les régions.",
                         "A single portal where each request gets a number and a visible "
                         "deadline, and training in all regions."),
            "results": ("80 % des demandes traitées dans le délai légal.",
                        "80% of requests handled within the legal deadline."),
            "transparency": ("Les documents demandés sont republiés pour tous.",
                             "Requested documents are republished for everyone."),
            "accountability": ("Les statistiques de délai par administration sont publiques.",
                               "Deadline statistics per administration are public."),
            "participation": ("N/A", "N/A"),
            "stakeholders": [("ldh", "civil_society", ("Accompagnement des demandeurs",
                                                       "Supporting requesters")),
                             ("jpg", "civil_society", ("Ambassadeurs jeunes", "Youth ambassadors"))],
            "milestones": [
                (("Portail de demandes en ligne", "Online request portal"),
                 ("Demandes numérotées et suivies", "Numbered, tracked requests"), (1, 11)),
                (("Formation dans les huit régions", "Training in all eight regions"),
                 ("400 agents formés", "400 officials trained"), (2, 12)),
                (("Statistiques publiques de délais", "Public deadline statistics"),
                 ("Rapport trimestriel publié", "Quarterly report published"), (3, 3)),
            ],
            "profile": "substantial", "themes": ["rti", "transparency"],
        },
        {
            "key": "water-transparency", "lead": "mte",
            "title": ("Transparence de la qualité et de la gestion de l'eau",
                      "Transparency of water quality and management"),
            "short": ("Publier chaque mois la qualité de l'eau potable par commune et associer les "
                      "usagers au suivi des coupures.",
                      "Publish drinking-water quality by municipality every month and involve "
                      "users in monitoring outages."),
            "problem": ("Dans le sud, les coupures d'eau durent parfois des semaines et les "
                        "analyses de qualité ne sont pas publiées.",
                        "In the south, water outages sometimes last weeks and quality tests are "
                        "not published."),
            "causes": ("Les données restent chez les opérateurs ; les usagers n'ont aucun canal.",
                       "Data stays with operators; users have no channel."),
            "done": ("Des comités d'usagers existent dans deux communes pilotes.",
                     "User committees exist in two pilot municipalities."),
            "solution": ("Publication mensuelle des analyses, signalement des coupures par SMS, "
                         "comités d'usagers dans 20 communes.",
                         "Monthly publication of tests, outage reporting by text message, user "
                         "committees in 20 municipalities."),
            "results": ("Les coupures sont connues et traitées plus vite.",
                        "Outages are known and handled faster."),
            "transparency": ("Analyses publiques par commune.", "Public tests per municipality."),
            "accountability": ("Les opérateurs rendent compte aux comités d'usagers.",
                               "Operators report to user committees."),
            "participation": ("Comités d'usagers et signalement citoyen.",
                              "User committees and citizen reporting."),
            "stakeholders": [("cee", "civil_society", ("Animation des comités d'usagers",
                                                       "Running user committees")),
                             ("acv", "government", ("Relais communal", "Municipal relay"))],
            "milestones": [
                (("Publication mensuelle des analyses", "Monthly publication of tests"),
                 ("Données par commune en ligne", "Data per municipality online"), (1, 12)),
                (("Signalement des coupures par SMS", "Outage reporting by text message"),
                 ("Service ouvert dans le sud", "Service open in the south"), (2, 9)),
                (("20 comités d'usagers", "20 user committees"),
                 ("Comités installés et formés", "Committees set up and trained"), (3, 12)),
            ],
            "profile": "limited", "themes": ["environment", "participation", "south"],
        },
        {
            "key": "open-justice", "lead": "mj",
            "title": ("Justice ouverte : publication des décisions de justice",
                      "Open justice: publishing court decisions"),
            "short": ("Publier en ligne, pseudonymisées, les décisions des cours d'appel et de la "
                      "Cour suprême.",
                      "Publish the pseudonymised decisions of the courts of appeal and the "
                      "Supreme Court online."),
            "problem": ("Les décisions ne sont accessibles qu'aux avocats abonnés à des bases "
                        "privées.",
                        "Decisions are only accessible to lawyers who subscribe to private "
                        "databases."),
            "causes": ("Pas d'outil de pseudonymisation, crainte pour la vie privée.",
                       "No pseudonymisation tool, privacy concerns."),
            "done": ("La Cour suprême publie ses arrêts de principe depuis 2022.",
                     "The Supreme Court has published its leading judgments since 2022."),
            "solution": ("Un outil de pseudonymisation relu par des greffiers et une base "
                         "publique gratuite.",
                         "A pseudonymisation tool checked by clerks and a free public database."),
            "results": ("La jurisprudence devient accessible à tous.", "Case law becomes accessible to all."),
            "transparency": ("Publication des décisions.", "Publication of decisions."),
            "accountability": ("Permet l'analyse de la cohérence des décisions.",
                               "Allows analysis of the consistency of decisions."),
            "participation": ("N/A", "N/A"),
            "stakeholders": [("upa", "other", ("Évaluation de la pseudonymisation",
                                               "Evaluating pseudonymisation"))],
            "milestones": [
                (("Outil de pseudonymisation", "Pseudonymisation tool"),
                 ("Outil validé par la CNIL valmerraise", "Tool approved by the data protection "
                                                          "authority"), (1, 12)),
                (("Base publique des décisions d'appel", "Public database of appeal decisions"),
                 ("Décisions d'appel en ligne", "Appeal decisions online"), (2, 12)),
                (("Décisions de première instance", "First-instance decisions"),
                 ("Étude de faisabilité publiée", "Feasibility study published"), (4, 6)),
            ],
            "profile": "not_started", "themes": ["justice", "transparency"],
        },
        {
            "key": "participatory-lawmaking", "lead": "an",
            "title": ("Participation citoyenne à l'élaboration des lois",
                      "Citizen participation in lawmaking"),
            "short": ("Ouvrir chaque projet de loi à commentaires en ligne pendant trois semaines "
                      "et publier la réponse des rapporteurs.",
                      "Open every bill to online comments for three weeks and publish the "
                      "rapporteurs' response."),
            "problem": ("Les citoyens découvrent les lois une fois votées.",
                        "Citizens discover laws once they are passed."),
            "causes": ("Aucune procédure de consultation au parlement.",
                       "No consultation procedure in parliament."),
            "done": ("Deux consultations expérimentales en 2023.", "Two pilot consultations in 2023."),
            "solution": ("Modifier le règlement de l'Assemblée et ouvrir une plateforme.",
                         "Amend the Assembly's rules of procedure and open a platform."),
            "results": ("Des lois mieux comprises et mieux acceptées.",
                        "Laws better understood and accepted."),
            "transparency": ("Les textes et amendements sont publiés à chaque étape.",
                             "Texts and amendments are published at each stage."),
            "accountability": ("Les rapporteurs répondent publiquement.",
                               "Rapporteurs answer publicly."),
            "participation": ("Commentaires ouverts à tous.", "Comments open to all."),
            "stakeholders": [("jpg", "civil_society", ("Mobilisation des jeunes",
                                                       "Mobilising young people"))],
            "milestones": [
                (("Réforme du règlement", "Reform of the rules of procedure"),
                 ("Procédure de consultation adoptée", "Consultation procedure adopted"), (1, 6)),
                (("Plateforme de consultation", "Consultation platform"),
                 ("Dix projets de loi consultés", "Ten bills consulted"), (2, 12)),
            ],
            "profile": "complete", "themes": ["participation", "parliament"],
        },
        {
            "key": "accessible-services", "lead": "mtfp",
            "title": ("Services publics numériques accessibles à tous",
                      "Digital public services accessible to all"),
            "short": ("Rendre accessibles les 30 démarches en ligne les plus utilisées et les "
                      "tester avec des personnes handicapées.",
                      "Make the 30 most used online services accessible and test them with "
                      "people with disabilities."),
            "problem": ("Seules 4 des 30 démarches les plus utilisées sont accessibles aux "
                        "personnes aveugles ou malvoyantes.",
                        "Only 4 of the 30 most used services are accessible to blind or "
                        "partially sighted people."),
            "causes": ("Le référentiel d'accessibilité n'est pas appliqué aux marchés.",
                       "The accessibility standard is not applied to contracts."),
            "done": ("Référentiel adopté en 2020, sans contrôle.", "Standard adopted in 2020, unchecked."),
            "solution": ("Audits publics, clauses d'accessibilité dans les marchés, tests avec "
                         "la FAPH.",
                         "Public audits, accessibility clauses in contracts, tests with the FAPH."),
            "results": ("Tout le monde peut faire ses démarches sans aide.",
                        "Everyone can complete procedures without help."),
            "transparency": ("Les audits d'accessibilité sont publiés.", "Accessibility audits are published."),
            "accountability": ("Un classement public des administrations.", "A public ranking of administrations."),
            "participation": ("Tests d'usagers avec des personnes handicapées.",
                              "User testing with people with disabilities."),
            "stakeholders": [("faph", "civil_society", ("Tests d'usage", "User testing"))],
            "milestones": [
                (("Audit des 30 démarches", "Audit of the 30 services"),
                 ("Audits publiés", "Audits published"), (1, 9)),
                (("15 démarches corrigées", "15 services fixed"),
                 ("Conformité vérifiée par des usagers", "Compliance checked by users"), (2, 12)),
                (("30 démarches accessibles", "30 services accessible"),
                 ("Conformité vérifiée par des usagers", "Compliance checked by users"), (4, 6)),
            ],
            "profile": "substantial", "themes": ["digital", "inclusion"],
        },
        {
            "key": "participatory-budgeting", "lead": "acv", "local": True,
            "title": ("Budgets participatifs dans les communes du sud",
                      "Participatory budgets in southern municipalities"),
            "short": ("Accompagner 12 communes du sud dans un budget participatif consacrant 5 % "
                      "de leur investissement aux projets des habitants.",
                      "Support 12 southern municipalities in running a participatory budget "
                      "devoting 5% of investment to residents' projects."),
            "problem": ("Les habitants des communes rurales du sud ne participent pas aux choix "
                        "d'investissement local.",
                        "Residents of rural southern municipalities take no part in local "
                        "investment choices."),
            "causes": ("Manque de méthode et de moyens dans les petites communes.",
                       "Lack of method and means in small municipalities."),
            "done": ("Port-Aurèle mène un budget participatif depuis 2019.",
                     "Port-Aurèle has run a participatory budget since 2019."),
            "solution": ("Un guide, un accompagnement et une plateforme mutualisée.",
                         "A guide, support and a shared platform."),
            "results": ("12 budgets participatifs menés, dont la moitié des votants sont des femmes.",
                        "12 participatory budgets run, half of the voters women."),
            "transparency": ("Projets et coûts publiés.", "Projects and costs published."),
            "accountability": ("Suivi public de la réalisation des projets.",
                               "Public tracking of project delivery."),
            "participation": ("Les habitants proposent et votent.", "Residents propose and vote."),
            "local_jurisdiction": ("Communes de la région Sud", "Municipalities of the South region"),
            "national_policy": ("Loi de décentralisation de 2019 et programme national d'appui "
                                "aux communes rurales.",
                                "2019 Decentralisation Act and national rural municipalities "
                                "support programme."),
            "stakeholders": [("rfl", "civil_society", ("Mobilisation des femmes",
                                                       "Mobilising women"))],
            "milestones": [
                (("Guide du budget participatif", "Participatory budgeting guide"),
                 ("Guide publié en français et en langue locale",
                  "Guide published in French and the local language"), (1, 4)),
                (("Six premières communes", "First six municipalities"),
                 ("Six votes organisés", "Six votes held"), (2, 10)),
                (("Douze communes", "Twelve municipalities"),
                 ("Douze votes organisés", "Twelve votes held"), (3, 10)),
            ],
            "profile": "substantial", "themes": ["participation", "budget", "south"],
        },
        {
            "key": "health-waiting-times", "lead": "ms",
            "title": ("Données ouvertes sur l'accès aux soins", "Open data on access to healthcare"),
            "short": ("Publier chaque mois les délais d'attente et la disponibilité des "
                      "médicaments essentiels dans les hôpitaux publics.",
                      "Publish monthly waiting times and availability of essential medicines in "
                      "public hospitals."),
            "problem": ("Les patients ignorent les délais d'attente et les ruptures de stock "
                        "avant de se déplacer, parfois sur de longues distances.",
                        "Patients do not know waiting times or stock shortages before they "
                        "travel, sometimes far."),
            "causes": ("Les hôpitaux transmettent des données au ministère, qui ne les publie pas.",
                       "Hospitals send data to the ministry, which does not publish it."),
            "done": ("Un tableau de bord interne existe depuis 2022.", "An internal dashboard has existed since 2022."),
            "solution": ("Publication mensuelle en données ouvertes et affichage dans les hôpitaux.",
                         "Monthly open data publication and display in hospitals."),
            "results": ("Les patients choisissent mieux leur établissement ; les ruptures sont "
                        "connues.",
                        "Patients choose their facility better; shortages are known."),
            "transparency": ("Données hospitalières publiques.", "Public hospital data."),
            "accountability": ("Les ruptures de stock deviennent visibles.", "Stock shortages become visible."),
            "participation": ("N/A", "N/A"),
            "stakeholders": [("cdo", "civil_society", ("Visualisations", "Visualisations"))],
            "milestones": [
                (("Jeu de données des délais", "Waiting-time dataset"),
                 ("Publication mensuelle", "Monthly publication"), (2, 3)),
                (("Disponibilité des médicaments", "Medicine availability"),
                 ("Publication mensuelle", "Monthly publication"), (2, 9)),
            ],
            "profile": "limited", "themes": ["health", "transparency"],
        },
    ],
    "local_initiatives": [
        (("Conseil municipal des jeunes de Port-Aurèle", "Port-Aurèle youth council"),
         ("Ville de Port-Aurèle", "City of Port-Aurèle"),
         ("Un conseil de 40 jeunes élus donne son avis sur les projets de la ville. "
          "L'initiative relève de la ville seule et n'est donc pas un engagement du plan.",
          "A council of 40 elected young people advises on the city's projects. The "
          "initiative is the city's alone, so it is not a commitment of the plan.")),
    ],
}
