"""Every rule of the OGP National Handbook (2022) that the platform knows, in one place.

Each rule has its ID (the one code and tests name), a plain name, the handbook section, its
kind (a minimum requirement with OGP's number, a rule, or a recommendation), where it is
checked or enforced, the next steps to show when it is at risk or not met, and the record
kinds that serve as its evidence. The compliance pages, the reminders, the calendar, the
readiness checks and ``docs/rules.md`` all read names and next steps from here.

Names and next steps are English, marked with ``_`` for the platform's translation
catalogue; the platform shows them with ``gettext`` (the engine never imports Django).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from .verdicts import Status, _


class Kind(StrEnum):
    MINIMUM_REQUIREMENT = "minimum_requirement"
    RULE = "rule"
    RECOMMENDATION = "recommendation"


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    section: str
    kind: Kind = Kind.RULE
    requirement: str = ""  # OGP's number of a minimum requirement, such as "1.1"
    checks: tuple[str, ...] = ()  # functions that check or enforce it ("module.function")
    next_steps: dict = field(default_factory=dict)  # Status → what to do
    evidence: tuple[str, ...] = ()  # record kinds its verdict rests on
    due_label: str = ""  # how the deadline calendar names its next due date
    guidance: str = ""  # for a rule with no check: why, and what the platform offers

    def label(self, translate=str) -> str:
        """"1.1 The forum meets…" for a minimum requirement, else the name; ``translate``
        is the platform's gettext."""
        name = translate(self.name)
        return f"{self.requirement} {name}" if self.requirement else name

    def next_step(self, status: Status | str) -> str:
        return self.next_steps.get(Status(status), "")


R = "opengov.rules."
AT_RISK, NOT_MET, NOT_YET_DUE = Status.AT_RISK, Status.NOT_MET, Status.NOT_YET_DUE
UNKNOWN = Status.UNKNOWN  # the facts a check needs are missing: say which to record
MINIMUM, RECOMMENDATION = Kind.MINIMUM_REQUIREMENT, Kind.RECOMMENDATION

RULES = [
    # -- Roles (§1) -------------------------------------------------------------------------
    Rule("RO1", _("A lead agency, a ministerial contact and a Point of Contact are named"),
         "§1", checks=("opengov.members.models.Member",),
         evidence=("member",),
         guidance=_("Recorded on the member (lead agency, ministerial contact, Point of "
                    "Contact) and shown on the public contacts page; nothing to compute.")),
    Rule("RO2", _("Civil society and other stakeholders take part; the IRM assesses"), "§1",
         checks=("opengov.members.models.Organisation",), evidence=("organisation",),
         guidance=_("Every organisation is recorded with its kind; the roles of the Support "
                    "Unit and the IRM are outside the platform.")),
    # -- Forum (§1.1) -----------------------------------------------------------------------
    Rule("F1", _("The forum meets at least every six months, and its rules are public"),
         "§1.1", MINIMUM, "1.1", checks=(R + "requirements.check_f1",),
         next_steps={AT_RISK: _("Hold a forum meeting before the due date and publish its "
                                "agenda."),
                     NOT_MET: _("Convene the forum now and publish its rules of "
                                "participation.")},
         evidence=("meeting", "forum"), due_label=_("Next forum meeting due")),
    Rule("F2", _("The forum's rules on meetings, membership and decisions are published"),
         "§1.1", checks=("opengov.forum.models.Forum",), evidence=("forum",),
         guidance=_("The forum's rules are fields of the forum, shown on the public forum "
                    "page; their publication date counts for F1.")),
    Rule("F3", _("Government and civil society are in balance in the forum"), "§1.1",
         checks=("opengov.forum.selectors.current_seats_by_constituency",),
         evidence=("seat",),
         guidance=_("The public forum page counts current seats by constituency; the "
                    "handbook sets no ratio to check.")),
    Rule("F4", _("The forum includes historically under-represented groups"), "§1.1",
         RECOMMENDATION, checks=(R + "requirements.check_f4",),
         next_steps={NOT_MET: _("Invite organisations of women, young people, persons with "
                                "disabilities or other under-represented groups to the "
                                "forum, and record whom each seat represents."),
                     UNKNOWN: _("Record whom each current forum seat represents.")},
         evidence=("seat",)),
    Rule("F5", _("Civil-society members are chosen by an open, transparent process"), "§1.1",
         checks=("opengov.forum.models.Seat",), evidence=("seat",),
         guidance=_("Each seat records how it was filled; whether a process was open is a "
                    "judgement the IRM makes.")),
    Rule("F6", _("Remote participation is offered for some meetings"), "§1.1",
         checks=(R + "requirements.check_cc4",), evidence=("meeting", "outreach"),
         guidance=_("Meetings and outreach record their format; outreach with no remote "
                    "option gets advice under CC4.")),
    Rule("F7", _("A legal or administrative basis founds the forum"), "§1.1",
         checks=("opengov.forum.models.Forum",), evidence=("forum",),
         guidance=_("Recorded on the forum and shown publicly; nothing to compute.")),
    # -- Co-creation (§2) -------------------------------------------------------------------
    Rule("CC1", _("Co-creation has four moments: planning, outreach, development, feedback"),
         "§2", checks=("opengov.cocreation.models.CoCreationProcess",),
         evidence=("cocreation_process",),
         guidance=_("Each process records its stages; the moments are how the pages are "
                    "organised, not a deadline.")),
    Rule("CC2", _("The co-creation plan has a timeline of activities"), "§2",
         checks=("opengov.cocreation.models.CoCreationProcess",),
         evidence=("cocreation_process",),
         guidance=_("Stages with objective, participants, activities, resources and place "
                    "are recorded and published; their publication date counts for CC3.")),
    Rule("CC3", _("The timeline is published two weeks before plan development starts"),
         "§2", MINIMUM, "3.1", checks=(R + "requirements.check_cc3",),
         next_steps={AT_RISK: _("Publish the co-creation timeline on the website now."),
                     NOT_YET_DUE: _("Prepare the co-creation timeline and its participation "
                                    "opportunities."),
                     NOT_MET: _("Publish the timeline now, and do it two weeks ahead for "
                                "the refresh and the next plan."),
                     UNKNOWN: _("Record the co-creation process and the date plan "
                                "development starts.")},
         evidence=("cocreation_process",), due_label=_("Co-creation timeline to publish")),
    Rule("CC4", _("Outreach tells people about OGP and how to take part"), "§2", MINIMUM,
         "3.2", checks=(R + "requirements.check_cc4",),
         next_steps={AT_RISK: _("Plan outreach, in person and online, towards groups "
                                "usually left out."),
                     NOT_MET: _("Record the outreach that took place, or hold outreach "
                                "before the next plan."),
                     UNKNOWN: _("Record the co-creation process and the outreach that "
                                "took place.")},
         evidence=("outreach",)),
    Rule("CC5", _("Everyone can send inputs, over a fair period"), "§2", MINIMUM, "3.3",
         checks=(R + "requirements.check_cc5",),
         next_steps={AT_RISK: _("Open a way to send inputs for at least two weeks."),
                     NOT_MET: _("Open a way to send inputs for at least two weeks before "
                                "the plan is finalised."),
                     UNKNOWN: _("Record the co-creation process and the ways people could "
                                "send inputs.")},
         evidence=("input_mechanism", "contribution")),
    Rule("CC6", _("Inputs are recorded and grouped by theme"), "§2",
         checks=("opengov.cocreation.services.groups_suggest",
                 "opengov.cocreation.importing.import_contributions"),
         evidence=("contribution",),
         guidance=_("Every input is recorded with its themes, imported or sent online, and "
                    "grouping is suggested; nothing to judge.")),
    Rule("CC7", _("Plan development: from inputs to problems, solutions and commitments"),
         "§2", checks=("opengov.plans.models.Commitment",), evidence=("commitment",),
         guidance=_("The commitment template walks through problem, causes and solution; "
                    "the steps are a method, not a deadline.")),
    Rule("CC8", _("Every contribution gets a reasoned response"), "§2",
         checks=("opengov.cocreation.services.contributions_respond",
                 "opengov.cocreation.services.response_publish"),
         evidence=("reasoned_response",),
         guidance=_("A response records the decision and the five elements; the share of "
                    "contributions answered is reported under CC9.")),
    Rule("CC9", _("Feedback on how contributions were considered is published"), "§2",
         MINIMUM, "4.1", checks=(R + "requirements.check_cc9",),
         next_steps={AT_RISK: _("Answer every contribution and publish the reasoned "
                                "responses."),
                     NOT_MET: _("Publish the reasoned responses and the feedback report "
                                "now."),
                     UNKNOWN: _("Record the co-creation process, its contributions and "
                                "the feedback published on them.")},
         evidence=("reasoned_response", "contribution")),
    Rule("CC10", _("Candidate commitments are prioritised on agreed criteria"), "§2",
         guidance=_("The handbook lists criteria (urgency, feasibility, impact) but no "
                    "threshold; a forum's prioritisation is recorded, not judged.")),
    Rule("CC11", _("Participants are told the next steps and how to stay involved"), "§2",
         checks=("opengov.cocreation.services.response_publish",),
         evidence=("reasoned_response",),
         guidance=_("Contributors are told when their contribution is answered; how the "
                    "process was closed is a judgement, not a date.")),
    # -- Calendar (§2.2, §2.3, §3.1) --------------------------------------------------------
    Rule("C1", _("A plan lasts two or four years"), "§2.2",
         checks=(R + "calendar.plan_calendar", "opengov.plans.models.ActionPlan")),
    Rule("C2", _("A plan ends on 30 June or 31 December"), "§2.2",
         checks=(R + "calendar.plan_end",)),
    Rule("C3", _("A plan is delivered within its window, with no extension"), "§2.2",
         checks=(R + "calendar.delivery_window", R + "calendar.slots_for")),
    Rule("C4", _("Plans developed in 2022 and 2023 were due by 31 December"), "§2.2",
         checks=(R + "calendar.delivery_window",)),
    Rule("C5", _("A plan counts as delivered when published on OGP's website"), "§2.2",
         checks=("opengov.plans.services.plan_submit",)),
    Rule("C6", _("Plans are written in the administrative languages and in English"),
         "§2.2", checks=(R + "commitments.check_commitment", R + "commitments.check_sections")),
    Rule("C7", _("Amendments within a year of the delivery deadline; the original is kept"),
         "§2.3", checks=(R + "calendar.PlanCalendar.amendment_deadline",
                         "opengov.plans.services.plan_amend",
                         "opengov.plans.models.PlanVersion"),
         evidence=("plan_version",)),
    Rule("C8", _("A four-year plan is refreshed after two years"), "§2.3",
         checks=(R + "calendar.PlanCalendar.refresh_deadline",
                 "opengov.plans.services.plan_amend"),
         evidence=("plan_version", "cocreation_process")),
    Rule("C9", _("A new plan within 12 months of the previous one's end"), "§3.1",
         checks=(R + "calendar.PlanCalendar.next_plan_late_after",
                 R + "requirements.contrary_to_process")),
    Rule("C10", _("The IRM's products for each plan"), "§3.1",
         checks=(R + "calendar.PlanCalendar.irm_products",), evidence=("irm_product",)),
    Rule("C11", _("Co-create the next plan during the last months of the current one"),
         "§3.1", RECOMMENDATION, checks=(R + "calendar.PlanCalendar.next_cocreation_from",),
         due_label=_("Start co-creating the next plan (recommended)")),
    Rule("C12", _("A limited plan during a political transition is completed by amendment"),
         "§3.1", checks=(R + "requirements.check_c12",),
         next_steps={AT_RISK: _("Co-create the new administration's commitments and deliver "
                                "them as an amendment before the deadline."),
                     NOT_YET_DUE: _("Plan the co-creation of the new administration's "
                                    "commitments, to add them by amendment."),
                     NOT_MET: _("The amendment deadline has passed: add the commitments to "
                                "the next plan, and tell the forum.")},
         evidence=("plan_version",), due_label=_("Last day to complete the limited plan")),
    # -- Action plan and commitments (§3) ---------------------------------------------------
    Rule("AP1", _("A plan has its four sections"), "§3",
         checks=(R + "commitments.check_sections", R + "commitments.check_plan")),
    Rule("CM1", _("Each commitment fills in OGP's template"), "§3",
         checks=(R + "commitments.check_commitment",)),
    Rule("CM2", _("The short description has fewer than 200 characters"), "§3",
         checks=(R + "commitments.check_commitment", "opengov.plans.models.Commitment")),
    Rule("CM3", _("Each commitment advances transparency, accountability or participation"),
         "§3", checks=(R + "commitments.check_commitment",)),
    Rule("CM4", _("Commitments are specific, measurable, assigned, relevant and time-bound"),
         "§3", checks=(R + "commitments.check_commitment",)),
    Rule("CM5", _("At most two challenge commitments, added during implementation"), "§3",
         checks=(R + "commitments.check_plan", "opengov.plans.models.Commitment")),
    Rule("CM6", _("Local commitments derive from a national policy and report quarterly"),
         "§3", checks=(R + "requirements.check_cm6", R + "commitments.check_commitment",
                       R + "implementation.update_due"),
         next_steps={AT_RISK: _("Ask the lead agencies of local commitments for an update."),
                     NOT_MET: _("Publish an update for each local commitment concerned."),
                     UNKNOWN: _("Record the progress updates of each local commitment.")},
         evidence=("progress_update",)),
    Rule("CM7", _("The kinds of local commitment that fit a national plan"), "§3",
         checks=("opengov.plans.models.Commitment",),
         guidance=_("Recorded as the kind of each local commitment; the list describes, it "
                    "does not forbid.")),
    # -- Implementation (§4) ----------------------------------------------------------------
    Rule("I1", _("Each commitment has an implementation plan"), "§4",
         checks=("opengov.tracking.models.ImplementationPlan",),
         evidence=("implementation_plan",),
         guidance=_("Written in the workspace and shown on the commitment page; its content "
                    "is for people to judge.")),
    Rule("I2", _("Other stakeholders take on support roles in implementation"), "§4",
         checks=("opengov.plans.models.CommitmentStakeholder",),
         evidence=("commitment_stakeholder",),
         guidance=_("Each supporting stakeholder records its kind of support "
                    "(communications, expertise, service delivery, enabling use); the "
                    "handbook sets no minimum.")),
    Rule("I3", _("Commitments are monitored at set intervals"), "§4",
         checks=("opengov.forum.models.Meeting",), evidence=("meeting",),
         guidance=_("Monitoring meetings are recorded per commitment; the handbook sets no "
                    "interval.")),
    Rule("I4", _("A public dashboard shows up-to-date progress"), "§4",
         checks=("opengov.tracking.selectors.progress",), evidence=("progress_update",),
         guidance=_("The public implementation dashboard is built from the progress "
                    "updates; staleness is checked under W3 (f).")),
    Rule("I5", _("Two meetings a year with civil society on implementation"), "§4", MINIMUM,
         "5.1", checks=(R + "requirements.check_i5",),
         next_steps={AT_RISK: _("Schedule an implementation review with civil society."),
                     NOT_MET: _("Hold the missing implementation reviews with civil society "
                                "now, and plan two for each year ahead.")},
         evidence=("meeting",),
         due_label=_("Two implementation meetings with civil society due this year")),
    Rule("I6", _("High-level officials engage at least once a year"), "§4",
         checks=(R + "requirements.check_i6",),
         next_steps={AT_RISK: _("Schedule a meeting with a minister or senior official."),
                     NOT_MET: _("Hold a meeting with a minister or senior official this "
                                "year.")},
         evidence=("meeting",), due_label=_("High-level meeting due this year")),
    # -- Self-assessment (§3.3) -------------------------------------------------------------
    Rule("SA1", _("The self-assessment report and its colours"), "§3.3",
         checks=(R + "implementation.self_assessment_colour",
                 "opengov.reports.services.self_assessment_draft"),
         evidence=("self_assessment",)),
    Rule("SA2", _("The self-assessment is published, optionally after public comment"),
         "§3.3", checks=("opengov.reports.models.SelfAssessment",),
         evidence=("self_assessment",),
         guidance=_("Its publication and comment period are recorded; the handbook leaves "
                    "the timing to the member.")),
    # -- Website and repository (§5) --------------------------------------------------------
    Rule("W1", _("A public OGP website is maintained"), "§5", MINIMUM, "2.1",
         checks=(R + "requirements.check_w1",),
         next_steps={Status.UNKNOWN: _("Record the address of the OGP website on the "
                                       "member.")},
         evidence=("member",)),
    Rule("W2", _("The website is searchable, plain, and open to comment on progress"), "§5",
         checks=("opengov.tracking.services.comment_submit",),
         evidence=("comment",),
         guidance=_("The site search and public comments on progress updates provide it; "
                    "plain language is for people to judge.")),
    Rule("W3", _("The website publishes progress on each commitment every six months"),
         "§5", checks=(R + "requirements.check_w3f", R + "implementation.update_due"),
         next_steps={AT_RISK: _("Ask the lead agencies for their six-monthly update."),
                     NOT_MET: _("Publish an update for each commitment concerned."),
                     UNKNOWN: _("Record the progress updates of each commitment.")},
         evidence=("progress_update",)),
    Rule("W4", _("Key information in every administrative language, accessible and open"),
         "§5", checks=(R + "commitments.check_commitment",),
         guidance=_("Built into the platform rather than checked per plan: every page and "
                    "document exists in each administrative language and English (C6 "
                    "checks the plan's text), every public page is tested for WCAG 2.1 AA, "
                    "and everything public is open data in CSV, JSON and XLSX.")),
    Rule("R1", _("A public repository, updated at least twice a year"), "§5", MINIMUM, "2.2",
         checks=(R + "requirements.check_r1",),
         next_steps={AT_RISK: _("Publish recent evidence or minutes in the repository."),
                     NOT_MET: _("Update the repository with evidence of co-creation and "
                                "implementation."),
                     Status.UNKNOWN: _("Publish the first documents in the repository.")},
         evidence=("document",), due_label=_("Next repository update due")),
    Rule("R2", _("The repository needs no password and links to evidence"), "§5",
         checks=("opengov.repository.selectors.folders",), evidence=("document",),
         guidance=_("The repository is public with no account; each update links to its "
                    "evidence.")),
    Rule("R3", _("Documents are checked for quality, legality and security"), "§5",
         checks=("opengov.repository.files.validate_upload",), evidence=("document",)),
    Rule("R4", _("One folder per commitment and a tracking sheet"), "§5",
         checks=("opengov.repository.selectors.folders",
                 "opengov.repository.tracking_sheet.rows"),
         evidence=("document",)),
    # -- Beyond the national executive (§6) -------------------------------------------------
    Rule("B1", _("Parliaments take part or co-create an open parliament plan"), "§6",
         checks=("opengov.members.models.Member",),
         guidance=_("A parliament can be a member of its own (open parliament plan) or an "
                    "organisation in the national process; telling the Support Unit before "
                    "starting happens outside the platform.")),
    Rule("B2", _("The judiciary takes part and can lead justice commitments"), "§6",
         checks=("opengov.members.models.Organisation",),
         guidance=_("The judiciary is an organisation kind that can lead commitments and "
                    "sit in the forum; nothing to compute.")),
    Rule("B3", _("Local governments meet the same minimums as national members"), "§6",
         checks=(R + "requirements.check_cm6", R + "commitments.check_commitment"),
         guidance=_("A local member is judged by the same checks as a national one; local "
                    "commitments in a national plan are checked under CM6.")),
    # -- Contrary to process (§7) -----------------------------------------------------------
    Rule("P1", _("When a member acts contrary to process"), "§7",
         checks=(R + "requirements.contrary_to_process",),
         evidence=("requirement_finding", "commitment_finding")),
    Rule("P2", _("The Support Unit's letter to the government"), "§7",
         checks=("opengov.reports.models.SupportUnitLetter",),
         evidence=("support_unit_letter",),
         guidance=_("The letter is recorded with its date and link and shown with the cycle "
                    "it concerns; the Support Unit, not the platform, decides to send it.")),
    Rule("P3", _("Two cycles contrary to process lead to a procedural review"), "§7",
         checks=(R + "requirements.contrary_to_process",)),
]

BY_ID = {rule.id: rule for rule in RULES}
# In OGP's numbering: 1.1 (F1), 2.1 (W1), 2.2 (R1), 3.1 (CC3) …
MINIMUM_REQUIREMENTS = tuple(r.id for r in sorted(RULES, key=lambda r: r.requirement)
                             if r.kind is Kind.MINIMUM_REQUIREMENT)


def get(rule_id: str) -> Rule | None:
    return BY_ID.get(rule_id)
