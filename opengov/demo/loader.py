"""Build the demo: the Republic of Valmerre, its forum, two plans, co-creation, progress.

All dates are relative to today so the demo always shows a plan in implementation, a year
of meetings and an open consultation. ``load_demo()`` is idempotent: it does nothing when
the database already holds a member.
"""

import calendar as cal
import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from opengov.cocreation.models import (
    CoCreationProcess,
    Contribution,
    InputMechanism,
    OutreachActivity,
    ReasonedResponse,
    Stage,
    Theme,
)
from opengov.core.models import ModerationState
from opengov.core.roles import Role, grant_role
from opengov.forum.models import Forum, Meeting, Seat
from opengov.members.models import Member, Organisation, Person
from opengov.plans.models import (
    ActionPlan,
    Commitment,
    CommitmentStakeholder,
    LocalInitiative,
    Milestone,
)
from opengov.plans.services import plan_amend, plan_submit
from opengov.reports.models import (
    CommitmentAssessment,
    CommitmentFinding,
    IRMProduct,
    RequirementFinding,
    SelfAssessment,
    SupportUnitLetter,
)
from opengov.reports.services import self_assessment_draft
from opengov.repository.models import Document, DocumentVersion
from opengov.tracking.models import Comment, ImplementationPlan, ProgressUpdate

from . import content_contributions as cc
from . import content_org as org
from . import content_plans as cp

DEMO_PASSWORD = "opengov-demo"  # noqa: S105 - demo accounts only, printed by `make run`
DEMO_USERS = [
    ("admin", None, None),
    ("poc", Role.POC_TEAM, "Claire Marchand"),
    ("agence", Role.AGENCY_EDITOR, "Julien Moreau"),
    ("irm", Role.IRM_RESEARCHER, None),
    ("moderation", Role.MODERATOR, None),
    ("forum", Role.FORUM_MEMBER, "Ibrahim Diallo"),
]


def fr_en(field, pair, **extra):
    """Keyword arguments for a translated field from a (French, English) pair, or a
    (French, English, Spanish) triple for the texts the demo also has in Spanish."""
    spanish = {f"{field}_es": pair[2]} if len(pair) > 2 else {}
    return {f"{field}_fr": pair[0], f"{field}_en": pair[1], **spanish, **extra}


def month_end(year, month):
    return date(year, month, cal.monthrange(year, month)[1])


def at(day, hour=9):
    return timezone.make_aware(datetime.combine(day, time(hour, 30)))


class DemoBuilder:
    def __init__(self, today=None, seed=2016):
        self.today = today or timezone.localdate()
        self.rng = random.Random(seed)
        self.S = self.today.year - 2  # the current four-year plan's start year

    # -- members, organisations, people, forum ---------------------------------------
    def build_member(self):
        m = org.MEMBER
        self.member = Member.objects.create(
            slug=m["slug"], kind=m["kind"], country_code=m["country_code"],
            administrative_languages=m["administrative_languages"],
            joined_ogp_on=date(*m["joined_ogp_on"]), website="https://pgo.valmerre.example",
            **fr_en("name", m["name"]), **fr_en("description", m["description"]),
        )
        self.orgs = {}
        for key, (name_fr, name_en, acronym, kind, email) in org.ORGANISATIONS.items():
            self.orgs[key] = Organisation.objects.create(
                member=self.member, acronym=acronym, kind=kind, public_email=email,
                **fr_en("name", (name_fr, name_en)),
            )
        self.people = {}
        for i, (name, title_fr, title_en, org_key, public) in enumerate(org.PEOPLE):
            login = name.split()[0].lower().replace("é", "e").replace("è", "e")
            self.people[name] = Person.objects.create(
                name=name, organisation=self.orgs[org_key], is_public=public,
                email=f"{login}.{i}@{org_key}.valmerre.example",
                phone=f"+999 21 {40 + i:02d} {10 + i:02d} {20 + i:02d}",
                **fr_en("title", (title_fr, title_en)),
            )
        self.member.lead_agency = self.orgs["mtfp"]
        self.member.point_of_contact = self.people["Claire Marchand"]
        self.member.ministerial_contact = self.people["Henri Delaunay"]
        self.member.save()

    def build_forum(self):
        f = org.FORUM
        kwargs = {}
        for field in ("name", "legal_basis", "mandate", "rules_of_participation",
                      "membership_rules", "meeting_frequency", "decision_making"):
            kwargs.update(fr_en(field, f[field]))
        self.forum = Forum.objects.create(
            member=self.member, legal_basis_kind=f["legal_basis_kind"],
            rules_published_on=date(self.S - 1, 3, 15), **kwargs,
        )
        for org_key, person, constituency, role_fr, role_en, selection in org.SEATS:
            Seat.objects.create(
                forum=self.forum, organisation=self.orgs[org_key],
                person=self.people.get(person), constituency=constituency,
                starts_on=date(self.S - 1, 4, 1), selection=selection,
                inclusion_groups=org.SEAT_INCLUSION.get(org_key, []),
                **fr_en("role", (role_fr, role_en)),
            )
        # A civil-society seat that ended: history of the forum's membership.
        Seat.objects.create(
            forum=self.forum, organisation=self.orgs["ldh"], constituency="civil_society",
            starts_on=date(self.S - 3, 4, 1), ends_on=date(self.S - 1, 3, 31),
            selection="self_selection",
        )

    # -- themes ------------------------------------------------------------------------
    def build_themes(self):
        self.themes = {
            key: Theme.objects.create(member=self.member, kind=kind, slug=key,
                                      **fr_en("name", (fr, en)))
            for key, (kind, fr, en) in cc.THEMES.items()
        }

    # -- plans -------------------------------------------------------------------------
    def build_plan(self, spec, start_year):
        plan = ActionPlan.objects.create(
            member=self.member, number=spec["number"], slug=f"valmerre-{spec['slug_suffix']}",
            start_year=start_year, duration_years=spec["duration"], delivery_slot="december",
            **fr_en("title", spec["title"]), **fr_en("introduction", spec["introduction"]),
            **fr_en("efforts_to_date", spec["efforts"]),
            **fr_en("development_process", spec["process"]),
        )
        commitments = {}
        for number, c in enumerate(spec["commitments"], start=1):
            text = {}
            for field, key in (("title", "title"), ("short_description", "short"),
                               ("problem", "problem"), ("causes", "causes"),
                               ("done_so_far", "done"), ("solution", "solution"),
                               ("expected_results", "results"), ("transparency", "transparency"),
                               ("accountability", "accountability"),
                               ("participation", "participation")):
                text.update(fr_en(field, c[key]))
            local = {}
            if c.get("local"):
                local = {"is_local": True, "local_kind": "local_implementation",
                         **fr_en("local_jurisdiction", c["local_jurisdiction"]),
                         **fr_en("national_policy", c["national_policy"])}
            commitment = Commitment.objects.create(
                plan=plan, number=number, slug=c["key"], lead_agency=self.orgs[c["lead"]],
                period_start=date(start_year + 1, 1, 1),
                period_end=date(start_year + spec["duration"], 12, 31), **text, **local,
            )
            commitment.themes.set([self.themes[t] for t in c["themes"]])
            for org_key, constituency, role in c["stakeholders"]:
                CommitmentStakeholder.objects.create(
                    commitment=commitment, organisation=self.orgs[org_key],
                    constituency=constituency, **fr_en("role", role),
                )
            for m_number, (title, result, (offset, month)) in enumerate(c["milestones"], 1):
                milestone = Milestone.objects.create(
                    commitment=commitment, number=m_number, lead=self.orgs[c["lead"]],
                    due_on=month_end(start_year + offset, month),
                    **fr_en("title", title), **fr_en("expected_result", result),
                )
                milestone.supporting.set([self.orgs[s[0]] for s in c["stakeholders"]])
            commitment.profile = c["profile"]
            commitments[c["key"]] = commitment
        for title, jurisdiction, description in spec.get("local_initiatives", []):
            LocalInitiative.objects.create(
                plan=plan, lead=self.orgs["acv"], **fr_en("title", title),
                **fr_en("jurisdiction", jurisdiction), **fr_en("description", description),
            )
        return plan, commitments

    def build_plans(self):
        self.admin = get_user_model().objects.get(username="admin")
        self.previous, self.previous_commitments = self.build_plan(cp.PREVIOUS_PLAN, self.S - 2)
        plan_submit(actor=self.admin, plan=self.previous, delivered_on=date(self.S - 2, 12, 14))
        self.previous.status = ActionPlan.Status.COMPLETED
        self.previous.save()
        self.current, self.commitments = self.build_plan(cp.CURRENT_PLAN, self.S)
        plan_submit(actor=self.admin, plan=self.current, delivered_on=date(self.S, 12, 16))
        self.amend_current_plan()

    def amend_current_plan(self):
        """Six months in, the forum agreed to widen one commitment and delay a milestone (C7)."""
        justice = self.commitments["open-justice"]
        justice.expected_results_fr = ("La jurisprudence devient accessible à tous, y compris "
                                       "les décisions des cours d'appel.")
        justice.expected_results_en = ("Case law becomes accessible to all, appeal court "
                                       "decisions included.")
        justice.save()
        milestone = justice.milestones.order_by("-number").first()
        milestone.due_on = min(milestone.due_on + timedelta(days=180), self.current.ends_on)
        milestone.save()
        plan_amend(actor=self.admin, plan=self.current, kind="amendment",
                   delivered_on=date(self.S + 1, 6, 20), change_notes={
                       "fr": "Engagement 6 : les décisions des cours d'appel sont ajoutées ; le "
                             "dernier jalon est reporté de six mois pour les inclure.",
                       "en": "Commitment 6: appeal court decisions are added; its last "
                             "milestone moves six months later to include them."})

    # -- co-creation ---------------------------------------------------------------------
    def build_cocreation(self):
        S = self.S
        process = CoCreationProcess.objects.create(
            plan=self.current, timeline_published_on=date(S, 3, 3),
            development_starts_on=date(S, 3, 24), feedback_published_on=date(S, 11, 18),
            **fr_en("title", ("Co-création du troisième plan d'action",
                              "Co-creation of the third action plan")),
            **fr_en("objectives", (
                "Recueillir les idées du plus grand nombre, en particulier des jeunes, des femmes "
                "des zones rurales et des personnes handicapées, et en tirer dix engagements "
                "ambitieux.",
                "Gather ideas from as many people as possible, especially young people, rural "
                "women and people with disabilities, and turn them into ten ambitious "
                "commitments.")),
            **fr_en("participation_overview", (
                "Vous pouvez envoyer vos idées en ligne sans créer de compte, dans une boîte à "
                "idées de votre mairie, ou venir à l'un des huit ateliers régionaux.",
                "You can send your ideas online without an account, in a suggestion box at "
                "your town hall, or come to one of the eight regional workshops.")),
        )
        self.process = process
        stages = [
            ("planning", ("Préparation du processus", "Process planning"), (2, 1), (3, 20),
             ("Fixer le calendrier et les règles avec le Forum",
              "Set the timeline and rules with the Forum"),
             ("Membres du Forum", "Forum members"), ("Deux réunions du Forum", "Two Forum meetings"),
             ("Secrétariat du Point de contact", "Point of Contact secretariat"),
             "hybrid", ("Port-Aurèle et en ligne", "Port-Aurèle and online")),
            ("outreach", ("Sensibilisation et collecte des idées", "Outreach and collection of ideas"),
             (3, 24), (6, 15),
             ("Faire connaître le PGO et recueillir des idées", "Make OGP known and collect ideas"),
             ("Tout public, en priorité les groupes peu entendus",
              "Everyone, first the least heard groups"),
             ("Huit ateliers régionaux, formulaire en ligne, boîtes à idées, émissions de radio",
              "Eight regional workshops, online form, suggestion boxes, radio programmes"),
             ("Budget de 48 000 €, interprètes en langue des signes",
              "Budget of €48,000, sign language interpreters"),
             "hybrid", ("Huit chefs-lieux de région et en ligne", "Eight regional capitals and online")),
            ("development", ("Élaboration des engagements", "Drafting the commitments"),
             (6, 16), (9, 30),
             ("Passer des idées aux engagements", "Turn ideas into commitments"),
             ("Groupes de travail thématiques mixtes", "Mixed thematic working groups"),
             ("Analyse des contributions, définition des problèmes, rédaction des fiches",
              "Analysis of contributions, problem definition, drafting templates"),
             ("Appui de la Chaire Gouvernance publique", "Support from the Public Governance Chair"),
             "in_person", ("Ministère de la Transformation publique", "Ministry of Public Transformation")),
            ("feedback", ("Réponse motivée et validation", "Reasoned response and approval"),
             (10, 1), (11, 30),
             ("Répondre à chaque contribution et valider le plan",
              "Answer every contribution and approve the plan"),
             ("Forum, contributeurs, Conseil des ministres", "Forum, contributors, Council of Ministers"),
             ("Publication des réponses, réunion de restitution publique",
              "Publication of responses, public feedback meeting"),
             ("Secrétariat du Point de contact", "Point of Contact secretariat"),
             "hybrid", ("Port-Aurèle et en ligne", "Port-Aurèle and online")),
        ]
        for moment, title, start, end, objective, who, what, resources, fmt, place in stages:
            Stage.objects.create(
                process=process, moment=moment, starts_on=date(S, *start), ends_on=date(S, *end),
                format=fmt, **fr_en("title", title), **fr_en("objective", objective),
                **fr_en("participants", who), **fr_en("activities", what),
                **fr_en("resources", resources), **fr_en("place", place),
            )
        for i, (title, target) in enumerate([
            (("Atelier de Montbrac", "Montbrac workshop"),
             ("Femmes des zones rurales, agriculteurs", "Rural women, farmers")),
            (("Atelier de Saint-Lys en langue des signes", "Saint-Lys workshop in sign language"),
             ("Personnes sourdes et malentendantes", "Deaf and hard-of-hearing people")),
            (("Émission « La parole aux citoyens » sur Radio Valmerre",
              "\"Citizens speak\" programme on Radio Valmerre"),
             ("Auditeurs des zones sans internet", "Listeners in areas without internet")),
            (("Atelier jeunesse au lycée Jean-Moulin", "Youth workshop at Jean-Moulin high school"),
             ("Lycéens et étudiants", "High school and university students")),
        ]):
            OutreachActivity.objects.create(
                process=process, held_on=date(S, 4, 5) + timedelta(days=9 * i),
                format="in_person" if i != 2 else "online", participants_count=40 + 23 * i,
                **fr_en("title", title), **fr_en("target_groups", target),
                **fr_en("barriers", ("Transport remboursé, garde d'enfants sur place",
                                     "Travel costs refunded, childcare on site")),
            )
        self.mechanisms = {
            kind: InputMechanism.objects.create(
                process=process, kind=kind, opens_on=date(S, 3, 24), closes_on=date(S, 6, 15),
                **fr_en("title", title),
            )
            for kind, title in (
                ("online_form", ("Formulaire en ligne", "Online form")),
                ("workshop", ("Ateliers régionaux", "Regional workshops")),
                ("other", ("Boîtes à idées dans les mairies", "Suggestion boxes in town halls")),
            )
        }
        self.build_contributions(process)
        self.build_refresh()
        from opengov.cocreation.services import groups_suggest

        groups_suggest(actor=None, process=process)  # waiting for staff to review

    def new_contribution(self, process, lang, stype, themes, text, when, mechanism, **extra):
        first_names = ["Marie", "Ahmed", "Jeanne", "Kofi", "Sara", "Luc", "Mariam", "Yves",
                       "Nora", "Karim", "Anne", "Samba", "Léa", "Omar", "Rose"]
        named = self.rng.random() < 0.55
        consent = self.rng.random() < 0.9
        fields = {
            "author_name": f"{self.rng.choice(first_names)} {chr(65 + self.rng.randrange(26))}."
            if named else "",
            "author_email": f"contributeur{self.rng.randrange(10**6)}@mail.example"
            if self.rng.random() < 0.6 else "",
            "consent_to_publish": consent,
            "moderation_state": ModerationState.PUBLISHED if consent else ModerationState.PRIVATE,
        }
        fields.update(extra)
        contribution = Contribution.objects.create(
            process=process, mechanism=mechanism, text=text, language=lang,
            stakeholder_type=stype, submitted_at=at(when, 8 + self.rng.randrange(11)), **fields,
        )
        contribution.themes.set([self.themes[t] for t in themes])
        return contribution

    def build_contributions(self, process):
        S = self.S
        window = (date(S, 6, 15) - date(S, 3, 24)).days
        by_outcome = {}
        for i, (lang, stype, outcome, themes, text) in enumerate(cc.IDEAS):
            copies = [(text, stype, self.mechanisms["online_form"], "")]
            if outcome != "scope":
                for n in range(i % 3 + (i % 4 == 0)):
                    prefix, restated_type = cc.RESTATEMENTS[lang][(i + n) % len(cc.RESTATEMENTS[lang])]
                    body = text if n == 0 else text.split(". ")[0].rstrip(".") + "."
                    mechanism = self.mechanisms["workshop" if n == 0 else "other"]
                    # Where it was said goes in the title; the idea itself in the text.
                    copies.append((body, restated_type, mechanism, prefix.rstrip(" :")))
            for body, restated_type, mechanism, title in copies:
                when = date(S, 3, 24) + timedelta(days=self.rng.randrange(window))
                contribution = self.new_contribution(process, lang, restated_type, themes, body,
                                                     when, mechanism, title=title)
                by_outcome.setdefault(outcome, []).append(contribution)
        spam = ("Gagnez 5000 € par semaine depuis chez vous !!! cliquez ici",
                "Buy cheap watches online best price")
        from opengov.cocreation.services import contribution_moderate

        for text in spam:
            # Kept out by the demo's moderator, through the service: the decision and the
            # activity log show who and why.
            contribution = self.new_contribution(process, "fr", "other", [], text,
                                                  date(S, 5, 2), None,
                                                  moderation_state=ModerationState.PENDING)
            contribution_moderate(actor=self.accounts["moderation"], contribution=contribution,
                                  state=ModerationState.SPAM,
                                  reason="Publicité sans rapport avec le plan")
        published = date(S, 11, 18)
        for outcome, contributions in by_outcome.items():
            if outcome in cc.REJECTIONS:
                spec = cc.REJECTIONS[outcome]
                response = ReasonedResponse.objects.create(
                    process=process, decision=spec["decision"], published_on=published,
                    **fr_en("summary", spec["summary"]),
                    **fr_en("consideration", spec["consideration"]),
                    **fr_en("influence", spec["influence"]), **fr_en("reasons", spec["reasons"]),
                    **fr_en("beyond_plan", spec["beyond"]),
                )
            else:
                commitment = self.commitments[outcome]
                spec = cc.INCLUSION_RESPONSE
                values = {"n": len(contributions), "title_fr": commitment.title_fr.lower(),
                          "title_en": commitment.title_en.lower()}
                response = ReasonedResponse.objects.create(
                    process=process, decision="included", published_on=published,
                    **fr_en("summary", (spec["summary"][0] % values, spec["summary"][1] % values)),
                    **fr_en("consideration", spec["consideration"]),
                    **fr_en("influence", spec["influence"]), **fr_en("reasons", spec["reasons"]),
                    **fr_en("beyond_plan", spec["beyond"]),
                )
                response.commitments.set([commitment])
            response.contributions.set(contributions)

    def build_refresh(self):
        t = self.today
        process = CoCreationProcess.objects.create(
            plan=self.current, purpose="refresh", timeline_published_on=t - timedelta(days=35),
            development_starts_on=t - timedelta(days=14),
            **fr_en("title", ("Actualisation à mi-parcours du troisième plan",
                              "Mid-term refresh of the third plan")),
            **fr_en("objectives", (
                "Après deux ans, faire le bilan avec le public, ajuster les engagements en retard "
                "et, si le Forum le décide, ajouter un engagement-défi.",
                "After two years, take stock with the public, adjust delayed commitments and, if "
                "the Forum so decides, add a challenge commitment.")),
            **fr_en("participation_overview", (
                "Donnez votre avis sur les progrès du plan et proposez des ajustements en ligne, "
                "sans compte, jusqu'à la date de clôture.",
                "Give your view on the plan's progress and suggest adjustments online, without "
                "an account, until the closing date.")),
        )
        mechanism = InputMechanism.objects.create(
            process=process, kind="online_form", opens_on=t - timedelta(days=14),
            closes_on=t + timedelta(days=35),
            **fr_en("title", ("Consultation sur l'actualisation du plan",
                              "Consultation on the plan refresh")),
            **fr_en("description", (
                "Dites-nous ce qui fonctionne, ce qui est en retard et ce qu'il faudrait changer.",
                "Tell us what works, what is late and what should change.")),
        )
        Stage.objects.create(
            process=process, moment="outreach", starts_on=t - timedelta(days=14),
            ends_on=t + timedelta(days=35), format="hybrid",
            **fr_en("title", ("Bilan public et collecte des propositions",
                              "Public review and collection of proposals")),
        )
        for i, (lang, stype, themes, text) in enumerate(cc.REFRESH_IDEAS):
            self.new_contribution(
                process, lang, stype, themes, text, t - timedelta(days=13 - i), mechanism,
                moderation_state=ModerationState.PENDING if i % 3 == 0 else
                ModerationState.PUBLISHED, consent_to_publish=True,
            )

    # -- forum meetings --------------------------------------------------------------------
    COCREATION_AGENDA = (
        "1. Adoption du compte rendu de la séance précédente\n"
        "2. Avancement de la co-création : contributions reçues, ateliers à venir\n"
        "3. Questions écrites du public\n4. Divers",
        "1. Approval of the previous meeting's minutes\n"
        "2. Co-creation progress: contributions received, coming workshops\n"
        "3. Written questions from the public\n4. Any other business")
    COCREATION_MINUTES = (
        "Présents : 13 membres sur 16. Le secrétariat présente les contributions reçues et le "
        "calendrier des ateliers régionaux. La société civile demande un atelier en langue des "
        "signes supplémentaire ; le Forum l'accepte.",
        "Present: 13 members out of 16. The secretariat presents the contributions received and "
        "the timeline of regional workshops. Civil society asks for an additional sign-language "
        "workshop; the Forum agrees.")
    IMPLEMENTATION_AGENDA = (
        "1. Adoption du compte rendu de la séance précédente\n"
        "2. Point d'avancement des engagements (administrations pilotes)\n"
        "3. Questions écrites du public\n4. Calendrier de l'actualisation du plan\n"
        "5. Divers",
        "1. Approval of the previous meeting's minutes\n"
        "2. Progress on commitments (lead agencies)\n"
        "3. Written questions from the public\n4. Timeline of the plan refresh\n"
        "5. Any other business")
    IMPLEMENTATION_MINUTES = (
        "Présents : 14 membres sur 16. La séance est co-présidée par Claire Marchand "
        "et Ibrahim Diallo.\n\nLes administrations pilotes présentent l'avancement. "
        "La société civile relève le retard de l'engagement sur la justice ouverte et "
        "demande un nouveau calendrier. Le Forum adopte à l'unanimité le compte rendu "
        "de la séance précédente.\n\nDécision : le secrétariat publiera le calendrier "
        "d'actualisation avant la prochaine séance.",
        "Present: 14 members out of 16. The meeting is co-chaired by Claire Marchand "
        "and Ibrahim Diallo.\n\nLead agencies present their progress. Civil society "
        "points out the delay of the open justice commitment and asks for a new "
        "timeline. The Forum unanimously approves the previous minutes.\n\n"
        "Decision: the secretariat will publish the refresh timeline before the next "
        "meeting.")

    def plenary_days(self):
        """Quarterly plenaries from the start of co-creation; the last one 160 days ago, so
        that the demo's forum is "at risk" (F1) with its next plenary already scheduled."""
        days, day = [], self.today - timedelta(days=160)
        while day >= date(self.S, 2, 1):
            days.append(day)
            day -= timedelta(days=91)
        return sorted(days)

    def build_meetings(self):
        t = self.today
        delivered = self.current.delivered_on
        plenaries = self.plenary_days()
        for n, day in enumerate(plenaries, start=1):
            cocreation = day < delivered
            agenda = self.COCREATION_AGENDA if cocreation else self.IMPLEMENTATION_AGENDA
            minutes = self.COCREATION_MINUTES if cocreation else self.IMPLEMENTATION_MINUTES
            meeting = Meeting.objects.create(
                forum=self.forum, kind="forum", starts_at=at(day, 14), format="hybrid",
                plan=self.current, is_public=True, minutes_published_on=day + timedelta(days=21),
                attendance_government=6, attendance_civil_society=6 + n % 2, attendance_other=2,
                **fr_en("title", (f"Séance plénière du Forum n° {n}", f"Forum plenary no. {n}")),
                **fr_en("place", ("Ministère de la Transformation publique, salle Condorcet",
                                  "Ministry of Public Transformation, Condorcet room")),
                **fr_en("agenda", agenda), **fr_en("minutes", minutes),
            )
            self.add_document(
                kind="minutes", meeting=meeting, date=meeting.minutes_published_on,
                title=(f"Compte rendu — séance plénière n° {n}", f"Minutes — plenary no. {n}"),
                body=meeting.minutes_fr, filename=f"compte-rendu-pleniere-{n}.txt",
            )
        self.next_plenary_number = len(plenaries) + 1
        S = self.S
        others = [
            # One review only in the first implementation year: I5 was missed (history).
            (date(S + 1, 6, 10), "implementation_review",
             ("Revue de mise en œuvre avec la société civile",
              "Implementation review with civil society")),
            (date(S + 2, 1, 31), "implementation_review",
             ("Revue de mise en œuvre avec la société civile",
              "Implementation review with civil society")),
            (date(S + 2, 7, 30), "implementation_review",
             ("Revue de mise en œuvre avec la société civile",
              "Implementation review with civil society")),
            (date(S + 1, 5, 12), "high_level", ("Rencontre annuelle avec le ministre",
                                                "Annual meeting with the Minister")),
            (date(S + 2, 5, 11), "high_level", ("Rencontre annuelle avec le ministre",
                                                "Annual meeting with the Minister")),
            (t - timedelta(days=5), "cocreation_workshop",
             ("Atelier d'actualisation du plan", "Plan refresh workshop")),
        ]
        for day, kind, title in others:
            if day > t:
                continue
            Meeting.objects.create(
                forum=self.forum, kind=kind, starts_at=at(day, 10), format="hybrid",
                plan=self.current, is_public=True, attendance_government=5,
                attendance_civil_society=11, attendance_other=3,
                **fr_en("title", title),
                **fr_en("place", ("Maison de la société civile, Port-Aurèle",
                                  "Civil Society House, Port-Aurèle")),
                **fr_en("agenda", ("Présentation des résultats par engagement, questions et "
                                   "commentaires du public.",
                                   "Results by commitment, questions and comments from the "
                                   "public.")),
                **fr_en("minutes", ("Les participants ont commenté chaque engagement ; les "
                                    "commentaires sont repris dans les mises à jour publiées.",
                                    "Participants commented on each commitment; the comments "
                                    "are reflected in the published updates.")),
            )
        for days, key in [(240, "open-contracting"), (95, "water-transparency"),
                          (40, "right-to-information")]:
            day = t - timedelta(days=days)
            Meeting.objects.create(
                forum=self.forum, kind="commitment_monitoring", starts_at=at(day, 15),
                format="online", plan=self.current, commitment=self.commitments[key],
                is_public=True, attendance_government=3, attendance_civil_society=4,
                **fr_en("title", ("Suivi : " + self.commitments[key].title_fr,
                                  "Monitoring: " + self.commitments[key].title_en)),
                **fr_en("agenda", ("Jalons échus, difficultés, prochaines étapes.",
                                   "Milestones due, difficulties, next steps.")),
            )
        # A private preparatory meeting: never on the public site.
        Meeting.objects.create(
            forum=self.forum, kind="commitment_monitoring",
            starts_at=at(t - timedelta(days=30), 9),
            format="online", is_public=False,
            **fr_en("title", ("Préparation interne du bureau", "Internal bureau preparation")),
            **fr_en("agenda", ("Point confidentiel sur les nominations.",
                               "Confidential item on appointments.")),
        )
        upcoming = t + timedelta(days=19)
        self.upcoming_plenary = Meeting.objects.create(
            forum=self.forum, kind="forum", starts_at=at(upcoming, 14), format="hybrid",
            plan=self.current, is_public=True, registration_open=True, capacity=40,
            remote_link="https://visio.example.org/forum-pleniere-ogp",
            **fr_en("title", (f"Séance plénière du Forum n° {self.next_plenary_number}",
                              f"Forum plenary no. {self.next_plenary_number}")),
            **fr_en("place", ("Ministère de la Transformation publique, salle Condorcet",
                              "Ministry of Public Transformation, Condorcet room")),
            **fr_en("agenda", ("1. Bilan de la consultation d'actualisation\n"
                               "2. Proposition d'engagement-défi\n3. Divers",
                               "1. Results of the refresh consultation\n"
                               "2. Proposed challenge commitment\n3. Any other business")),
        )

    # -- implementation ----------------------------------------------------------------
    PROFILES = {
        "complete": ["limited", "substantial", "complete", "complete"],
        "substantial": ["not_started", "limited", "substantial", "substantial"],
        "limited": ["not_started", "limited", "limited", "limited"],
        "delayed": ["not_started", "not_started", "limited", "limited"],
        "not_started": ["not_started", "not_started", "not_started", "not_started"],
    }

    def build_progress(self, commitments, start_year):
        # Six-monthly updates (W3 f), quarterly for local commitments (CM6).
        report_days = [date(start_year + 1, 6, 12), date(start_year + 1, 12, 10),
                       date(start_year + 2, 6, 10), date(start_year + 2, 11, 20)]
        start = date(start_year, 12, 16)
        quarterly = [start + timedelta(days=85 * k) for k in range(1, 17)]
        poc = get_user_model().objects.get(username="poc")
        for commitment in commitments.values():
            ImplementationPlan.objects.create(
                commitment=commitment,
                **fr_en("activities", (
                    "\n".join(f"{m.number}. {m.title_fr}" for m in commitment.milestones.all()),
                    "\n".join(f"{m.number}. {m.title_en}" for m in commitment.milestones.all()))),
                **fr_en("responsible", (str(commitment.lead_agency.name_fr),
                                        str(commitment.lead_agency.name_en))),
                **fr_en("risks", ("Retard budgétaire ; atténuation : inscription en loi de "
                                  "finances dès la première année.",
                                  "Budget delay; mitigation: funding written into the first "
                                  "year's budget law.")),
            )
            milestones = list(commitment.milestones.all())
            days = quarterly if commitment.is_local else report_days
            for index, day in enumerate(days):
                if day > self.today:
                    break
                step = min(index // 2, 3) if commitment.is_local else index
                completion = self.PROFILES[commitment.profile][step]
                due = [m for m in milestones if m.due_on <= day]
                delayed = commitment.profile in {"delayed", "not_started", "limited"} and step > 0
                done_fr = ", ".join(f"« {m.title_fr} »" for m in due) or "aucun jalon n'était échu"
                done_en = ", ".join(f"\"{m.title_en}\"" for m in due) or "no milestone was due yet"
                nxt = next((m for m in milestones if m.due_on > day), None)
                ProgressUpdate.objects.create(
                    commitment=commitment, completion=completion,
                    timeliness="delayed" if delayed else "on_time", reported_on=day,
                    published_on=day + timedelta(days=3), author=poc,
                    **fr_en("summary", (
                        f"Point au {day:%d/%m/%Y}. Jalons échus : {done_fr}. "
                        + ("Les travaux avancent comme prévu." if not delayed
                           else "Les travaux ont pris du retard."),
                        f"Status at {day:%Y-%m-%d}. Milestones due: {done_en}. "
                        + ("Work is on schedule." if not delayed else "Work is behind schedule."))),
                    **fr_en("delay_reasons", (
                        "Crédits votés tardivement et recrutement du prestataire plus long que prévu."
                        if delayed else "",
                        "Funds voted late and contractor recruitment took longer than planned."
                        if delayed else "")),
                    **fr_en("next_steps", (
                        f"Prochain jalon : « {nxt.title_fr} »." if nxt else "Clôture et évaluation.",
                        f"Next milestone: \"{nxt.title_en}\"." if nxt else "Closure and evaluation.")),
                )
            for milestone in milestones:
                if milestone.due_on <= self.today and commitment.profile != "not_started":
                    late = commitment.profile in {"delayed", "limited"}
                    ProgressUpdate.objects.create(
                        commitment=commitment, milestone=milestone,
                        completion="limited" if late else "complete",
                        timeliness="delayed" if late else "on_time",
                        reported_on=min(self.today, milestone.due_on + timedelta(days=10)),
                        published_on=min(self.today, milestone.due_on + timedelta(days=12)),
                        author=poc,
                        **fr_en("summary", ("Jalon atteint." if not late else "Jalon en cours.",
                                            "Milestone achieved." if not late
                                            else "Milestone in progress.")),
                    )
        # A draft the agency has not published yet: never shown to the public.
        ProgressUpdate.objects.create(
            commitment=commitments[next(iter(commitments))], completion="complete",
            timeliness="on_time", reported_on=self.today, published_on=None, author=poc,
            **fr_en("summary", ("Brouillon : chiffres à confirmer avant publication.",
                                "Draft: figures to be confirmed before publication.")),
        )

    def build_comments(self):
        update = (ProgressUpdate.objects.filter(commitment__plan=self.current,
                                                published_on__isnull=False, milestone=None)
                  .order_by("-reported_on").first())
        Comment.objects.create(
            progress_update=update, author_name="Collectif des PME du Sud",
            author_email="pme.sud@mail.example", moderation_state=ModerationState.PUBLISHED,
            text="Les alertes par région fonctionnent bien, merci. Pourrait-on filtrer par "
                 "montant ?",
            answer_fr="Oui, le filtre par montant sera ajouté au tableau de bord au prochain jalon.",
            answer_en="Yes, the amount filter will be added to the dashboard at the next milestone.",
            answered_on=self.today - timedelta(days=2),
        )
        Comment.objects.create(
            progress_update=update, author_name="", author_email="anonyme@mail.example",
            moderation_state=ModerationState.PENDING,
            text="Quand les données de paiement seront-elles publiées ?",
        )
        Comment.objects.create(
            progress_update=update, author_name="promo", moderation_state=ModerationState.SPAM,
            text="Meilleurs prix sur les montres, cliquez ici", moderation_reason="Spam",
        )
        self.build_problem_reports(update)

    def build_prioritisation(self):
        """CC10: the forum's scoring of candidate commitments for the current plan, done and
        published; and an open round on the refresh, which the demo's forum member has not
        scored yet."""
        from opengov.cocreation.models import Candidate, PrioritisationRound, Score
        from opengov.forum.models import Seat

        S, t = self.S, self.today
        process = CoCreationProcess.objects.filter(plan=self.current).order_by("pk").first()
        done = PrioritisationRound.objects.create(
            process=process, opens_on=date(S, 10, 1), closes_on=date(S, 10, 15),
            published_on=date(S, 10, 20),
            **fr_en("title", ("Priorisation des engagements candidats",
                              "Prioritisation of the candidate commitments")))
        seats = list(Seat.objects.filter(forum=self.member.forum).order_by("pk"))
        for n, commitment in enumerate(list(self.commitments.values())[:5]):
            candidate = Candidate.objects.create(
                round=done, commitment=commitment,
                **{f"title_{lang}": getattr(commitment, f"title_{lang}")
                   for lang in ("fr", "en", "es")})
            for seat in seats:
                # Government scores feasibility higher, civil society impact: the gap the
                # result shows by constituency.
                base = 4 - n % 3
                gov = seat.constituency == "government"
                Score.objects.create(
                    candidate=candidate, seat=seat, constituency=seat.constituency,
                    urgency=min(5, base + self.rng.randrange(2)),
                    political=min(5, base + (1 if gov else 0)),
                    operational=min(5, base + (1 if gov else -1) if base > 1 else 1),
                    impact=min(5, base + (0 if gov else 1)))
        refresh = CoCreationProcess.objects.filter(plan=self.current, purpose="refresh").first()
        if refresh is not None:
            current = PrioritisationRound.objects.create(
                process=refresh, opens_on=t - timedelta(days=3), closes_on=t + timedelta(days=14),
                **fr_en("title", ("Priorités de l'actualisation", "Priorities of the refresh")))
            for title in (("Registre des bénéficiaires effectifs ouvert",
                           "Open register of beneficial owners"),
                          ("Budget participatif des écoles", "Participatory school budgets")):
                Candidate.objects.create(round=current, **fr_en("title", title))

    def build_drafts(self):
        """CC7: the draft of the third plan put to public comment before its delivery (the
        comments answered, and the delivered version changed after them), and the draft of
        the refresh open for comment now."""
        import copy

        from opengov.cocreation.drafts import take_draft

        t, S = self.today, self.S
        original = self.current.versions.get(kind="original").snapshot
        draft = copy.deepcopy(original)
        contracting = next(c for c in draft["commitments"] if c["slug"] == "open-contracting")
        # The draft said less than the delivered plan: the comments below changed it.
        contracting["problem"] = {
            "fr": "Les citoyens et les entreprises ne peuvent pas savoir qui remporte les "
                  "marchés publics ni à quel prix : seuls les avis d'appel d'offres sont "
                  "publiés, en PDF, depuis 2012.",
            "en": "Citizens and businesses cannot know who wins public contracts or at what "
                  "price: only tender notices are published, as PDF, since 2012."}
        contracting["solution"] = {
            "fr": "Un entrepôt unique alimenté par les 14 systèmes, publiant chaque mois.",
            "en": "A single warehouse fed by the 14 systems, publishing monthly."}
        before = InputMechanism.objects.create(
            process=self.process, kind="draft_comment", opens_on=date(S, 10, 1),
            closes_on=date(S, 10, 31), draft=draft,
            drafted_at=at(date(S, 10, 1), 8),
            **fr_en("title", ("Projet du troisième plan soumis aux commentaires",
                              "Draft of the third plan put to comment")),
            **fr_en("description", (
                "Le public a commenté le projet de troisième plan, engagement par engagement.",
                "The public commented on the draft third plan, commitment by commitment.")))
        commitment = self.commitments["open-contracting"]
        comments = [
            ("fr", "civil_society", "problem", "Fédération des PME de Montbrac",
             "Le projet oublie les PME des régions : ce sont elles qui perdent le plus quand "
             "personne ne sait qui gagne les marchés. Dites-le dans le problème."),
            ("en", "private_sector", "solution", "",
             "Monthly publication is too slow to spot a suspicious award: publish every day, "
             "in the Open Contracting Data Standard, so that journalists can reuse it."),
            ("fr", "citizen", "", "",
             "Un engagement utile, à condition que les données soient publiées en format "
             "ouvert et pas seulement en PDF."),
        ]
        answered = []
        for n, (lang, stype, part, organisation, text) in enumerate(comments):
            answered.append(Contribution.objects.create(
                process=self.process, mechanism=before, commitment=commitment,
                draft_part=part, text=text, language=lang, stakeholder_type=stype,
                author_organisation=organisation, consent_to_publish=True,
                moderation_state=ModerationState.PUBLISHED,
                submitted_at=at(date(S, 10, 3 + 4 * n), 11)))
        response = ReasonedResponse.objects.create(
            process=self.process, decision="amended", published_on=date(S, 11, 18),
            **fr_en("summary", (
                "Trois commentaires sur le projet d'engagement relatif à la commande publique : "
                "les PME des régions, la fréquence et le format de publication.",
                "Three comments on the draft commitment on public procurement: regional small "
                "firms, publication frequency and format.")),
            **fr_en("consideration", (
                "Le Forum les a examinés avec l'ANMP lors de la plénière d'octobre.",
                "The Forum examined them with the ANMP at the October plenary.")),
            **fr_en("influence", (
                "Le problème nomme désormais les PME des régions ; la publication devient "
                "quotidienne, au format OCDS, avec un tableau de bord.",
                "The problem now names regional small firms; publication becomes daily, in "
                "OCDS format, with a dashboard.")),
            **fr_en("reasons", (
                "Les trois propositions sont réalistes avec les 14 systèmes existants.",
                "All three suggestions are feasible with the 14 existing systems.")),
            **fr_en("beyond_plan", (
                "Le format ouvert sera la règle pour toutes les données de la commande publique.",
                "Open formats will be the rule for all public procurement data.")))
        response.contributions.set(answered)
        response.commitments.set([commitment])

        refresh = self.current.cocreation_processes.get(purpose="refresh")
        now_open = InputMechanism(
            process=refresh, kind="draft_comment", opens_on=t - timedelta(days=3),
            closes_on=t + timedelta(days=11),
            **fr_en("title", ("Projet de plan actualisé soumis à commentaires",
                              "Draft refreshed plan open for comment")),
            **fr_en("description", (
                "Le plan tel que le Forum propose de l'actualiser : commentez chaque "
                "engagement, ou une partie précise de sa fiche.",
                "The plan as the Forum proposes to refresh it: comment on each commitment, "
                "or on one part of its template.")))
        take_draft(now_open, now=at(t - timedelta(days=3), 8))
        now_open.save()
        water = self.commitments["water-transparency"]
        for n, (target, part, state, lang, text) in enumerate([
                (water, "problem", ModerationState.PUBLISHED, "fr",
                 "Le problème ne dit rien des communes rurales, où les coupures sont les plus "
                 "fréquentes."),
                (water, "milestones", ModerationState.PUBLISHED, "en",
                 "The last milestone comes too late: publish the first quality data this year."),
                (None, "", ModerationState.PUBLISHED, "fr",
                 "L'actualisation devrait ajouter un engagement sur la transparence du "
                 "logement social."),
                (commitment, "solution", ModerationState.PENDING, "fr",
                 "Ajoutez une alerte par e-mail sur les nouveaux marchés.")]):
            Contribution.objects.create(
                process=refresh, mechanism=now_open, commitment=target, draft_part=part,
                text=text, language=lang, stakeholder_type="citizen",
                consent_to_publish=True, moderation_state=state,
                submitted_at=at(t - timedelta(days=3 - n % 3), 10 + n))

    def build_working_group(self):
        """A thematic working group (CC7, I3) on open contracting: four forum members, an
        invited agency, its past monitoring meeting and a small hybrid meeting to come."""
        from opengov.forum.models import WorkingGroup

        t = self.today
        group = WorkingGroup.objects.create(
            forum=self.forum, plan=self.current, starts_on=self.current.delivered_on,
            **fr_en("name", ("Groupe de travail Commande publique ouverte",
                             "Open contracting working group")),
            **fr_en("remit", (
                "Prépare et suit l'engagement sur les données ouvertes de la commande "
                "publique : jalons, publication des contrats, retours des utilisateurs.",
                "Prepares and follows the commitment on open contracting data: milestones, "
                "publication of contracts, feedback from users.")),
            **fr_en("other_participants", (
                "Observatoire économique de la commande publique (invité permanent)",
                "Public Procurement Economic Observatory (standing guest)")))
        seats = list(self.forum.seats.order_by("constituency", "pk"))
        group.seats.set(seats[:2] + seats[-2:])
        self.forum.meetings.filter(commitment=self.commitments["open-contracting"]).update(
            working_group=group)
        self.group_meeting = Meeting.objects.create(
            forum=self.forum, kind="commitment_monitoring", working_group=group,
            starts_at=at(t + timedelta(days=9), 10), format="hybrid", plan=self.current,
            commitment=self.commitments["open-contracting"], is_public=True,
            registration_open=True, capacity=4, duration_minutes=90,
            remote_link="https://visio.example.org/gt-commande-publique",
            **fr_en("title", ("Groupe de travail : données des contrats publics",
                              "Working group: public contract data")),
            **fr_en("place", ("Maison de la société civile, Port-Aurèle",
                              "Civil Society House, Port-Aurèle")),
            **fr_en("agenda", ("1. Premier jeu de données publié\n2. Retours des "
                               "journalistes\n3. Prochain jalon",
                               "1. First dataset published\n2. Feedback from journalists\n"
                               "3. Next milestone")))

    def build_registrations(self):
        """People who registered without an account (the addresses are examples): the
        working group meeting is full with one person waiting, the plenary has a few, and
        the refresh workshop of last week has its attendance recorded from them."""
        from opengov.forum.models import Registration

        status = Registration.Status
        confirmed = timezone.now() - timedelta(days=2)
        people = [
            ("Amina Diallo", "Transparence Citoyenne", "civil_society", "fr", ""),
            ("Julien Morel", "Direction des achats de l'État", "government", "fr", ""),
            ("Sofía Herrera", "Datos Abiertos Port-Aurèle", "civil_society", "es",
             "Sous-titrage en direct, s'il vous plaît."),
            ("Marc Lefort", "", "", "fr", ""),
            ("Grace Okafor", "University of Port-Aurèle", "other", "en",
             "Step-free access: I use a wheelchair."),
        ]
        workshop = self.forum.meetings.filter(kind="cocreation_workshop").latest("starts_at")
        for meeting, count in ((self.group_meeting, 5), (self.upcoming_plenary, 3),
                               (workshop, 4)):
            for n, (name, organisation, constituency, lang, needs) in enumerate(people[:count]):
                full = meeting.capacity is not None and n >= meeting.capacity
                Registration.objects.create(
                    meeting=meeting, name=name, organisation=organisation,
                    constituency=constituency, language=lang, accessibility_needs=needs,
                    email=f"{name.split()[0].lower()}.{meeting.pk}@example.org",
                    status=status.WAITING if full else status.REGISTERED,
                    confirmed_at=confirmed + timedelta(minutes=n),
                    attended=meeting is workshop)

    def build_followers(self):
        """People who follow by e-mail, confirmed (the addresses are examples: nothing is
        ever sent to them, and no page shows them)."""
        from opengov.follow.models import Subscription

        confirmed = timezone.now() - timedelta(days=10)
        commitment = self.commitments[next(iter(self.commitments))]
        for email, lang, scope, frequency, target in (
                ("camille.roux@example.org", "fr", "commitment", "immediate", commitment),
                ("assoc.transparence@example.org", "fr", "plan", "weekly", self.current),
                ("j.smith@example.org", "en", "site", "weekly", None),
                ("forum.watch@example.org", "es", "meetings", "immediate", None)):
            Subscription.objects.create(
                member=self.member, scope=scope, email=email, language=lang,
                frequency=frequency, confirmed_at=confirmed, last_digest_at=confirmed,
                **({scope: target} if target is not None else {}))

    def build_problem_reports(self, update):
        """Visitors' reports: a comment that three visitors reported (hidden until the
        moderator decides) and a contribution reported once (still published)."""
        from opengov.cocreation.services import problem_report

        outburst = Comment.objects.create(
            progress_update=update, author_name="Riverain en colère",
            moderation_state=ModerationState.PUBLISHED,
            text="Le chef de projet, M. Albert Durand (06 12 34 56 78), ne répond jamais. "
                 "Appelez-le chez lui pour lui dire ce que vous en pensez.",
            submitted_at=timezone.now() - timedelta(days=3),
        )
        for n, (reason, note) in enumerate((
                ("personal", "Un numéro de téléphone personnel est publié."),
                ("abuse", ""),
                ("personal", "Please remove the phone number."))):
            problem_report(item=outburst, reason=reason, note=note, reporter=f"demo-{n}")
        contribution = (Contribution.objects.public().filter(process__plan=self.current)
                        .order_by("pk").first())
        if contribution is not None:
            problem_report(item=contribution, reason="off_topic",
                           note="Cette idée concerne la mairie, pas le plan national.",
                           reporter="demo-3")

    # -- documents, reports, IRM ------------------------------------------------------
    def add_document(self, *, kind, title, body, filename, date, language="fr", **links):
        document = Document.objects.create(
            member=self.member, kind=kind, date=date, language=language,
            **fr_en("title", title), **links,
        )
        version = DocumentVersion.objects.create(
            document=document, file=ContentFile(body.encode("utf-8"), name=filename)
        )
        # As if uploaded on the document's date: the repository's history (R1).
        DocumentVersion.objects.filter(pk=version.pk).update(uploaded_at=at(date, 11))
        return document

    def build_documents(self):
        S = self.S
        self.add_document(
            kind="legal", date=date(S - 1, 3, 15),
            title=("Décret portant création du Forum multi-acteurs",
                   "Decree establishing the Multi-stakeholder Forum"),
            body=org.FORUM["legal_basis"][0] + "\n\n" + org.FORUM["rules_of_participation"][0],
            filename="decret-forum.txt",
        )
        rows = ["ocid,acheteur,titulaire,montant_eur,date_attribution"]
        for i in range(40):
            rows.append(f"ocds-vm-{S + 1}-{i:04d},{self.rng.choice(['MTFP', 'MS', 'MTE', 'MJ'])},"
                        f"Société {chr(65 + i % 26)}{i},{25000 + 1375 * i},"
                        f"{S + 1}-{1 + i % 12:02d}-{1 + i % 27:02d}")
        contracting = self.commitments["open-contracting"]
        self.add_document(
            kind="evidence", date=date(S + 1, 12, 1), commitment=contracting,
            plan=self.current, language="fr",
            title=("Extrait des attributions publiées au format OCDS",
                   "Extract of awards published in OCDS format"),
            body="\n".join(rows) + "\n", filename="attributions-ocds.csv",
        )
        self.add_document(
            kind="evidence", date=date(S + 1, 1, 20), commitment=self.commitments["citizen-budget"],
            plan=self.current,
            title=("Budget citoyen — version en français clair", "Citizen budget — plain French"),
            body="Budget citoyen\n\nOù va l'argent public ? Éducation 24 %, santé 15 %, "
                 "infrastructures 12 %, sécurité 9 %, dette 14 %, autres 26 %.\n",
            filename="budget-citoyen.txt",
        )
        self.add_document(
            kind="cocreation", date=date(S, 11, 18), process=self.process, plan=self.current,
            title=("Rapport de restitution de la co-création", "Co-creation feedback report"),
            body="Synthèse des contributions reçues et des réponses motivées du Forum.\n",
            filename="restitution-co-creation.txt",
        )
        Document.objects.create(
            member=self.member, kind="other", date=self.today - timedelta(days=3), language="fr",
            is_public=False, **fr_en("title", ("Note interne — nominations",
                                               "Internal note — appointments")),
        )

    def build_reports(self):
        S = self.S
        assessment = SelfAssessment.objects.create(
            plan=self.previous, prepared_on=date(S, 2, 10), published_on=date(S, 3, 1),
            **fr_en("introduction", ("Bilan du deuxième plan d'action (2022-2024).",
                                     "Review of the second action plan (2022–2024).")),
            **fr_en("process", ("Le Forum s'est réuni tous les trois mois ; deux revues de mise "
                                "en œuvre par an ont eu lieu avec la société civile.",
                                "The Forum met every three months; two implementation reviews "
                                "a year were held with civil society.")),
            **fr_en("lessons", ("Sans budget dédié, les engagements de sensibilisation "
                                "n'atteignent pas les régions.",
                                "Without a dedicated budget, awareness commitments do not reach "
                                "the regions.")),
        )
        colours = {"complete": "green", "substantial": "green", "limited": "orange"}
        for commitment in self.previous_commitments.values():
            CommitmentAssessment.objects.create(
                self_assessment=assessment, commitment=commitment,
                colour=colours[commitment.profile],
                **fr_en("justification", ("Voir les mises à jour et les preuves publiées.",
                                          "See the published updates and evidence.")),
            )
        review = IRMProduct.objects.create(
            plan=self.previous, kind="action_plan_review", published_on=date(S - 1, 6, 12),
            summary="The plan's commitments are relevant; two are promising.",
        )
        for commitment in self.previous_commitments.values():
            CommitmentFinding.objects.create(
                product=review, commitment=commitment, verifiable=True,
                potential_for_results="substantial" if commitment.number == 1 else "modest",
                is_promising=commitment.number < 3,
            )
        results = IRMProduct.objects.create(
            plan=self.previous, kind="results_report", published_on=date(S + 1, 5, 30),
            summary="Asset declarations opened government; the repository lapsed in 2023.",
            key_recommendations=(
                "Give every commitment a budget line before the plan is adopted.\n"
                "Keep the repository updated at least every six months.\n"
                "Involve regional civil society in co-creation, not only the capital.\n"
                "Write milestones with verifiable results and dates.\n"
                "Report back to contributors on how their ideas were used."),
        )
        for requirement in ("F1", "W1", "CC3", "CC4", "CC5", "CC9", "I5"):
            RequirementFinding.objects.create(product=results, requirement=requirement,
                                              verdict="met")
        RequirementFinding.objects.create(
            product=results, requirement="R1", verdict="not_met",
            notes="The repository was not updated between March and December 2023.",
        )
        SupportUnitLetter.objects.create(  # P2: the letter that followed the IRM's finding
            plan=self.previous, sent_on=date(S + 1, 7, 15),
            url="https://www.opengovpartnership.org/documents/valmerre-letter-contrary-to-process/",
            summary="The Support Unit notes that minimum requirement 2.2 (repository) was not "
                    "met during the previous cycle and asks for a plan to restore it.")
        for commitment in self.previous_commitments.values():
            CommitmentFinding.objects.create(
                product=results, commitment=commitment,
                completion={"complete": "complete", "substantial": "substantial",
                            "limited": "limited"}[commitment.profile],
                early_results="significant" if commitment.number == 1 else "moderate",
            )
        IRMProduct.objects.create(plan=self.current, kind="action_plan_review",
                                  published_on=date(S + 1, 6, 5))
        # A mid-term self-assessment of the current plan, drafted from the progress data and
        # open for public comment (SA2).
        draft = self_assessment_draft(self.current, today=self.today - timedelta(days=6))
        SelfAssessment.objects.filter(pk=draft.pk).update(
            comments_open_on=self.today - timedelta(days=5),
            comments_close_on=self.today + timedelta(days=25))

    # -- accounts ----------------------------------------------------------------------
    def build_users(self):
        User = get_user_model()
        self.accounts = {}
        for username, role, person in DEMO_USERS:
            if role is None:
                user = User.objects.create_superuser(username, "admin@valmerre.example",
                                                     DEMO_PASSWORD)
                continue
            user = User.objects.create_user(username, f"{username}@valmerre.example",
                                            DEMO_PASSWORD)
            grant_role(user, role)
            self.accounts[username] = user
            if person and person in getattr(self, "people", {}):
                p = self.people[person]
                p.user = user
                p.save()

    def build_pages(self):
        from opengov.web.models import Page

        about = org.ABOUT_OGP
        Page.objects.create(slug=about["slug"], in_navigation=True, **fr_en("title", about["title"]),
                            **fr_en("summary", about["summary"]), **fr_en("body", about["body"]))

    def build(self):
        self.build_pages()
        self.build_member()
        self.build_users()
        self.build_forum()
        self.build_themes()
        self.build_plans()
        self.build_cocreation()
        self.build_prioritisation()
        self.build_meetings()
        self.build_working_group()
        self.build_registrations()
        self.build_progress(self.previous_commitments, self.S - 2)
        self.build_progress(self.commitments, self.S)
        self.build_comments()
        self.build_followers()
        self.build_documents()
        self.build_reports()
        self.build_drafts()
        return self.member


def load_demo(today=None):
    """Create the demo unless the database already has a member. Returns the member or None."""
    if Member.all_objects.exists():
        return None
    with transaction.atomic():
        return DemoBuilder(today=today).build()

