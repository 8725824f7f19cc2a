"""The demo workspace: a realistic portfolio of any size, with the people, history, concessions,
promises and handovers an account manager would recognise, written reproducibly from a seed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from handover.domain.errors import ValidationError
from handover.domain.handover import Handover, Status
from handover.domain.records import (
    Account,
    ApprovalLimit,
    AskedBy,
    Baseline,
    BuyingRole,
    Commitment,
    CommitmentStatus,
    Concession,
    ConcessionKind,
    Contact,
    Direction,
    DiscountPolicy,
    Health,
    Interaction,
    InteractionKind,
    Person,
    Question,
    Record,
    Recurrence,
    Role,
    Segment,
    Tactic,
    Trigger,
    in_force,
)
from handover.domain.signoff import sign_off
from handover.store import Workspace
from handover.store.briefdata import handover_records
from handover.store.signoffs import hand_over, save_snapshot

# The day the demo's story is told from. Fixed, not the wall clock, so that one seed always
# gives the same workspace content.
DEMO_TODAY = dt.date(2026, 11, 25)

# Accounts written per transaction: bounds memory and lets progress be reported.
CHUNK_ACCOUNTS = 500

# From this many accounts on, account 1 is "large": the brief a benchmark exports.
LARGE_FROM = 1000
LARGE_INTERACTIONS = 1000
LARGE_CONCESSIONS = 500

DEMO_USER = "Handover demo"
EMAIL_DOMAIN = "handover.example"

# ================================================================== word lists

TEAM_LEADS = ["Katrin Vogel", "Martin Ashworth", "Sofia Lindqvist"]
ACCOUNT_MANAGERS = [
    "Dana Whitfield", "Jonas Berger", "Priya Raman", "Luca Moretti", "Emma Larsen",
    "Tom Brennan", "Claire Dubois", "Felix Hartmann", "Nora Haddad", "Ben Carter",
    "Inês Duarte", "Sven Olsen", "Hannah Kowalczyk", "Ruairí Byrne", "Mei Tanaka",
]

# Given names and family names that belong together.
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "german": (
        ("Jürgen", "Katrin", "Matthias", "Sabine", "Stefan", "Julia", "Andreas", "Claudia",
         "Tobias", "Anja", "Markus", "Petra", "Florian", "Simone", "Lukas", "Nicole"),
        ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
         "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Brandt", "Huber",
         "Keller", "Zimmermann", "Krüger")),
    "swiss": (
        ("Reto", "Corinne", "Urs", "Sandra", "Beat", "Nadine", "Daniel", "Martina", "Lukas",
         "Franziska"),
        ("Meier", "Keller", "Gerber", "Baumann", "Frei", "Brunner", "Moser", "Widmer",
         "Steiner", "Zürcher")),
    "swedish": (
        ("Lars", "Ingrid", "Mikael", "Sofia", "Anders", "Karin", "Johan", "Elin", "Mats",
         "Maja"),
        ("Andersson", "Johansson", "Lindqvist", "Eriksson", "Nyström", "Berg", "Holm",
         "Lundgren", "Sjöberg", "Forsberg")),
    "danish_norwegian": (
        ("Henrik", "Mette", "Søren", "Freja", "Jonas", "Ingrid", "Rasmus", "Line", "Eirik",
         "Kari"),
        ("Nielsen", "Hansen", "Larsen", "Jensen", "Dahl", "Berg", "Haugen", "Christensen",
         "Solberg", "Madsen")),
    "finnish": (
        ("Mikko", "Aino", "Juha", "Laura", "Olli", "Sanna", "Antti", "Heidi"),
        ("Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Laine", "Heikkinen", "Koskinen",
         "Lehtonen")),
    "british": (
        ("James", "Sarah", "Oliver", "Emma", "Thomas", "Charlotte", "William", "Hannah",
         "Daniel", "Rebecca", "Graham", "Fiona", "Richard", "Victoria"),
        ("Smith", "Clarke", "Taylor", "Hughes", "Evans", "Wright", "Bennett", "Campbell",
         "Reid", "Turner", "Fletcher", "Harrison", "Cooper", "Marsh")),
    "irish": (
        ("Siobhan", "Ciarán", "Niamh", "Rory", "Aoife", "Declan", "Orla", "Eoin"),
        ("Murphy", "Walsh", "O'Brien", "Kelly", "Doyle", "Byrne", "Ryan", "O'Connor")),
    "dutch": (
        ("Jeroen", "Sanne", "Pieter", "Femke", "Bram", "Lotte", "Maarten", "Eline", "Koen",
         "Anouk", "Thijs", "Inge"),
        ("de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit", "van den Berg",
         "Mulder", "Dekker", "de Boer", "Peeters", "Janssens", "Claes", "Willems")),
    "french": (
        ("Camille", "Nicolas", "Élodie", "Julien", "Sophie", "Mathieu", "Claire", "Antoine",
         "Céline", "Olivier", "Aurélie", "Guillaume"),
        ("Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Lefèvre", "Girard", "Roux",
         "Fontaine", "Chevalier", "Mercier", "Blanc")),
    "italian": (
        ("Marco", "Giulia", "Alessandro", "Chiara", "Matteo", "Francesca", "Davide", "Elena",
         "Stefano", "Valentina"),
        ("Rossi", "Bianchi", "Ferrari", "Romano", "Colombo", "Ricci", "Marino", "Greco",
         "Conti", "Galli")),
    "iberian": (
        ("Javier", "Lucía", "Carlos", "Elena", "Pablo", "Marta", "Pedro", "Inês", "João",
         "Carmen"),
        ("García", "Fernández", "López", "Martínez", "Sánchez", "Silva", "Santos", "Costa",
         "Pereira", "Navarro")),
    "polish": (
        ("Piotr", "Agnieszka", "Tomasz", "Katarzyna", "Jakub", "Magdalena", "Paweł", "Anna"),
        ("Nowak", "Wójcik", "Mazur", "Krawczyk", "Zając", "Król", "Wieczorek", "Jabłoński")),
    "czech_hungarian": (
        ("Martin", "Lucie", "Ondřej", "Petra", "Gábor", "Zsófia", "Tamás", "Eszter"),
        ("Novák", "Dvořák", "Svoboda", "Procházka", "Horváth", "Kovács", "Szabó", "Tóth")),
    "arabic": (
        ("Omar", "Layla", "Ahmed", "Fatima", "Khalid", "Nadia", "Youssef", "Leila", "Karim",
         "Rania"),
        ("Al-Mansouri", "Haddad", "Nasser", "Khoury", "Benali", "El Amrani", "Farouk",
         "Saleh", "Hamdan", "Aziz")),
    "south_african": (
        ("Thabo", "Zanele", "Pieter", "Lerato", "Johan", "Naledi", "Sipho", "Anika"),
        ("Mokoena", "Naidoo", "Dlamini", "van der Merwe", "Botha", "Nkosi", "Pillay",
         "Venter")),
    "american": (
        ("Michael", "Jennifer", "David", "Jessica", "Brian", "Ashley", "Kevin", "Megan",
         "Ryan", "Lauren", "Tyler", "Amanda", "Jason", "Rachel"),
        ("Johnson", "Williams", "Brown", "Miller", "Davis", "Anderson", "Thompson", "Garcia",
         "Robinson", "Walker", "Sullivan", "Carter", "Mitchell", "Reyes")),
    "indian": (
        ("Rajesh", "Ananya", "Arjun", "Priya", "Vikram", "Deepa", "Rohan", "Kavita"),
        ("Sharma", "Iyer", "Patel", "Singh", "Reddy", "Nair", "Gupta", "Menon")),
    "japanese": (
        ("Hiroshi", "Yuki", "Kenji", "Aiko", "Takeshi", "Naomi", "Daisuke", "Emi"),
        ("Tanaka", "Suzuki", "Nakamura", "Watanabe", "Yamamoto", "Kobayashi", "Sato", "Ito")),
    "chinese": (
        ("Wei", "Mei", "Jun", "Li Na", "Hao", "Xiu Ying", "Kelvin", "Siew Ling"),
        ("Chen", "Wang", "Tan", "Lim", "Ng", "Lee", "Zhang", "Wong")),
    "australian": (
        ("Jack", "Chloe", "Lachlan", "Olivia", "Mitchell", "Georgia", "Hamish", "Kate"),
        ("Wilson", "Taylor", "Harris", "Martin", "Kelly", "Thompson", "Campbell", "Ryan")),
}

# region: (weight, [(city, currency, name cultures)], company suffixes)
REGIONS: dict[str, tuple[int, list[tuple[str, str, tuple[str, ...]]], tuple[str, ...]]] = {
    "DACH": (22, [
        ("Munich", "EUR", ("german",)), ("Stuttgart", "EUR", ("german",)),
        ("Hamburg", "EUR", ("german",)), ("Düsseldorf", "EUR", ("german",)),
        ("Vienna", "EUR", ("german",)), ("Linz", "EUR", ("german",)),
        ("Zurich", "CHF", ("swiss", "german")), ("Basel", "CHF", ("swiss",)),
    ], ("GmbH", "AG", "GmbH & Co. KG")),
    "Nordics": (10, [
        ("Gothenburg", "EUR", ("swedish",)), ("Malmö", "EUR", ("swedish",)),
        ("Aarhus", "EUR", ("danish_norwegian",)), ("Oslo", "EUR", ("danish_norwegian",)),
        ("Tampere", "EUR", ("finnish",)), ("Helsinki", "EUR", ("finnish", "swedish")),
    ], ("AB", "A/S", "AS", "Oy")),
    "UK & Ireland": (12, [
        ("Manchester", "GBP", ("british",)), ("Leeds", "GBP", ("british",)),
        ("Bristol", "GBP", ("british",)), ("Glasgow", "GBP", ("british",)),
        ("Birmingham", "GBP", ("british", "indian")), ("Dublin", "EUR", ("irish",)),
        ("Cork", "EUR", ("irish",)),
    ], ("Ltd", "plc", "Ltd")),
    "Benelux": (10, [
        ("Rotterdam", "EUR", ("dutch",)), ("Eindhoven", "EUR", ("dutch",)),
        ("Antwerp", "EUR", ("dutch",)), ("Ghent", "EUR", ("dutch",)),
        ("Luxembourg", "EUR", ("french", "german")),
    ], ("B.V.", "N.V.", "B.V.")),
    "France": (10, [
        ("Lyon", "EUR", ("french",)), ("Lille", "EUR", ("french",)),
        ("Toulouse", "EUR", ("french",)), ("Nantes", "EUR", ("french",)),
        ("Grenoble", "EUR", ("french",)),
    ], ("SA", "SAS", "SAS")),
    "Southern Europe": (9, [
        ("Milan", "EUR", ("italian",)), ("Turin", "EUR", ("italian",)),
        ("Bologna", "EUR", ("italian",)), ("Valencia", "EUR", ("iberian",)),
        ("Bilbao", "EUR", ("iberian",)), ("Porto", "EUR", ("iberian",)),
    ], ("S.p.A.", "S.r.l.", "S.A.", "S.L.")),
    "CEE": (6, [
        ("Poznań", "EUR", ("polish",)), ("Wrocław", "EUR", ("polish",)),
        ("Brno", "EUR", ("czech_hungarian",)), ("Budapest", "EUR", ("czech_hungarian",)),
    ], ("Sp. z o.o.", "s.r.o.", "Kft.")),
    "EMEA": (5, [
        ("Dubai", "USD", ("arabic",)), ("Casablanca", "EUR", ("arabic", "french")),
        ("Johannesburg", "USD", ("south_african",)), ("Cape Town", "USD", ("south_african",)),
    ], ("LLC", "Ltd", "(Pty) Ltd")),
    "North America": (11, [
        ("Chicago", "USD", ("american",)), ("Columbus", "USD", ("american",)),
        ("Atlanta", "USD", ("american",)), ("Denver", "USD", ("american", "indian")),
        ("Toronto", "USD", ("american", "chinese")), ("Charlotte", "USD", ("american",)),
    ], ("Inc.", "LLC", "Corp.")),
    "APAC": (5, [
        ("Singapore", "USD", ("chinese", "indian")), ("Melbourne", "USD", ("australian",)),
        ("Osaka", "USD", ("japanese",)), ("Penang", "USD", ("chinese",)),
        ("Pune", "USD", ("indian",)), ("Auckland", "USD", ("australian",)),
    ], ("Pte Ltd", "Pty Ltd", "K.K.", "Pvt Ltd")),
}

# industry: the words a company in it is called by
INDUSTRIES: dict[str, tuple[str, ...]] = {
    "Logistics & Transport": ("Logistics", "Freight", "Transport", "Shipping", "Cargo"),
    "Food & Beverage": ("Foods", "Dairy", "Beverages", "Bakeries", "Brewing", "Fresh Foods"),
    "Pharmaceuticals": ("Pharma", "Life Sciences", "Biotech", "Laboratories"),
    "Industrial Manufacturing": ("Engineering", "Manufacturing", "Components", "Precision",
                                 "Tooling", "Industries"),
    "Retail": ("Retail", "Stores", "Home & Garden", "Outlets"),
    "Automotive": ("Automotive", "Motors", "Mobility", "Drivetrain"),
    "Energy & Utilities": ("Energy", "Power", "Utilities", "Renewables"),
    "Chemicals": ("Chemicals", "Coatings", "Polymers", "Specialty Chemicals"),
    "Construction": ("Construction", "Building Systems", "Infrastructure"),
    "Healthcare": ("Health", "Medical", "Care Group", "Clinics"),
    "Technology": ("Systems", "Digital", "Networks", "Electronics"),
    "Packaging": ("Packaging", "Containers", "Paper & Board"),
    "Agriculture": ("Agri", "Farms", "Seeds", "Agritech"),
    "Hospitality": ("Hotels", "Hospitality", "Catering"),
}

NAME_FIRST = ("North", "South", "West", "East", "Bright", "Silver", "Iron", "Blue", "Red",
              "Green", "Stone", "Oak", "Elm", "Clear", "High", "Fair", "Gold", "Black",
              "White", "Lake", "River", "Sun", "Star", "Frost", "Alder", "Ash", "Birch",
              "Cedar", "Copper", "Granite", "Harbour", "Maple")
NAME_SECOND = ("wind", "water", "line", "bridge", "field", "gate", "stone", "brook", "haven",
               "ridge", "wood", "view", "point", "crest", "mark", "vale", "ford", "port",
               "well", "hill", "light", "peak", "moor", "dale")
NAME_WHOLE = ("Meridian", "Vantage", "Apex", "Atlas", "Polaris", "Kestrel", "Lumen",
              "Helvetia", "Nordica", "Corvus", "Orion", "Aurora", "Vega", "Sentinel",
              "Zenith", "Halcyon", "Albion", "Baltica", "Alpina", "Castell")
NAME_VARIANT = (" Group", " Holding", " International", " Europe")

COMPETITORS = ("Vantor Systems", "Kallisto Group", "Nordan Supply", "Brenner & Lutz",
               "Orbis Industrial", "Castell Partners", "Primeline Services", "Axiom Supply",
               "Helix Industrial", "Tessaro")

# buying role: (titles, influence range, weight when filling the rest of the list)
ROLES: dict[BuyingRole, tuple[tuple[str, ...], tuple[int, int], int]] = {
    BuyingRole.ECONOMIC_BUYER: (("CFO", "Chief Financial Officer", "Finance Director",
                                 "VP Finance", "Managing Director"), (4, 5), 0),
    BuyingRole.DECISION_MAKER: (("COO", "VP Operations", "Head of Supply Chain",
                                 "Director of Operations", "CIO", "Plant Director"), (4, 5), 1),
    BuyingRole.GATEKEEPER: (("Head of Procurement", "Procurement Manager",
                             "Senior Category Manager", "Strategic Sourcing Lead",
                             "Purchasing Director"), (3, 4), 1),
    BuyingRole.INFLUENCER: (("Head of Quality", "Controller", "Head of Engineering",
                             "IT Architect", "Head of Maintenance"), (2, 4), 4),
    BuyingRole.USER: (("Operations Manager", "Maintenance Lead", "Logistics Coordinator",
                       "Shift Supervisor", "Warehouse Manager", "Service Coordinator"),
                      (1, 2), 6),
    BuyingRole.CHAMPION: (("Project Manager", "Head of Operational Excellence",
                           "Continuous Improvement Lead", "Site Manager"), (2, 4), 2),
    BuyingRole.BLOCKER: (("Head of Legal", "Information Security Officer",
                          "Group Procurement Director", "Deputy CFO"), (3, 5), 1),
}

# the buying roles that ask for concessions
NEGOTIATORS = (BuyingRole.ECONOMIC_BUYER, BuyingRole.GATEKEEPER, BuyingRole.DECISION_MAKER,
               BuyingRole.BLOCKER)

SEGMENTS = (Segment.STRATEGIC, Segment.KEY, Segment.MID_SIZE, Segment.SMALL)
SEGMENT_WEIGHTS = (5, 15, 40, 40)
# annual revenue, low..high, in the account's currency
REVENUE = {Segment.STRATEGIC: (2_000_000, 12_000_000), Segment.KEY: (600_000, 2_500_000),
           Segment.MID_SIZE: (120_000, 600_000), Segment.SMALL: (15_000, 120_000)}
CONTACTS = {Segment.STRATEGIC: (6, 8), Segment.KEY: (5, 8), Segment.MID_SIZE: (4, 6),
            Segment.SMALL: (3, 5)}
INTERACTIONS = {Segment.STRATEGIC: (45, 110), Segment.KEY: (25, 60),
                Segment.MID_SIZE: (10, 28), Segment.SMALL: (4, 14)}
CONCESSIONS = {Segment.STRATEGIC: (28, 60), Segment.KEY: (15, 32), Segment.MID_SIZE: (5, 13),
               Segment.SMALL: (2, 7)}
COMMITMENTS = (3, 6)

# segment: (target %, maximum %) now, and two years earlier, when the policy was looser
POLICY_NOW = {Segment.STRATEGIC: (12, 20), Segment.KEY: (10, 18), Segment.MID_SIZE: (8, 15),
              Segment.SMALL: (5, 10)}
POLICY_BEFORE = {Segment.STRATEGIC: (15, 25), Segment.KEY: (12, 22),
                 Segment.MID_SIZE: (10, 18), Segment.SMALL: (7, 12)}
LIMITS_NOW = {Role.ACCOUNT_MANAGER: 5.0, Role.TEAM_LEAD: 15.0}
LIMITS_BEFORE = {Role.ACCOUNT_MANAGER: 7.5, Role.TEAM_LEAD: 20.0}

# What a concession applies to: the whole contract down to one order; how often each, by
# the number of concessions an account has.
SCOPES = (1.0, 0.5, 0.25, 0.1, 0.03, 0.01)
SCOPE_WEIGHTS = ((8, (6, 3, 2, 1, 0, 0)), (25, (2, 3, 4, 4, 1, 0)), (60, (1, 2, 4, 8, 4, 1)),
                 (10**9, (0, 0, 1, 4, 20, 75)))
HALF_POINTS = (ConcessionKind.PRICE_DISCOUNT, ConcessionKind.REBATE,
               ConcessionKind.VOLUME_BONUS, ConcessionKind.EARLY_PAYMENT_DISCOUNT)

# The portfolio's kinds of account. "neglected" is a mid-size account whose potential is
# many times its size but that nobody visits.
HEALTHY, STEADY, DAMAGED, NEGLECTED = "healthy", "steady", "damaged", "neglected"

# The first accounts, so that even a small demo shows every segment, health and story.
FORCED: tuple[tuple[Segment, str, Health], ...] = (
    (Segment.STRATEGIC, DAMAGED, Health.CRITICAL),
    (Segment.KEY, HEALTHY, Health.STABLE),
    (Segment.MID_SIZE, NEGLECTED, Health.WATCH),
    (Segment.SMALL, DAMAGED, Health.AT_RISK),
    (Segment.KEY, DAMAGED, Health.AT_RISK),
    (Segment.MID_SIZE, HEALTHY, Health.STABLE),
    (Segment.STRATEGIC, HEALTHY, Health.WATCH),
    (Segment.SMALL, STEADY, Health.WATCH),
    (Segment.MID_SIZE, NEGLECTED, Health.STABLE),
    (Segment.MID_SIZE, DAMAGED, Health.CRITICAL),
)
# The handovers of the first accounts, so every status shows.
FORCED_HANDOVERS = {0: Status.IN_REVIEW, 1: Status.ACCEPTED, 2: Status.DRAFT,
                    3: Status.RETURNED, 4: Status.SUBMITTED, 9: Status.IN_REVIEW}
HANDOVER_SHARE = 0.06
HANDOVER_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW, Status.ACCEPTED,
                     Status.RETURNED)
HANDOVER_STATUS_WEIGHTS = (30, 18, 20, 22, 10)

K = InteractionKind
KIND_WEIGHTS: dict[str, tuple[tuple[InteractionKind, ...], tuple[int, ...]]] = {
    HEALTHY: ((K.MEETING, K.CALL, K.EMAIL, K.REVIEW, K.ESCALATION, K.COMPLAINT, K.WIN,
               K.LOSS, K.OTHER), (22, 26, 34, 6, 1, 2, 6, 1, 2)),
    STEADY: ((K.MEETING, K.CALL, K.EMAIL, K.REVIEW, K.ESCALATION, K.COMPLAINT, K.WIN,
              K.LOSS, K.OTHER), (20, 25, 33, 5, 3, 5, 4, 2, 3)),
    DAMAGED: ((K.MEETING, K.CALL, K.EMAIL, K.REVIEW, K.ESCALATION, K.COMPLAINT, K.WIN,
               K.LOSS, K.OTHER), (16, 22, 28, 5, 12, 11, 1, 3, 2)),
    NEGLECTED: ((K.MEETING, K.CALL, K.EMAIL, K.REVIEW, K.COMPLAINT, K.WIN, K.OTHER),
                (10, 20, 55, 5, 3, 2, 5)),
}
# the usual sentiment of everyday contact (meetings, calls, e-mails)
MOOD = {HEALTHY: (0, 1, 1, 2, 0, 1, -1), STEADY: (-1, 0, 0, 1, 1, 0),
        DAMAGED: (-2, -1, -1, 0, 0, 1, -1), NEGLECTED: (0, 0, 1, 0)}

# ================================================================== text templates
# Placeholders are filled lazily (see _Fill): account facts, the contacts of the moment,
# and phrases from PHRASES, chosen by the moment's mood.

SUMMARIES: dict[InteractionKind, tuple[str, ...]] = {
    K.MEETING: (
        "**Quarterly business review** with {c1} ({t1}) and {c2}.\n\n"
        "- Volumes: {volumes}\n- Service: {service}\n- Next step: {next_step}",
        "On-site visit at the **{city}** site. Walked the {area} with {c1}.\n\n"
        "- {observation}\n- {observation2}\n\n{c1} wants {ask}.",
        "Renewal preparation with {c1} ({t1}).\n\n"
        "1. Timeline: decision expected by **{month}**\n2. Budget: {budget}\n"
        "3. Open point: {open_point}",
        "Lunch with {c1} and {c2} in {city}. {observation} {observation2}",
    ),
    K.CALL: (
        "Call with {c1} ({t1}) on {topic}. Agreed: {next_step}.",
        "Short call: {c1} asked about {ask}. **Follow-up:** {next_step}.",
        "Check-in call with {c1}. Mood {mood_word}; {observation_lc}",
        "{c1} called about {topic}. {observation}",
    ),
    K.EMAIL: (
        "{c1} sent {email_thing}. Replied with {reply}.",
        "E-mail from {c1} ({t1}): asks for {ask} before **{month}**.",
        "Sent the {document} to {c1}, {c2} in copy.",
        "{c1} confirmed {confirmation} by e-mail.",
    ),
    K.ESCALATION: (
        "**Escalation** from {c1} ({t1}) about {issue}.\n\n"
        "- Impact on their side: {impact}\n- They asked for: {ask}\n"
        "- Our commitment: {remedy} by **{due}**",
        "{c1} escalated to our management: **{issue}**. The tone was {tone}; "
        "{c1} mentioned {competitor} twice.\n\n- Root cause: {root_cause}\n"
        "- Remedy offered: {remedy}",
        "**Executive escalation.** {c1} called our VP Sales directly about {issue}.\n\n"
        "> {quote}\n\nAgreed actions:\n\n1. {remedy}\n2. Weekly status call with {c2} "
        "until closed",
    ),
    K.COMPLAINT: (
        "Complaint from {c1}: {issue}. {impact_sentence}",
        "**Formal complaint** from {c1} ({t1}).\n\n- Issue: {issue}\n"
        "- Claimed cost: **{amount}**\n- Status: {complaint_status}",
        "{c1} complained about {issue} and wants {ask}.",
    ),
    K.REVIEW: (
        "**{quarter} service review** with {c1}.\n\n- On-time delivery: **{otd}%** "
        "(target 95%)\n- First-time fix rate: {ftf}%\n- Open tickets: {tickets}\n\n"
        "{review_comment}",
        "Annual account review with {c1} and {c2}. Their supplier score for us: "
        "**{score}/10**. {review_comment}",
    ),
    K.WIN: (
        "**Won** the {city} rollout: {amount} a year from {month}. {c1} pushed it through "
        "internally.",
        "**Good news:** {c1} confirmed {win_thing}. Thanked {c2} for the support.",
        "Signed the extension to {n_sites} more sites (**{amount}** a year). {c1} was our "
        "champion throughout.",
    ),
    K.LOSS: (
        "**Lost** the {product} tender to {competitor} ({amount} a year). {c1}: "
        "*\u201c{loss_quote}\u201d*",
        "{c1} told us that the {city} site moves to {competitor} from {month}. "
        "Reason given: {loss_reason}.",
    ),
    K.OTHER: (
        "Met {c1} at {event}. Informal chat about {topic}.",
        "Internal note: {internal_note}",
        "{c1} connected us with {c2} ({t2}) for {topic}.",
    ),
}

# name: (phrases for a good moment, phrases for a bad one); one tuple serves both.
PHRASES: dict[str, tuple[tuple[str, ...], tuple[str, ...]] | tuple[str, ...]] = {
    "volumes": (("up {pct}% on last year, driven by {city}", "stable, slightly above plan",
                 "ahead of forecast after the {city} ramp-up"),
                ("down {pct}% since {month_past}", "below forecast; {c2} blames our prices",
                 "flat, with part of the volume now going to {competitor}")),
    "service": (("no open incidents", "on-time delivery at 97%", "response times well "
                 "inside the SLA"),
                ("three missed deliveries this quarter", "ticket backlog of {tickets} items",
                 "the {city} site still waits for the spare-parts kit")),
    "next_step": (("send the updated forecast template", "prepare the {city} rollout plan",
                   "set up a workshop with their engineering team",
                   "share references from similar customers"),
                  ("send a written action plan by {due}", "call back after the internal "
                   "review on {due}", "put our service manager in touch with {c2}",
                   "prepare an answer on pricing before {due}")),
    "area": ("production floor", "warehouse", "maintenance workshop", "new packaging line",
             "goods-in area"),
    "observation": (("Equipment in good shape, the team is well trained.",
                     "They plan a second shift at {city}.",
                     "Our engineer is well liked on site.",
                     "The new line runs at full capacity."),
                    ("Two of our machines were idle, waiting for parts.",
                     "The operators still use the old process we were asked to replace.",
                     "{competitor} had a demo unit on site.",
                     "Nobody on site knew who their contact at our company is.")),
    "observation2": (("Usage data confirms the growth.", "{c2} asked about our roadmap.",
                      "Good chance to extend to {city2}."),
                     ("{c2} was openly critical of our invoicing.",
                      "Morale on their side is low after the restructuring.",
                      "They keep a log of every late delivery.")),
    "observation_lc": (("happy with the last deliveries and planning more volume.",
                        "wants to talk about the {city2} expansion."),
                       ("still upset about the invoice errors.",
                        "waiting for our answer on the price increase.")),
    "ask": (("a proposal for the {city2} site", "a roadmap preview", "training for new "
             "operators", "a reference visit"),
            ("a credit note for the missed deliveries", "a written root-cause analysis",
             "a price reduction of {pct}%", "a named service engineer on site",
             "a meeting with our management")),
    "budget": (("approved, with room for the {city2} site", "confirmed at last year's level"),
               ("frozen until {month}", "cut by {pct}% by group finance")),
    "open_point": (("contract length (they want three years)", "the volume tiers"),
                   ("the {pct}% price increase", "the penalty clause for late delivery",
                    "their request for net 90 payment terms")),
    "topic": ("the next delivery schedule", "the {city} rollout", "invoice questions",
              "the renewal timeline", "the price list for {year}", "spare-parts stock",
              "the service report"),
    "mood_word": (("good", "positive", "relaxed"), ("tense", "cool", "irritated")),
    "email_thing": (("the signed order for the {city} site", "their volume forecast",
                     "a thank-you note to our service team"),
                    ("a list of {tickets} open issues", "a competitor offer from "
                     "{competitor}", "a reminder about the overdue credit note")),
    "reply": (("a confirmation and delivery dates", "the updated contract draft"),
              ("an apology and a date for the fix", "a request for a call this week")),
    "document": ("updated price list", "service report for {quarter}", "contract draft",
                 "proposal for {city2}", "meeting minutes", "root-cause report"),
    "confirmation": (("the order for {quarter}", "attendance at the workshop",
                      "the volume tier for next year"),
                     ("that the tender goes ahead", "that payment is on hold until the "
                      "credit note arrives")),
    "issue": ("late deliveries to the {city} site", "a failed software update that stopped "
              "line {n_sites}", "invoice errors on the last three invoices",
              "the service engineer missing the scheduled maintenance", "the {pct}% "
              "price increase on spare parts", "repeated outages of the ordering portal",
              "quality defects in batch {batch}", "a missed delivery before their peak "
              "season"),
    "impact": ("line stopped for {n_sites} shifts", "had to buy parts from {competitor} at "
               "short notice", "penalty from their own customer", "overtime for the "
               "maintenance team", "delayed month-end closing"),
    "impact_sentence": ("Says it cost them {amount}.", "Production at {city} was down for a "
                        "day.", "Third time this year."),
    "remedy": ("root-cause report", "replacement parts shipped express",
               "credit note for the affected deliveries", "daily status until fixed",
               "dedicated engineer for {city} for a month"),
    "root_cause": ("warehouse system migration", "supplier shortage of a key component",
                   "wrong price table loaded after the increase", "engineer on sick leave, "
                   "no cover planned"),
    "tone": ("sharp", "very angry", "cold and formal", "frustrated"),
    "quote": ("We are reviewing every supplier. You are not making it easy.",
              "I cannot defend you internally any more.",
              "If this happens again we go to tender."),
    "complaint_status": ("open; we owe an answer", "credit note promised",
                         "acknowledged, analysis running", "disputed by our finance team"),
    "review_comment": (("Overall a good year; they want to grow with us.",
                        "Praise for our service engineers."),
                       ("They rate our service below {competitor}.",
                        "They want monthly reviews until delivery is back on target.")),
    "win_thing": ("the three-year framework agreement", "the order for the {city2} site",
                  "that we stay sole supplier for {year}", "the move to the premium SLA"),
    "product": ("spare parts", "maintenance contract", "consumables", "{city} site",
                "service desk"),
    "loss_quote": ("Your price was {pct}% higher and the service no better.",
                   "We needed a partner who calls back.",
                   "Head office decided; nothing I could do."),
    "loss_reason": ("price", "group-wide supplier consolidation", "service quality",
                    "a local supplier closer to the site"),
    "event": ("the {city} trade fair", "an industry round-table", "our customer day",
              "a supplier day at their head office"),
    "internal_note": ("credit limit raised after finance review.",
                      "{c1} is on parental leave until {month}; {c2} covers.",
                      "checked the contract: renewal notice period is three months.",
                      "their group is reorganising procurement across Europe."),
}

HEALTH_REASONS: dict[tuple[str, Health], tuple[str, ...]] = {
    (HEALTHY, Health.STABLE): (
        "Renewed early in {year}; volumes up {pct}% year on year. {champion} is an active "
        "champion.",
        "Stable service, no open escalations; {champion} sponsors the {city2} expansion.",
        "Pays on time, supplier score {score}/10, renewal talks friendly.",
    ),
    (HEALTHY, Health.WATCH): (
        "Good relationship, but a new {eb_title} ({eb}) since {month_past} is reviewing "
        "all suppliers.",
        "Happy with service; group procurement plans a supplier consolidation in {year}.",
    ),
    (STEADY, Health.STABLE): (
        "Steady volumes, few incidents; relationship rests on {champion} alone.",
        "No issues, no growth: renewal expected at flat volume.",
    ),
    (STEADY, Health.WATCH): (
        "Volumes down {pct}% since {month_past} after their restructuring.",
        "Budget freeze for {year}; the {city2} rollout is on hold.",
        "New {eb_title} ({eb}) since {month_past}; has not met us yet.",
    ),
    (DAMAGED, Health.AT_RISK): (
        "{n} escalations since {month_past} on late deliveries; {hostile} ({hostile_title}) "
        "is asking {competitor} for a quote.",
        "We broke our promise on the root-cause report twice; their discount is already "
        "above policy and {hostile} wants more.",
        "Invoice disputes since {month_past}; {hostile} ({hostile_title}) has put payments "
        "on hold.",
    ),
    (DAMAGED, Health.CRITICAL): (
        "{hostile} ({hostile_title}) has told us in writing that the contract will not be "
        "renewed unless prices drop by {pct}%.",
        "Open claim of {amount} for the {month_past} outage; tender announced for {year} "
        "with {competitor} invited.",
        "Lost the {city} site to {competitor} in {month_past}; the rest of the volume is at "
        "stake at renewal. {hostile} leads the tender.",
    ),
    (NEGLECTED, Health.WATCH): (
        "Quiet account: no visit since {last_contact}. Their {city2} expansion could "
        "multiply volumes, but nobody has asked.",
        "Runs on autopilot; a potential of {potential} is untouched. No contact since "
        "{last_contact}.",
    ),
    (NEGLECTED, Health.STABLE): (
        "No complaints, but no contact since {last_contact}; they are growing fast and buy "
        "the rest from {competitor}.",
        "Orders arrive by e-mail, nobody has met {eb} in person; potential {potential}.",
    ),
}
LOST_SHARE = 0.05  # of damaged accounts
LOST_SUMMARY = ("**Lost the account.** {c1} confirmed that the contract will not be renewed; "
                "all volume moves to {competitor}. Reason given: {loss_reason}.")
LOST_REASON = "Lost to {competitor} on {last_contact}; archived."
# stable accounts sometimes have no reason written down
REASON_LEFT_BLANK = 0.12

NOTES_BY_ATTITUDE: dict[int | None, tuple[str, ...]] = {
    2: ("Long-standing supporter; **pushed our renewal through** in {year_past}. Prefers short "
        "updates by phone.",
        "Our strongest advocate. Speaks up for us in supplier reviews.",
        "Knows our product better than some of our engineers. Loyal, but expects to be "
        "consulted first."),
    1: ("Friendly and pragmatic. Cares about **uptime** more than price.",
        "Positive since the {city} rollout; wants regular figures.",
        "Supportive, but new in the role and cautious."),
    0: ("Neutral; judges us on delivery performance only.",
        "Hard to read. Answers e-mails, avoids meetings.",
        "Focused on the numbers; no personal loyalty to any supplier."),
    -1: ("Sceptical since the invoice errors. Wants proof, not promises.",
         "Compares every price with {competitor}. Keeps a list of our misses.",
         "Came from a {competitor} customer; thinks they were better."),
    -2: ("**Hostile.** Blames us for the outage at {city}; has openly pushed for "
         "{competitor}. Copies the CEO on every complaint.",
         "**Hostile.** Calls our prices \"daylight robbery\" in meetings. Ran the last tender "
         "and wants to run the next one.",
         "**Hostile.** Feels personally misled by a promise we broke in {month_past}."),
    None: ("Not met yet.", "", "Only known from e-mail."),
}
ADVICE_BY_ROLE: dict[BuyingRole, tuple[str, ...]] = {
    BuyingRole.ECONOMIC_BUYER: ("Decides on numbers only: bring the cost comparison, not "
                                "slides.", "Meet once a quarter; never surprise them with "
                                "a price change.", ""),
    BuyingRole.DECISION_MAKER: ("Wants a plan for the next three years, not the next order.",
                                "Listens to the site managers; win them first.", ""),
    BuyingRole.GATEKEEPER: ("Will try a late procurement squeeze; agree the price with the "
                            "business before procurement sees it.", "Treats every "
                            "concession as the new baseline. Trade, never give.", ""),
    BuyingRole.INFLUENCER: ("Give them data: they write the internal recommendation.", ""),
    BuyingRole.USER: ("Day-to-day contact; hears about problems first.", "", ""),
    BuyingRole.CHAMPION: ("Meet first. Honest about internal politics; ask before every "
                          "proposal.", "Our best source on what procurement is planning.", ""),
    BuyingRole.BLOCKER: ("Raise contract terms early; late objections from here stall "
                         "everything.", "Do not go around them; it was tried and it "
                         "backfired.", ""),
}
HOSTILE_ADVICE = ("Never meet {first} alone; bring {ally}. Put every commitment in writing: "
                  "{first} quotes old e-mails back.",
                  "Do not trust verbal agreements with {first}; they have been denied later.",
                  "Go through {ally}; {first} escalates anything sent directly.")

# kind: (what the customer promised in return, value as a share of the baseline or None)
IN_RETURN: dict[str, tuple[tuple[str, float | None], ...]] = {
    "volume": (("Raise the volume under this deal by {share}% ({value} a year)", 0.15),
               ("Move the {city2} site onto our contract", 0.25),
               ("Order the full {year} forecast volume, not just the minimum", 0.1)),
    "term": (("Sign a three-year framework agreement", None),
             ("Extend the contract to {year2} without a tender", None),
             ("Commit to us as sole supplier for {year}", 0.2)),
    "pay": (("Pay all invoices within 10 days", None),
            ("Clear the overdue invoices ({value})", 0.05)),
    "soft": (("Act as a reference customer: two reference calls a year", None),
             ("Publish a joint case study", None),
             ("Introduce us to the group's buying team in {city2}", None),
             ("Provide a rolling 12-month volume forecast every quarter", None)),
}

LIKELY_NEXT: dict[ConcessionKind, tuple[str, ...]] = {
    ConcessionKind.PRICE_DISCOUNT: ("Will take the {pct}% as the starting point at the next "
                                    "renewal and ask for more.",
                                    "Expects the same discount for the {city2} site.",
                                    "Will ask for the discount on spare parts as well."),
    ConcessionKind.REBATE: ("Will ask to lower the rebate threshold.",),
    ConcessionKind.VOLUME_BONUS: ("Will ask for the bonus even if volume falls short.",),
    ConcessionKind.PAYMENT_TERMS: ("Will ask for net 90 next, citing group treasury policy.",),
    ConcessionKind.PRICE_FREEZE: ("Will ask to extend the freeze for another year.",),
    ConcessionKind.CREDIT_WRITE_OFF: ("Will cite this credit at the next service incident.",),
    ConcessionKind.FREE_GOODS_SERVICES: ("Expects the free training days every year.",),
    ConcessionKind.SERVICE_LEVEL_UPGRADE: ("Will ask for the premium SLA at no charge for "
                                           "the other sites.",),
    ConcessionKind.MOST_FAVOURED_CUSTOMER: ("Will ask for proof of parity whenever they "
                                            "hear of a deal elsewhere.",),
    ConcessionKind.CONTRACT_EXTENSION: ("Will ask to freeze prices over the extension too.",),
    ConcessionKind.EARLY_PAYMENT_DISCOUNT: ("Will keep the 2% even when paying late.",),
    ConcessionKind.OTHER: ("Will expect the free storage to continue.",),
}

CONCESSION_NOTES = ("Asked by **{c1}** ({t1}) {why}. {outcome}", "{outcome}", "")
NOTES_UNPROMPTED = ("We offered it before they asked, to keep the peace. {outcome}",
                    "Our idea, not theirs: {c1} had not asked. {outcome}", "{outcome}")
NOTE_ON_PRICE = "{c1} opened with a demand for {pct2}%; we settled at {pct}%. {outcome}"
NOTE_AT_PERIOD_END = "Granted in the last week of the quarter. {outcome}"
WHY = {
    Trigger.COMPETITOR_QUOTE: "with a {competitor} quote on the table",
    Trigger.BUDGET: "after their budget was cut",
    Trigger.CHURN_THREAT: "after threatening to move the volume to {competitor}",
    Trigger.SERVICE_FAILURE_REMEDY: "as a remedy for the {month_past} delivery failures",
    Trigger.VOLUME_OR_EXPANSION: "while the {city2} expansion was being decided",
    Trigger.PERIOD_END: "in the last days of the quarter",
    Trigger.PROCUREMENT_MANDATE: "because group procurement demands {pct2}% from every "
                                 "supplier",
    Trigger.PRICE_INCREASE_PUSHBACK: "in response to our price increase",
    Trigger.OTHER: "during the contract review",
}
# trigger: tactics the buyer typically used with it
TRIGGER_TACTICS: dict[Trigger, tuple[Tactic, ...]] = {
    Trigger.COMPETITOR_QUOTE: (Tactic.COMPETITOR_QUOTE, Tactic.VISE, Tactic.EXTREME_ANCHOR),
    Trigger.BUDGET: (Tactic.FLINCH, Tactic.BOGEY, Tactic.HIGHER_AUTHORITY),
    Trigger.CHURN_THREAT: (Tactic.ULTIMATUM, Tactic.EMOTIONAL_PRESSURE,
                           Tactic.GOOD_COP_BAD_COP),
    Trigger.SERVICE_FAILURE_REMEDY: (Tactic.EMOTIONAL_PRESSURE, Tactic.NIBBLE),
    Trigger.VOLUME_OR_EXPANSION: (Tactic.SPLIT_THE_DIFFERENCE, Tactic.NIBBLE,
                                  Tactic.SNOW_JOB),
    Trigger.PERIOD_END: (Tactic.DEADLINE_PRESSURE, Tactic.NIBBLE),
    Trigger.PROCUREMENT_MANDATE: (Tactic.LATE_PROCUREMENT_SQUEEZE, Tactic.HIGHER_AUTHORITY,
                                  Tactic.VISE),
    Trigger.PRICE_INCREASE_PUSHBACK: (Tactic.FLINCH, Tactic.EXTREME_ANCHOR, Tactic.VISE),
    Trigger.OTHER: (Tactic.NIBBLE, Tactic.SPLIT_THE_DIFFERENCE),
}
# negotiation kind: (label, triggers, concession kinds with weights)
NEGOTIATIONS: tuple[tuple[str, tuple[Trigger, ...], tuple[tuple[ConcessionKind, int], ...]],
                    ...] = (
    ("{year} renewal",
     (Trigger.COMPETITOR_QUOTE, Trigger.BUDGET, Trigger.CHURN_THREAT,
      Trigger.PROCUREMENT_MANDATE, Trigger.PRICE_INCREASE_PUSHBACK),
     ((ConcessionKind.PRICE_DISCOUNT, 10), (ConcessionKind.PAYMENT_TERMS, 3),
      (ConcessionKind.PRICE_FREEZE, 2), (ConcessionKind.CONTRACT_EXTENSION, 2),
      (ConcessionKind.REBATE, 2), (ConcessionKind.MOST_FAVOURED_CUSTOMER, 1))),
    ("{year} price increase",
     (Trigger.PRICE_INCREASE_PUSHBACK,),
     ((ConcessionKind.PRICE_FREEZE, 4), (ConcessionKind.PRICE_DISCOUNT, 4),
      (ConcessionKind.REBATE, 1))),
    ("{quarter} volume deal",
     (Trigger.VOLUME_OR_EXPANSION, Trigger.PERIOD_END),
     ((ConcessionKind.VOLUME_BONUS, 4), (ConcessionKind.PRICE_DISCOUNT, 4),
      (ConcessionKind.FREE_GOODS_SERVICES, 2), (ConcessionKind.EARLY_PAYMENT_DISCOUNT, 1))),
    ("Service failure ({month_short})",
     (Trigger.SERVICE_FAILURE_REMEDY,),
     ((ConcessionKind.CREDIT_WRITE_OFF, 5), (ConcessionKind.FREE_GOODS_SERVICES, 3),
      (ConcessionKind.SERVICE_LEVEL_UPGRADE, 2), (ConcessionKind.PRICE_DISCOUNT, 1))),
    ("{city2} rollout",
     (Trigger.VOLUME_OR_EXPANSION,),
     ((ConcessionKind.PRICE_DISCOUNT, 4), (ConcessionKind.FREE_GOODS_SERVICES, 2),
      (ConcessionKind.SERVICE_LEVEL_UPGRADE, 1), (ConcessionKind.OTHER, 1))),
    ("{year} procurement review",
     (Trigger.PROCUREMENT_MANDATE, Trigger.BUDGET),
     ((ConcessionKind.PAYMENT_TERMS, 3), (ConcessionKind.PRICE_DISCOUNT, 3),
      (ConcessionKind.EARLY_PAYMENT_DISCOUNT, 1), (ConcessionKind.REBATE, 2))),
)
NEGOTIATION_WEIGHTS = {HEALTHY: (5, 2, 4, 1, 3, 2), STEADY: (5, 3, 3, 2, 1, 2),
                       DAMAGED: (5, 3, 1, 4, 1, 2), NEGLECTED: (5, 1, 1, 1, 0, 1)}

OURS = (
    ("Send the root-cause analysis for the {month_past} delivery failures", 21),
    ("Assign a named service engineer to the {city} site", 30),
    ("Correct the invoicing errors and issue credit notes", 14),
    ("Run a quarterly business review with {c1}", 90),
    ("Deliver the roadmap preview for next year's release", 45),
    ("Train {n_sites} new operators at {city2}", 60),
    ("Confirm next year's prices in writing", 30),
    ("Cut lead times on spare parts to 48 hours", 120),
    ("Propose a rollout plan for {city2}", 30),
)
THEIRS = (
    ("Provide a 12-month volume forecast", 30),
    ("Sign the updated data-processing agreement", 21),
    ("Confirm budget for the {city2} rollout", 60),
    ("Pay the overdue invoices ({amount})", 14),
    ("Nominate a project lead for the migration", 21),
    ("Share the tender timeline and evaluation criteria", 30),
    ("Give us access to the {city} site for the audit", 14),
)

SECTIONS = ("glance", "story", "people", "history", "concessions", "promises", "risks",
            "first_90_days")
STORY = {
    HEALTHY: "{name} has been a customer since {since}. Growth came with the {city2} "
             "rollout; the relationship rests on **{champion}** and regular reviews. "
             "No open grievances.",
    STEADY: "A steady account since {since}. Little growth, few incidents. The weak spot "
            "is depth: we know {champion} well and few others.",
    DAMAGED: "Things went wrong from {month_past} on: late deliveries, an invoice error we "
             "took months to fix, and a root-cause report we promised twice and never "
             "sent. **{hostile}** took over the relationship on their side and has used "
             "every incident to push prices down. We answered with discounts instead of "
             "fixes; they learned that pressure pays.",
    NEGLECTED: "Small today but growing fast. Orders come in by e-mail and nobody has "
               "visited since {last_contact}. {city2} is expanding and currently buys the "
               "extra volume from {competitor}.",
}
# (section, question, answer) the incoming manager asks of any account ...
QUESTIONS: tuple[tuple[str, str, str], ...] = (
    ("people", "Who actually signs the renewal: {eb} or someone at group level?",
     "{eb} signs up to {amount}; above that the group CFO countersigns."),
    ("people", "Does {champion} know that I am taking over?",
     "Yes, I told them last week; they expect a call from you."),
    ("concessions", "Was the discount in the {negotiation} meant to be one-off? They talk "
     "about it as the baseline.",
     "It was meant as one-off, but the e-mail never said so. Treat it as their anchor."),
    ("risks", "What do we do if {competitor} undercuts us?",
     "Do not match on price. Offer the premium SLA trial; {champion} will back that."),
    ("first_90_days", "Which site should I visit first?",
     "{city}: that is where most of the volume is."),
    ("glance", "Is the potential figure realistic or last year's plan?",
     "Realistic: it is their own three-year plan for {city} and {city2}."),
    ("promises", "Is the volume forecast they owe us still coming?",
     "Chase {eb}'s team; it is late and our production planning depends on it."),
)
# ... and of a damaged one
QUESTIONS_DAMAGED: tuple[tuple[str, str, str], ...] = (
    ("promises", "Is the root-cause report still owed, or did they accept the call notes?",
     "Still owed. I promised it and it slipped twice; send it in your first week."),
    ("history", "Why did the {month_past} escalation go to our VP?",
     "{hostile} felt ignored after two missed call-backs. It calmed down, but it is "
     "remembered."),
    ("people", "Why is {hostile} so against us? Was it always like this?",
     "Since the {month_past} outage. Before that {hostile} was neutral; the broken promise "
     "on the report made it personal."),
)
RISKS = {
    DAMAGED: "- If {competitor} is invited to tender: bring the service figures, not a "
             "discount.\n- If deliveries to {city} slip again: call {champion} before they "
             "hear it from the site.\n- If {hostile} asks for more: trade, never give; "
             "the answer is a volume commitment.",
    NEGLECTED: "- If {competitor} wins the {city2} expansion, the potential is gone for "
               "years: visit before their budget round.",
    HEALTHY: "- If {champion} leaves, we have few other friends there: meet {eb} "
             "regularly.\n- If group procurement consolidates suppliers: have the "
             "reference figures ready.",
    STEADY: "- If {champion} leaves, the relationship goes with them.\n- If volumes keep "
            "falling, expect a request to renegotiate the tiers.",
}
RETURN_REASONS = (
    "The concessions section does not say what we got for the {negotiation} discount, and "
    "the promises list misses the open root-cause report. Please add both.",
    "People section: who is {hostile} and why are they so against us? I cannot walk into "
    "the first meeting without knowing.",
    "The risks section is empty. What happens if {champion} leaves?",
    "The first 90 days has no owners or dates. Please make it an action list.",
)
READ_BACKS = {
    HEALTHY: "My understanding: a healthy account with room to grow at {city2}. "
             "**{champion}** is our way in. I will keep the quarterly reviews, and I will not "
             "give discounts without volume in return. First step: meet {champion} and "
             "{eb} in my first two weeks.",
    STEADY: "My understanding: steady, but we depend on {champion} alone. I will widen the "
            "relationship to {eb} and their procurement, and prepare the renewal early.",
    DAMAGED: "My understanding: the customer has learned that pressure pays. **{hostile}** "
             "drives it and will test me early. I will:\n\n1. deliver the overdue "
             "root-cause report before anything else;\n2. not repeat the {negotiation} "
             "discount without a volume commitment;\n3. meet {eb} with {champion}, never "
             "{hostile} alone.",
    NEGLECTED: "My understanding: small today, large potential ({potential}). Nobody has "
               "visited since {last_contact}. I will visit {city} within a month and ask "
               "about the {city2} expansion.",
}

# The rest of a handover's answers, field by field, by the account's kind.
GLANCE_FIRST = {
    HEALTHY: "If you read nothing else: keep the quarterly reviews with **{champion}** and "
             "never give a discount without volume in return; the growth at {city2} is ours "
             "to lose.",
    STEADY: "If you read nothing else: the account rests on **{champion}** alone. Meet {eb} "
            "early, before the renewal talks start, so we have a second voice inside.",
    DAMAGED: "If you read nothing else: the customer has learned that pressure pays. "
             "**{hostile}** will test you in the first call. Deliver what we owe before you "
             "discuss price, and never concede anything without getting something back.",
    NEGLECTED: "If you read nothing else: this account is far bigger than it looks. Nobody "
               "has visited since {last_contact}; {city2} is expanding and buys the extra "
               "volume from {competitor}. Go there within a month.",
}
RENEWAL_OUTLOOK = {
    HEALTHY: "A formality if service stays where it is. {eb} signs; {champion} prepares it. "
             "Bring the volume figures and a proposal for {city2}.",
    STEADY: "Likely at flat volume. {eb} decides; expect a request to revisit the tiers. "
            "Agree the renewal plan with {champion} three months before the date.",
    DAMAGED: "At risk. {eb} signs, but {hostile} drives the decision and will ask for another "
             "discount. What has to be true: the root-cause report delivered, two clean "
             "quarters of deliveries, and a service review {champion} can show internally.",
    NEGLECTED: "Not in doubt, but the size is: the renewal is our chance to win the {city2} "
               "volume back from {competitor}. {eb} decides on the budget for it.",
}
WENT_WRONG = {
    HEALTHY: "Nothing serious: one late delivery to {city}, fixed within a week.",
    STEADY: "Little went wrong, but little went right either: volumes slipped and nobody "
            "asked why.",
    DAMAGED: "Late deliveries to {city}, an invoice error we took months to fix, and a "
             "root-cause report we promised twice and never sent. The customer blames us "
             "for all three, and they are right about two.",
    NEGLECTED: "We stopped visiting. The customer read that as a lack of interest, and "
               "{competitor} stepped in at {city2}.",
}
WENT_RIGHT = {
    HEALTHY: "The {city2} rollout: on time, on budget; {champion} still mentions it.",
    STEADY: "Reliable service: few incidents and quick fixes.",
    DAMAGED: "The operations team at {city} still likes working with our service engineers; "
             "{champion} defends us internally.",
    NEGLECTED: "The product itself: quality has never been questioned.",
}
DECISIONS = {
    HEALTHY: "{eb} ({eb_title}) signs; {champion} prepares the decision and has the last "
             "word on volumes. Price is settled between {eb} and procurement.",
    STEADY: "{eb} ({eb_title}) signs; {champion} is the only one who argues for us.",
    DAMAGED: "On paper {eb} ({eb_title}) decides. In practice **{hostile}** has taken over "
             "every price discussion since {month_past}, and {eb} follows their lead.",
    NEGLECTED: "{eb} ({eb_title}) decides on budgets; the sites order on their own within "
               "them, so each site manager matters.",
}
GRIEVANCES = {
    HEALTHY: "None.",
    STEADY: "None open; they would like more attention than they get.",
    DAMAGED: "The root-cause report of the {month_past} outage, promised twice and never "
             "sent. Nobody from our side has apologised for the invoice error either.",
    NEGLECTED: "That nobody visits: {champion} said so twice.",
}
TACTICS_ADVICE = {
    HEALTHY: "Friendly, but they know the market; have the figures ready.",
    STEADY: "They ask once and accept a no when it comes with a reason.",
    DAMAGED: "It worked every time so far: we gave in. Trade, never give; ask for a volume "
             "commitment in return for anything.",
    NEGLECTED: "Rarely used: they mostly buy at list price and do not negotiate hard.",
}
NEXT_NEGOTIATION = {
    HEALTHY: "Hold the price; offer volume tiers for {city2} instead.",
    STEADY: "Do not open with a discount; ask for a two-year term first.",
    DAMAGED: "Hold firm until the service is fixed; anything given must come with a volume "
             "commitment and a reference.",
    NEGLECTED: "Lead with the {city2} expansion, not with price.",
}
RISK_LIST = {
    DAMAGED: "- {competitor} invited to tender at the renewal\n- Deliveries to {city} slip "
             "again\n- {hostile} escalates over our heads",
    NEGLECTED: "- {competitor} wins the {city2} expansion for good",
    HEALTHY: "- {champion} leaves\n- Group procurement consolidates suppliers",
    STEADY: "- {champion} leaves\n- Volumes keep falling",
}
WARNING_SIGNS = {
    HEALTHY: "Reviews postponed; {champion} stops answering within a day.",
    STEADY: "Smaller orders, later payments.",
    DAMAGED: "{hostile} copies our management in; invoices disputed; tender documents "
             "requested.",
    NEGLECTED: "Orders for {city2} stop coming to us at all.",
}

# ================================================================== the portfolio


@dataclass
class _Contact:
    id: int
    name: str
    first: str
    title: str
    role: BuyingRole
    attitude: int | None
    influence: int
    last_contact: dt.date | None = None


@dataclass
class _Account:
    """What is known of one account while its records are written."""

    id: int
    index: int
    name: str
    segment: Segment
    profile: str
    health: Health
    industry: str
    region: str
    currency: str
    cities: list[str]
    competitor: str
    revenue: float
    potential: float
    contract_value: float  # what they buy in a year, at list price
    since: dt.date
    last_day: dt.date
    owner: Person
    lost: bool  # to a competitor; the account is archived
    contacts: list[_Contact] = field(default_factory=list)
    friendly: list[_Contact] = field(default_factory=list)
    unfriendly: list[_Contact] = field(default_factory=list)
    negotiators: list[_Contact] = field(default_factory=list)  # who asks for concessions
    hostile: _Contact | None = None
    reason: str = ""  # why the account's health is what it is
    scope_weights: tuple[int, ...] = ()  # concessions on all or part of what they buy

    def role(self, role: BuyingRole) -> _Contact | None:
        return next((c for c in self.contacts if c.role is role), None)


class _Fill(dict):
    """The values of a template's placeholders, worked out only when a template asks."""

    def __init__(self, maker: _Maker, acct: _Account, day: dt.date, good: bool,
                 c1: _Contact | None = None, c2: _Contact | None = None):
        super().__init__()
        self.maker, self.acct, self.day, self.good = maker, acct, day, good
        self.c1, self.c2 = c1, c2

    def __missing__(self, key: str) -> str:
        value = self.maker.fill(self, key)
        self[key] = value
        return value


class _Maker:
    """Builds the records of a portfolio, one account at a time, with ids of its own."""

    def __init__(self, rng: random.Random, today: dt.date, accounts: int,
                 next_ids: dict[str, int]):
        self.rng = rng
        self.today = today
        self.accounts = accounts
        self.ids = dict(next_ids)
        self.used_names: set[str] = set()
        self.region_names = list(REGIONS)
        self.region_weights = [REGIONS[r][0] for r in self.region_names]
        self.policy_now_from = dt.date(today.year - 1, 1, 1)
        self.policy_before_from = dt.date(today.year - 3, 1, 1)
        self.earliest = self.policy_before_from + dt.timedelta(days=45)
        self.team: list[Person] = []
        self.leads: list[Person] = []
        self.managers: list[Person] = []
        self.lead_of: dict[int, Person] = {}  # account manager's id: their team lead
        self.policies: list[DiscountPolicy] = []
        self.limits: list[ApprovalLimit] = []
        self._rules_memo: dict[tuple, object] = {}

    def _in_force(self, rules, day: dt.date, **key):
        """The domain's `in_force`, remembered: a portfolio asks it about the same days
        over and over."""
        memo = (day, *key.values())  # segments and roles have different values
        if memo not in self._rules_memo:
            self._rules_memo[memo] = in_force(rules, day, **key)
        return self._rules_memo[memo]

    def take(self, table: str) -> int:
        value = self.ids[table]
        self.ids[table] = value + 1
        return value

    # ------------------------------------------------------------ the team and the rules

    def team_and_rules(self) -> list[Record]:
        managers = min(len(ACCOUNT_MANAGERS), max(8, 8 + self.accounts // 1500))
        leads = 2 if managers < 12 else 3
        for name in TEAM_LEADS[:leads]:
            self.team.append(Person(name=name, email=_email(name), role=Role.TEAM_LEAD,
                                    id=self.take("people")))
        for name in ACCOUNT_MANAGERS[:managers]:
            self.team.append(Person(name=name, email=_email(name), role=Role.ACCOUNT_MANAGER,
                                    id=self.take("people")))
        self.leads = [p for p in self.team if p.role is Role.TEAM_LEAD]
        self.managers = [p for p in self.team if p.role is Role.ACCOUNT_MANAGER]
        self.lead_of = {m.id: self.leads[i % leads] for i, m in enumerate(self.managers)}
        for segment in SEGMENTS:
            for day, (target, most) in ((self.policy_before_from, POLICY_BEFORE[segment]),
                                        (self.policy_now_from, POLICY_NOW[segment])):
                self.policies.append(DiscountPolicy(
                    segment=segment, effective_from=day, target_pct=target, max_pct=most,
                    id=self.take("discount_policies")))
        for role in (Role.ACCOUNT_MANAGER, Role.TEAM_LEAD):
            for day, limit in ((self.policy_before_from, LIMITS_BEFORE[role]),
                               (self.policy_now_from, LIMITS_NOW[role])):
                self.limits.append(ApprovalLimit(role=role, effective_from=day, limit_pct=limit,
                                                 id=self.take("approval_limits")))
        return [*self.team, *self.policies, *self.limits]

    # ------------------------------------------------------------ one account

    def account(self, index: int) -> list[Record]:
        rng = self.rng
        large = index == 0 and self.accounts >= LARGE_FROM
        if index < len(FORCED):
            segment, profile, health = FORCED[index]
        else:
            segment = rng.choices(SEGMENTS, SEGMENT_WEIGHTS)[0]
            profile = _pick_profile(rng, segment)
            health = _pick_health(rng, profile)
        # a few damaged accounts are already lost: archived, their last event the loss
        lost = profile == DAMAGED and index >= len(FORCED) and rng.random() < LOST_SHARE
        if lost:
            health = Health.CRITICAL
        region = rng.choices(self.region_names, self.region_weights)[0]
        _, places, suffixes = REGIONS[region]
        home, currency, cultures = rng.choice(places)
        cities = [home] + rng.sample([p[0] for p in places if p[0] != home], 2)
        industry = rng.choice(list(INDUSTRIES))
        low, high = REVENUE[segment]
        revenue = round(rng.uniform(low, high), -3)
        if large:
            revenue = 9_800_000.0
        if profile == NEGLECTED:
            potential = revenue * rng.uniform(5, 10)
        elif profile == DAMAGED:
            potential = revenue * rng.uniform(1.0, 1.5)
        else:
            potential = revenue * rng.uniform(1.1, 2.5)
        history_days = rng.randint(500, 1300)
        since = max(self.earliest, self.today - dt.timedelta(days=history_days))
        if profile == NEGLECTED:
            last_day = self.today - dt.timedelta(days=rng.randint(110, 420))
        elif lost:
            last_day = self.today - dt.timedelta(days=rng.randint(20, 300))
        else:
            last_day = self.today - dt.timedelta(days=rng.randint(0, 12))
        acct = _Account(
            id=self.take("accounts"), index=index,
            name=self._company(industry, suffixes, home), segment=segment, profile=profile,
            health=health, industry=industry, region=region, currency=currency,
            cities=cities, competitor=rng.choice(COMPETITORS), revenue=revenue,
            potential=round(potential, -3),
            contract_value=round(revenue * rng.uniform(1.05, 1.2), -3), since=since,
            last_day=last_day, owner=rng.choice(self.managers), lost=lost)

        handover_status = FORCED_HANDOVERS.get(index)
        if handover_status is None and index >= len(FORCED) and not lost and \
                rng.random() < HANDOVER_SHARE * (2.5 if profile == DAMAGED else 1):
            handover_status = rng.choices(HANDOVER_STATUSES, HANDOVER_STATUS_WEIGHTS)[0]
        outgoing = incoming = acct.owner
        if handover_status is not None:
            incoming = rng.choice([m for m in self.managers if m.id != outgoing.id])
            if handover_status is Status.ACCEPTED:
                # The account has changed hands: what happened since is the incoming
                # manager's doing. Its owner is still the outgoing manager when written;
                # the acceptance hands it over, as in the program (_sign_accepted).
                acct.owner = incoming

        contacts_spec = self._contacts(acct, cultures, large)
        records: list[Record] = []
        interactions, events = self._interactions(acct, large)
        records += interactions
        records += [Contact(account_id=acct.id, name=c.name, title=c.title, buying_role=c.role,
                            attitude=c.attitude, influence=c.influence,
                            relationship_strength=self._strength(acct, c),
                            last_contact=c.last_contact, notes=notes, advice=advice, id=c.id)
                    for c, notes, advice in contacts_spec]
        concessions, returns, negotiation = self._concessions(acct, outgoing, large)
        records += concessions
        records += returns
        promises = self._commitments(acct, large)
        promises_at = len(records)
        records += promises
        acct.reason = self._health_reason(acct)
        renewal = None if lost else self.today + dt.timedelta(days=rng.randint(20, 420))
        records.append(Account(
            name=acct.name, segment=segment, industry=industry, region=region,
            currency=currency, current_revenue=revenue, potential_revenue=acct.potential,
            renewal_date=renewal, health=health, health_reason=acct.reason,
            owner_id=outgoing.id, archived=lost, id=acct.id))
        if handover_status is not None:
            handover = self._handover(acct, handover_status, outgoing, incoming, events,
                                      concessions, promises + returns, negotiation)
            records += handover
            signed = handover[0].signed_off_at
            if signed is not None:
                # Our promises made before the sign-off were the outgoing manager's: those
                # still open are now the incoming manager's to keep.
                records[promises_at:promises_at + len(promises)] = [
                    dataclasses.replace(p, made_by=outgoing.name)
                    if p.direction is Direction.OURS and p.date and p.date < signed.date()
                    else p for p in promises]
        return records

    def _company(self, industry: str, suffixes: Sequence[str], home: str) -> str:
        """A company name not used yet: "Northwind Logistics GmbH"; where every likely
        name is taken, one with the home town: "Northwind Logistics Munich GmbH"."""
        rng = self.rng
        for attempt in range(60):
            if rng.random() < 0.2:
                stem = rng.choice(NAME_WHOLE)
            else:
                stem = rng.choice(NAME_FIRST) + rng.choice(NAME_SECOND)
            word = rng.choice(INDUSTRIES[industry])
            variant = ""
            if attempt >= 20:
                variant = f" {home}"
            elif rng.random() < 0.15 and " " not in word:
                variant = rng.choice(NAME_VARIANT)
            name = f"{stem} {word}{variant} {rng.choice(suffixes)}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        raise AssertionError("no free company name")  # pragma: no cover

    def _contacts(self, acct: _Account, cultures: Sequence[str], large: bool):
        rng = self.rng
        low, high = CONTACTS[acct.segment]
        n = rng.randint(2, 4) if acct.profile == NEGLECTED else rng.randint(low, high)
        if large:
            n = 12
        roles = [BuyingRole.ECONOMIC_BUYER, BuyingRole.DECISION_MAKER, BuyingRole.GATEKEEPER]
        if acct.profile != DAMAGED or rng.random() < 0.6:
            roles.append(BuyingRole.CHAMPION)
        if acct.profile == DAMAGED and rng.random() < 0.6:
            roles.append(BuyingRole.BLOCKER)
        others = [r for r in ROLES if ROLES[r][2]]
        weights = [ROLES[r][2] for r in others]
        while len(roles) < n:
            roles.append(rng.choices(others, weights)[0])
        roles = roles[:max(n, 2)]
        used: list[str] = []  # first and family names already given at this account
        spec = []
        for role in roles:
            first_names, last_names = NAMES[rng.choice(cultures)]
            for _ in range(12):
                first, last = rng.choice(first_names), rng.choice(last_names)
                if first not in used and last not in used:
                    break
            name = f"{first} {last}"
            while name in used:
                first = rng.choice(first_names)
                name = f"{first} {rng.choice(last_names)}"
            used += [first, last, name]
            titles, (lo, hi), _ = ROLES[role]
            spec.append(_Contact(self.take("contacts"), name, first, rng.choice(titles), role,
                                 self._attitude(acct.profile, role), rng.randint(lo, hi)))
        acct.contacts = spec
        acct.negotiators = [c for c in spec if c.role in NEGOTIATORS] or spec
        if acct.profile == DAMAGED and (acct.index < len(FORCED) or rng.random() < 0.75):
            # the hostile buyer with the power to end the relationship
            hostile = rng.choice(acct.negotiators)
            hostile.attitude, hostile.influence = -2, 5
            acct.hostile = hostile
        acct.friendly = [c for c in spec if c.attitude is None or c.attitude >= 0] or spec
        acct.unfriendly = [c for c in spec if c.attitude is not None and c.attitude < 0] or spec
        champion = _best(spec)
        out = []
        for c in spec:
            fill = _Fill(self, acct, self.today, True, c1=c)
            notes = rng.choice(NOTES_BY_ATTITUDE[c.attitude]).format_map(fill)
            if c is acct.hostile or (c.attitude == -2 and c.influence >= 4):
                ally = champion if champion is not c else acct.role(BuyingRole.ECONOMIC_BUYER)
                fill["ally"] = ally.name if ally and ally is not c else "our VP Sales"
                advice = rng.choice(HOSTILE_ADVICE).format_map(fill)
            else:
                advice = rng.choice(ADVICE_BY_ROLE[c.role])
            out.append((c, notes, advice))
        return out

    def _attitude(self, profile: str, role: BuyingRole) -> int | None:
        rng = self.rng
        if role is BuyingRole.CHAMPION:
            return rng.choice((1, 2, 2))
        if role in (BuyingRole.USER, BuyingRole.INFLUENCER) and rng.random() < 0.1:
            return None  # nobody has found out
        if role is BuyingRole.BLOCKER:
            return rng.choice((-2, -1, -1, 0))
        return rng.choice({HEALTHY: (0, 1, 1, 2, 2, 0), STEADY: (-1, 0, 0, 1, 1),
                           DAMAGED: (-2, -1, -1, 0, 0, 1), NEGLECTED: (0, 0, 1, None)}[profile])

    def _strength(self, acct: _Account, c: _Contact) -> int:
        if acct.profile == NEGLECTED:
            return self.rng.randint(1, 2)
        base = {HEALTHY: 4, STEADY: 3, DAMAGED: 2}[acct.profile]
        if c.attitude is not None:
            base += (c.attitude > 0) - (c.attitude < 0)
        return max(1, min(5, base + self.rng.choice((-1, 0, 0, 1))))

    # ------------------------------------------------------------ history

    def _interactions(self, acct: _Account, large: bool):
        rng = self.rng
        if large:
            n = LARGE_INTERACTIONS
        elif acct.profile == NEGLECTED:
            n = rng.randint(1, 4)
        else:
            low, high = INTERACTIONS[acct.segment]
            n = rng.randint(low, high)
            if acct.profile == DAMAGED:
                n = int(n * 1.2)
        span = (acct.last_day - acct.since).days
        offsets = sorted(rng.randint(0, span) for _ in range(n))
        offsets[-1] = span  # the last contact is on the account's last day
        kinds, weights = KIND_WEIGHTS[acct.profile]
        chosen = rng.choices(kinds, weights, k=n)
        if acct.profile == DAMAGED and n >= 3:
            # damage shows in the history: at least one escalation and one complaint, late
            chosen[-2], chosen[-3] = K.ESCALATION, K.COMPLAINT
        if acct.lost:
            chosen[-1] = K.LOSS
        mood = MOOD[acct.profile]
        records, events = [], []
        for offset, kind in zip(offsets, chosen, strict=True):
            day = acct.since + dt.timedelta(days=offset)
            sentiment = _sentiment(rng, kind, mood)
            if acct.profile == DAMAGED and offset > 0.6 * span and sentiment > -2 and \
                    kind in (K.MEETING, K.CALL, K.EMAIL, K.REVIEW):
                sentiment -= 1  # it got worse lately
            pool = acct.friendly if sentiment >= 0 or kind is K.WIN else acct.unfriendly
            if kind in (K.ESCALATION, K.COMPLAINT) and acct.hostile and rng.random() < 0.6:
                c1 = acct.hostile
            else:
                c1 = rng.choice(pool)
            c2 = rng.choice(acct.contacts)
            involved = [c1] if kind is K.EMAIL or c2 is c1 else [c1, c2]
            fill = _Fill(self, acct, day, sentiment >= 0, c1=c1, c2=c2)
            template = LOST_SUMMARY if acct.lost and offset == span and kind is K.LOSS \
                else rng.choice(SUMMARIES[kind])
            summary = template.format_map(fill)
            for c in involved:
                c.last_contact = day
            records.append(Interaction(account_id=acct.id, date=day, kind=kind,
                                       summary=summary, sentiment=sentiment,
                                       contact_ids=tuple(c.id for c in involved),
                                       id=self.take("interactions")))
            if kind in (K.ESCALATION, K.COMPLAINT, K.WIN, K.LOSS):
                events.append((day, kind, summary.split("\n", 1)[0]))
        return records, events

    # ------------------------------------------------------------ concessions

    def _concessions(self, acct: _Account, outgoing: Person, large: bool):
        rng = self.rng
        if large:
            n = LARGE_CONCESSIONS
        elif acct.profile == NEGLECTED:
            n = rng.randint(1, 3)
        else:
            low, high = CONCESSIONS[acct.segment]
            n = rng.randint(low, high)
            n = int(n * {HEALTHY: 0.8, STEADY: 1.0, DAMAGED: 1.35}[acct.profile])
        concessions: list[Concession] = []
        returns: list[Commitment] = []
        span = (acct.last_day - acct.since).days
        worst_negotiation = ""
        weights = NEGOTIATION_WEIGHTS[acct.profile]
        # the more concessions, the more of them are for one site or product line only
        acct.scope_weights = next(w for most, w in SCOPE_WEIGHTS if n <= most)
        plan = []  # the negotiations: when, what kind, how many concessions
        planned = 0
        while planned < n:
            k = min(n - planned, rng.choice((1, 1, 2, 2, 3, 4)))
            plan.append((acct.since + dt.timedelta(days=rng.randint(0, span)),
                         rng.choices(NEGOTIATIONS, weights)[0], k))
            planned += k
        plan.sort(key=lambda p: p[0])
        nothing_forced = acct.profile == DAMAGED
        for number, (start, (label, triggers, kinds), k) in enumerate(plan):
            fill = _Fill(self, acct, start, False)
            negotiation = label.format_map(fill)
            trigger = rng.choice(triggers)
            # a negotiation that goes badly gives more at every round; a good one, less
            growing = acct.profile == DAMAGED and rng.random() < 0.7
            for step in range(k):
                day = min(acct.last_day, start + dt.timedelta(days=step * rng.randint(2, 9)))
                kind = rng.choices([kk for kk, _ in kinds], [w for _, w in kinds])[0]
                if acct.profile == DAMAGED and number == len(plan) - 1 and step == 0:
                    # the damage shows in the latest negotiation: a discount beyond policy
                    kind, beyond = ConcessionKind.PRICE_DISCOUNT, True
                else:
                    beyond = kind is ConcessionKind.PRICE_DISCOUNT and (
                        (acct.profile == DAMAGED and rng.random() < 0.35)
                        or (acct.profile == STEADY and rng.random() < 0.06))
                if beyond:
                    worst_negotiation = negotiation
                nothing = nothing_forced or rng.random() < {
                    HEALTHY: 0.12, STEADY: 0.25, DAMAGED: 0.5, NEGLECTED: 0.2}[acct.profile]
                nothing_forced = False
                scale = (1 + 0.25 * step) if growing else (1 - 0.2 * step)
                concession, got = self._concession(acct, day, kind, trigger, negotiation,
                                                   beyond, nothing, scale, outgoing)
                concessions.append(concession)
                returns += got
        return concessions, returns, worst_negotiation or (
            concessions[-1].negotiation if concessions else "")

    def _concession(self, acct: _Account, day: dt.date, kind: ConcessionKind,
                    trigger: Trigger, negotiation: str, beyond: bool, nothing: bool,
                    scale: float, outgoing: Person):
        rng = self.rng
        profile = acct.profile
        policy = self._in_force(self.policies, day, segment=acct.segment)
        terms_before = terms_after = ""
        baseline = Baseline.LIST_PRICE
        expiry: dt.date | None = None
        # the whole contract, or one site or product line of it
        scope = rng.choices(SCOPES, acct.scope_weights)[0]
        base_value = round(acct.contract_value * scope * rng.uniform(0.8, 1.0), -2)
        if kind is ConcessionKind.PRICE_DISCOUNT:
            baseline = rng.choice((Baseline.LIST_PRICE, Baseline.LIST_PRICE,
                                   Baseline.PRIOR_CONTRACT))
            if beyond:
                pct = policy.max_pct + rng.uniform(1, 12)
            else:
                pct = rng.uniform(0.35, 0.95 if profile != DAMAGED else 1.0) * policy.max_pct
                if profile == DAMAGED:  # the discount creeps up over the years
                    pct += 3 * (day - acct.since).days / 365
                pct = min(pct, policy.max_pct - 0.1)
        elif kind is ConcessionKind.PAYMENT_TERMS:
            baseline = Baseline.STANDARD_TERMS
            days = rng.choice((45, 60, 60, 75, 90))
            terms_before, terms_after = "net 30", f"net {days}"
            pct = (days - 30) / 365 * 8  # the cost of the money we wait for
        elif kind is ConcessionKind.EARLY_PAYMENT_DISCOUNT:
            baseline = Baseline.STANDARD_TERMS
            terms_before, terms_after = "net 30", "2% within 10 days, net 30"
            pct = 2.0
        elif kind is ConcessionKind.PRICE_FREEZE:
            baseline = Baseline.PRIOR_CONTRACT
            expiry = day + dt.timedelta(days=rng.choice((365, 548, 730)))
            terms_before = "annual indexation (CPI + 1.5%)"
            terms_after = f"prices frozen until {_long_date(expiry)}"
            pct = rng.uniform(2, 5)
        elif kind is ConcessionKind.CONTRACT_EXTENSION:
            baseline = Baseline.PRIOR_CONTRACT
            end = day + dt.timedelta(days=rng.randint(60, 300))
            expiry = end + dt.timedelta(days=730)
            terms_before = f"contract ends {_long_date(end)}"
            terms_after = f"extended to {_long_date(expiry)} at today's prices"
            pct = rng.uniform(1, 3.5)
        elif kind is ConcessionKind.SERVICE_LEVEL_UPGRADE:
            baseline = Baseline.STANDARD_TERMS
            terms_before = "Standard SLA: next-business-day response"
            terms_after = "Premium SLA: 4-hour response, 24/7"
            pct = rng.uniform(1, 4)
        elif kind is ConcessionKind.MOST_FAVOURED_CUSTOMER:
            baseline = Baseline.PRIOR_CONTRACT
            terms_before = "no price-parity clause"
            terms_after = "most-favoured-customer clause on list prices"
            base_value, pct = 0.0, 0.0  # not quantified: that is its danger
        elif kind is ConcessionKind.OTHER:
            baseline = Baseline.STANDARD_TERMS
            terms_before = "storage charged at cost"
            terms_after = "free storage of their safety stock"
            pct = rng.uniform(0.5, 2)
        else:
            baseline = Baseline.PRIOR_CONTRACT if kind is ConcessionKind.CREDIT_WRITE_OFF \
                else Baseline.LIST_PRICE
            pct = {ConcessionKind.REBATE: (1, 5), ConcessionKind.VOLUME_BONUS: (2, 6),
                   ConcessionKind.FREE_GOODS_SERVICES: (1, 6),
                   ConcessionKind.CREDIT_WRITE_OFF: (2, 12)}[kind]
            pct = rng.uniform(*pct)
            if kind is ConcessionKind.CREDIT_WRITE_OFF:
                expiry = day  # credited once
        if not beyond and kind is not ConcessionKind.PRICE_DISCOUNT:
            pct *= scale
        elif not beyond:
            pct = min(pct * scale, policy.max_pct - 0.1)
        pct = max(0.0, pct)

        # who gave it, and with whose approval
        owner = outgoing if day < self.today - dt.timedelta(days=120) else acct.owner
        lead = self.lead_of.get(owner.id, self.leads[0])
        granter = owner
        if acct.segment is Segment.STRATEGIC and rng.random() < 0.3 or \
                pct > 15 and rng.random() < 0.5:
            granter = lead
        limit = self._in_force(self.limits, day, role=granter.role).limit_pct
        if granter is owner and kind is ConcessionKind.PRICE_DISCOUNT and not beyond \
                and rng.random() < 0.25 and pct < limit:
            pct = limit - rng.uniform(0, 0.9)  # people give all they may
        approved = None
        if pct > limit:
            approver = lead if granter is owner else next(
                (p for p in self.leads if p.id != granter.id), None)
            if rng.random() < {HEALTHY: 0.97, STEADY: 0.9, DAMAGED: 0.6, NEGLECTED: 0.9}[profile]:
                approved = approver
        if kind in HALF_POINTS:
            pct = round(pct * 2) / 2  # percentages are negotiated in half points
            if not beyond and kind is ConcessionKind.PRICE_DISCOUNT:
                pct = min(pct, policy.max_pct)
            conceded = float(round(base_value * pct / 100))
        else:  # an estimate of what it costs us
            conceded = round(base_value * pct / 100, -2 if base_value * pct >= 1e6 else -1)

        if kind is ConcessionKind.PRICE_DISCOUNT or kind is ConcessionKind.REBATE:
            recurrence = rng.choices(
                (Recurrence.ONE_OFF, Recurrence.RECURRING, Recurrence.PERMANENT),
                (5, 4, 2) if profile == DAMAGED else (6, 3, 1))[0]
        elif kind in (ConcessionKind.PAYMENT_TERMS, ConcessionKind.MOST_FAVOURED_CUSTOMER,
                      ConcessionKind.SERVICE_LEVEL_UPGRADE):
            recurrence = Recurrence.PERMANENT
        else:
            recurrence = Recurrence.ONE_OFF
        if expiry is None and recurrence is Recurrence.ONE_OFF:
            expiry = day + dt.timedelta(days=rng.choice((90, 180, 365, 365)))
        elif expiry is None and recurrence is Recurrence.RECURRING and rng.random() < 0.85:
            # runs to the next renewal, where it comes back as a concession of its own
            expiry = day + dt.timedelta(days=rng.randint(330, 400))
        precedent = recurrence is not Recurrence.ONE_OFF and rng.random() < 0.5 or \
            beyond or rng.random() < 0.1
        known = precedent and rng.random() < (0.4 if profile == DAMAGED else 0.15)

        unprompted = rng.random() < (0.25 if profile == DAMAGED else 0.1)
        tactics: list[Tactic] = []
        if not unprompted:
            typical = TRIGGER_TACTICS[trigger]
            count = rng.choice((1, 2, 2, 3) if profile == DAMAGED else (0, 1, 1, 2))
            for _ in range(count):
                tactic = rng.choice(typical) if rng.random() < 0.7 else rng.choice(list(Tactic))
                if tactic not in tactics:
                    tactics.append(tactic)

        cid = self.take("concessions")
        asker = acct.hostile if acct.hostile and rng.random() < 0.5 else \
            rng.choice(acct.negotiators)
        fill = _Fill(self, acct, day, False, c1=asker)
        fill["pct"] = f"{pct:g}" if kind in HALF_POINTS else f"{pct:.0f}"
        fill["pct2"] = f"{max(pct * rng.uniform(1.4, 2.0), pct + 4):.0f}"
        got: list[Commitment] = []
        blank = not nothing and rng.random() < (0.06 if profile == DAMAGED else 0.015)
        if not nothing and not blank:
            if not base_value:
                groups = ("term", "soft")
            elif kind in (ConcessionKind.EARLY_PAYMENT_DISCOUNT, ConcessionKind.PAYMENT_TERMS):
                groups = ("pay", "term")
            else:
                groups = ("volume", "volume", "term", "soft")
            offers = [o for o in IN_RETURN[rng.choice(groups)] if base_value or o[1] is None]
            for text, share in rng.sample(offers, min(len(offers), rng.choice((1, 1, 1, 2)))):
                value = round(base_value * share, -2) if share else None
                if value:
                    fill["value"] = _money(value, acct.currency)
                    fill["share"] = f"{100 * share:.0f}"
                got.append(self._promise(acct, Direction.THEIRS, text.format_map(fill),
                                         day, rng.randint(60, 365), granter, fill.c1,
                                         value=value, concession_id=cid))
        if nothing:
            outcome = rng.choice(("Nothing in return.", "**Nothing in return**: we wanted "
                                  "it over with.", "No counter-offer asked for."))
        elif blank:
            outcome = ""
        else:
            outcome = f"In return: {got[0].description[0].lower()}{got[0].description[1:]}."
        fill["why"] = WHY[trigger].format_map(fill)
        fill["outcome"] = outcome
        notes = NOTES_UNPROMPTED if unprompted else CONCESSION_NOTES
        if kind in HALF_POINTS and not unprompted:
            notes += (NOTE_ON_PRICE,)
        if trigger is Trigger.PERIOD_END:
            notes += (NOTE_AT_PERIOD_END,)
        notes = rng.choice(notes).format_map(fill).strip()
        likely = ""
        if precedent or recurrence is not Recurrence.ONE_OFF or rng.random() < 0.2:
            likely = rng.choice(LIKELY_NEXT[kind]).format_map(fill)
        concession = Concession(
            account_id=acct.id, date=day, kind=kind, baseline=baseline,
            baseline_value=base_value, conceded_value=conceded, terms_before=terms_before,
            terms_after=terms_after,
            asked_by=AskedBy.US_UNPROMPTED if unprompted else AskedBy.CUSTOMER,
            trigger=trigger, tactics=frozenset(tactics), granted_by_id=granter.id,
            approved_by_id=approved.id if approved else None, recurrence=recurrence,
            sets_precedent=precedent, known_to_others=known, expiry=expiry,
            nothing_in_return=nothing, likely_next_ask=likely, negotiation=negotiation,
            notes=notes, id=cid)
        return concession, got

    # ------------------------------------------------------------ promises

    def _promise(self, acct: _Account, direction: Direction, text: str, day: dt.date,
                 due_in: int, ours: Person, theirs: _Contact | None, *, value=None,
                 concession_id: int | None = None, status: CommitmentStatus | None = None):
        rng = self.rng
        due = day + dt.timedelta(days=due_in)
        if status is None:
            if due >= self.today:
                status = CommitmentStatus.OPEN
            else:
                odds = {HEALTHY: (80, 6, 10, 4), STEADY: (65, 15, 14, 6),
                        DAMAGED: (35, 25, 35, 5), NEGLECTED: (60, 30, 5, 5)}[acct.profile]
                status = rng.choices((CommitmentStatus.KEPT, CommitmentStatus.OPEN,
                                      CommitmentStatus.BROKEN, CommitmentStatus.WITHDRAWN),
                                     odds)[0]
        who = theirs.name if theirs else ""
        made_by, made_to = (ours.name, who) if direction is Direction.OURS else (who, ours.name)
        if status is CommitmentStatus.OPEN and rng.random() < 0.03:
            due = None  # a promise nobody put a date on
        return Commitment(account_id=acct.id, direction=direction, description=text,
                          made_by=made_by, made_to=made_to, date=day, due_date=due,
                          status=status, concession_id=concession_id, value=value,
                          id=self.take("commitments"))

    def _commitments(self, acct: _Account, large: bool) -> list[Commitment]:
        rng = self.rng
        n = rng.randint(*COMMITMENTS)
        if acct.profile == NEGLECTED:
            n = rng.randint(1, 2)
        elif large:
            n = 40
        out = []
        span = (acct.last_day - acct.since).days
        for i in range(n):
            direction = Direction.OURS if i % 2 == 0 else Direction.THEIRS
            text, due_in = rng.choice(OURS if direction is Direction.OURS else THEIRS)
            # most promises in flight are recent; a few are old and long overdue
            back = rng.randint(0, min(span, 120)) if rng.random() < 0.7 else rng.randint(
                0, span)
            day = acct.last_day - dt.timedelta(days=back)
            status = None
            if acct.profile == DAMAGED and i < 2:
                # broken on both sides: one of ours, one of theirs
                status = CommitmentStatus.BROKEN
                day = min(day, self.today - dt.timedelta(days=due_in + rng.randint(5, 60)))
                day = max(day, acct.since)
            fill = _Fill(self, acct, day, False, c1=rng.choice(acct.contacts))
            fill["amount"] = _money(round(acct.revenue * rng.uniform(0.02, 0.1), -2),
                                    acct.currency)
            out.append(self._promise(acct, direction, text.format_map(fill), day, due_in,
                                     acct.owner, fill.c1, status=status))
        return out

    # ------------------------------------------------------------ the account's words

    def _health_reason(self, acct: _Account) -> str:
        rng = self.rng
        if acct.health is Health.STABLE and acct.profile != NEGLECTED and \
                rng.random() < REASON_LEFT_BLANK:
            return ""
        if acct.lost:
            return LOST_REASON.format_map(self._fill_now(acct))
        templates = _without_hostile(HEALTH_REASONS[(acct.profile, acct.health)], acct) or \
            HEALTH_REASONS[(STEADY, Health.WATCH)]
        return rng.choice(templates).format_map(self._fill_now(acct))

    def _fill_now(self, acct: _Account) -> _Fill:
        fill = _Fill(self, acct, self.today, acct.profile != DAMAGED)
        fill["month_past"] = _month(acct.since + (acct.last_day - acct.since) * 2 / 3)
        return fill

    def _handover(self, acct: _Account, status: Status, outgoing: Person, incoming: Person,
                  events, concessions: list[Concession], promises: list[Commitment],
                  negotiation: str) -> list[Record]:
        """The handover of `acct` in `status`: answers as far as the writer got, and the
        incoming manager's questions, read-back and sign-off as far as the review got."""
        rng = self.rng
        if status is Status.ACCEPTED:
            created = self.today - dt.timedelta(days=rng.randint(30, 150))
        else:
            created = self.today - dt.timedelta(days=rng.randint(2, 50))
        due = created + dt.timedelta(days=rng.choice((14, 21, 28, 42)))
        fill = self._fill_now(acct)
        fill["negotiation"] = negotiation or "last renewal"
        answered = {Status.DRAFT: rng.randint(1, 5), Status.SUBMITTED: len(SECTIONS) - 1}.get(
            status, len(SECTIONS))
        answers = {key: self._section(acct, key, fill, events, concessions, promises)
                   for key in SECTIONS[:answered]}
        read_back = ""
        if status is Status.ACCEPTED or status is Status.IN_REVIEW and rng.random() < 0.6:
            read_back = READ_BACKS[acct.profile].format_map(fill)
        signed = None
        if status is Status.ACCEPTED:
            signed = dt.datetime.combine(min(due, self.today - dt.timedelta(days=1)),
                                         dt.time(16, rng.randint(0, 59)))
        hid = self.take("handovers")
        reviewer = self.lead_of.get(outgoing.id, self.leads[0])
        handover = Handover(
            account_id=acct.id, outgoing_id=outgoing.id, incoming_id=incoming.id,
            reviewer_id=reviewer.id, due_date=due, created_on=created, status=status,
            answers=answers, read_back=read_back,
            return_reason=rng.choice(_without_hostile(RETURN_REASONS, acct)).format_map(fill)
            if status is Status.RETURNED else "",
            signed_off_by_id=incoming.id if signed else None, signed_off_at=signed, id=hid)
        out: list[Record] = [handover]
        if status in (Status.IN_REVIEW, Status.ACCEPTED, Status.RETURNED) or \
                status is Status.SUBMITTED and rng.random() < 0.5:
            asked_on = dt.datetime.combine(created + dt.timedelta(days=2), dt.time(9, 30))
            pool = QUESTIONS + (QUESTIONS_DAMAGED if acct.profile == DAMAGED else ())
            picks = rng.sample(pool, rng.randint(1, 3) if status is not Status.IN_REVIEW
                               else rng.randint(2, 4))
            for i, (section, text, answer) in enumerate(picks):
                answered_now = status is Status.ACCEPTED or (
                    status is not Status.SUBMITTED and i % 2 == 0)
                asked = asked_on + dt.timedelta(hours=3 * i)
                out.append(Question(
                    handover_id=hid, section=section, text=text.format_map(fill),
                    asked_by_id=incoming.id, asked_at=asked,
                    answer=answer.format_map(fill) if answered_now else "",
                    answered_by_id=outgoing.id if answered_now else None,
                    answered_at=asked + dt.timedelta(days=1, hours=2) if answered_now else None,
                    resolved=answered_now and status is Status.ACCEPTED,
                    id=self.take("questions")))
        return out

    def _section(self, acct: _Account, key: str, fill: _Fill, events,
                 concessions: list[Concession], promises: list[Commitment]) -> dict[str, str]:
        """The outgoing manager's answers to one section of the default template, field by
        field, written from the account's data."""
        money = acct.currency
        profile = acct.profile
        if key == "glance":
            return {
                "summary": (f"**{acct.health.label}**: {acct.reason or 'no concerns'}\n\n"
                            f"- Revenue now: {_money(acct.revenue, money)} a year; potential: "
                            f"{_money(acct.potential, money)}\n- Segment: "
                            f"{acct.segment.label}, {acct.industry.lower()}\n- Region: "
                            f"{acct.region} ({acct.cities[0]})\n\n"
                            + GLANCE_FIRST[profile].format_map(fill)),
                "renewal_outlook": RENEWAL_OUTLOOK[profile].format_map(fill),
            }
        if key == "story":
            return {"how_we_got_here": STORY[profile].format_map(fill),
                    "what_went_wrong": WENT_WRONG[profile].format_map(fill),
                    "what_went_right": WENT_RIGHT[profile].format_map(fill)}
        if key == "people":
            meet = []
            for c in sorted(acct.contacts, key=lambda c: -c.influence)[:3]:
                attitude = "attitude unknown" if c.attitude is None else \
                    ("hostile", "sceptical", "neutral", "supportive", "an advocate")[c.attitude + 2]
                meet.append(f"- {c.name} ({c.title}): {attitude}, influence {c.influence}/5")
            if acct.hostile:
                trust = (f"**{acct.hostile.name}** ({acct.hostile.title}). Uses every incident "
                         "to push the price down and quotes what we said in meetings out of "
                         "context. Never meet them alone; confirm everything in writing.")
            else:
                trust = "Nobody in particular; the usual care with procurement."
            return {"how_decisions_are_made": DECISIONS[profile].format_map(fill),
                    "meet_first": "\n".join(meet), "not_to_trust": trust}
        if key == "history":
            lines = [f"- {_long_date(day)}, {kind.label.lower()}: {line}"
                     for day, kind, line in events[-5:]]
            if len(lines) < 3:
                lines.append(f"- {acct.since.year}: first contract, won on service")
                lines.append(f"- {_long_date(acct.last_day)}: last contact on record")
            return {"key_events": "\n".join(lines),
                    "open_grievances": GRIEVANCES[profile].format_map(fill)}
        if key == "concessions":
            live = sum(c.conceded_value for c in concessions if c.is_live(self.today))
            nothing = sum(c.nothing_in_return for c in concessions)
            precedents = [c for c in concessions if c.sets_precedent][-3:]
            tactics = Counter(t for c in concessions for t in c.tactics).most_common(3)
            asks = [c.likely_next_ask for c in concessions if c.likely_next_ask]
            if precedents:
                cited = "\n".join(
                    f"- {c.negotiation}: {c.kind.label.lower()}" + (
                        f", {c.terms_after}" if c.terms_after else
                        f", {c.discount_pct:.1f}%" if c.discount_pct else "")
                    for c in precedents)
            else:
                cited = "None: nothing they could point to as a standing deal."
            if tactics:
                how = ("Seen most: " + ", ".join(t.label.lower() for t, _ in tactics) + ". "
                       + TACTICS_ADVICE[profile])
            else:
                how = "They have not pushed for concessions so far."
            return {
                "precedents": cited,
                "buyer_tactics": how,
                "policy_position": (f"{len(concessions)} concessions since {acct.since.year}; "
                                    f"those still running are worth {_money(live, money)} a "
                                    f"year. **{nothing} with nothing in return**."),
                "next_negotiation": (f"Expect them to ask for {asks[-1].rstrip('.').lower()}. "
                                     if asks else "") + NEXT_NEGOTIATION[profile],
            }
        if key == "promises":
            open_ours = [p for p in promises
                         if p.direction is Direction.OURS and p.status is CommitmentStatus.OPEN]
            parts = []
            for direction, heading in ((Direction.OURS, "Ours"), (Direction.THEIRS, "Theirs")):
                lines = [f"- {p.description}" + (
                    f", due {_long_date(p.due_date)}" if p.due_date else ", no date agreed")
                    + (" (**overdue**)" if p.is_overdue(self.today) else "")
                    for p in promises
                    if p.direction is direction and p.status is CommitmentStatus.OPEN][:6]
                parts.append(f"**{heading}:**\n\n" + ("\n".join(lines) or "- nothing open"))
            if open_ours:
                first = min(open_ours, key=lambda p: p.due_date or dt.date.max)
                stake = (f"**{first.description}**: it is what they will judge us on first. "
                         "Deliver it, or call before the date and agree a new one.")
            else:
                stake = "None: nothing we owe them is open."
            return {"most_at_stake": stake, "notes": "\n\n".join(parts)}
        if key == "risks":
            return {"risks": RISK_LIST[profile].format_map(fill),
                    "contingencies": RISKS[profile].format_map(fill),
                    "early_warnings": WARNING_SIGNS[profile].format_map(fill)}
        day = self.today
        week, month, later = (day + dt.timedelta(days=d) for d in (7, 30, 75))
        return {
            "actions": (f"- Meet {{champion}} \u2014 incoming manager \u2014 {week.isoformat()}\n"
                        f"- Visit {{city}} with our service manager \u2014 incoming manager "
                        f"\u2014 {month.isoformat()}\n"
                        f"- Renewal strategy agreed \u2014 team lead \u2014 {later.isoformat()}"
                        ).format_map(fill),
            "joint_meeting": "The next review with {champion}: I introduce my successor."
                             .format_map(fill),
        }


    # ------------------------------------------------------------ placeholders

    def fill(self, f: _Fill, key: str) -> str:
        rng, acct, day = self.rng, f.acct, f.day
        if key in PHRASES:
            pool = PHRASES[key]
            if isinstance(pool[0], tuple):
                pool = pool[0] if f.good else pool[1]
            return rng.choice(pool).format_map(f)
        if key in ("c1", "c2", "t1", "t2"):
            c = f.c1 if key[1] == "1" else f.c2
            c = c or rng.choice(acct.contacts)
            return c.name if key[0] == "c" else c.title
        if key == "first":
            return f.c1.first if f.c1 else ""
        if key == "city":
            return acct.cities[0] if rng.random() < 0.6 else acct.cities[2]
        if key == "city2":
            return acct.cities[1]
        if key == "competitor":
            return acct.competitor
        if key == "name":
            return acct.name
        if key == "amount":
            return _money(round(acct.revenue * rng.uniform(0.01, 0.08), -2), acct.currency)
        if key == "potential":
            return _money(acct.potential, acct.currency)
        if key in ("pct", "pct2"):
            return str(rng.randint(5, 25))
        if key in ("n", "n_sites"):
            return str(rng.randint(2, 4))
        if key == "month":
            return _month(day + dt.timedelta(days=rng.randint(20, 100)))
        if key == "month_past":
            return _month(max(acct.since, day - dt.timedelta(days=rng.randint(30, 200))))
        if key == "month_short":
            return _month(day)
        if key == "due":
            return _long_date(day + dt.timedelta(days=rng.randint(5, 21)))
        if key == "quarter":
            return f"Q{(day.month - 1) // 3 + 1} {day.year}"
        if key == "year":
            return str(day.year + (day.month >= 10))
        if key == "year_past":
            return str(rng.randint(acct.since.year, day.year))
        if key == "year2":
            return str(day.year + 3)
        if key == "since":
            return str(acct.since.year)
        if key == "last_contact":
            return _long_date(acct.last_day)
        if key in ("otd", "ftf"):
            return str(rng.randint(93, 99) if f.good else rng.randint(78, 91))
        if key == "score":
            return str(rng.randint(7, 9) if f.good else rng.randint(3, 6))
        if key == "tickets":
            return str(rng.randint(1, 4) if f.good else rng.randint(8, 30))
        if key == "batch":
            return f"{day:%y}-{rng.randint(1000, 9999)}"
        if key in ("eb", "eb_title"):
            c = acct.role(BuyingRole.ECONOMIC_BUYER) or acct.contacts[0]
            return c.name if key == "eb" else c.title
        if key in ("hostile", "hostile_title"):
            c = acct.hostile or min(acct.contacts, key=lambda c: c.attitude or 0)
            return c.name if key == "hostile" else c.title
        if key == "champion":
            return _best(acct.contacts).name
        raise KeyError(key)


# ================================================================== helpers


def _pick_profile(rng: random.Random, segment: Segment) -> str:
    if segment is Segment.MID_SIZE:
        return rng.choices((HEALTHY, STEADY, DAMAGED, NEGLECTED), (36, 22, 17, 25))[0]
    return rng.choices((HEALTHY, STEADY, DAMAGED), (48, 32, 20))[0]


def _pick_health(rng: random.Random, profile: str) -> Health:
    if profile == DAMAGED:
        return rng.choices((Health.AT_RISK, Health.CRITICAL), (65, 35))[0]
    if profile == HEALTHY:
        return rng.choices((Health.STABLE, Health.WATCH), (80, 20))[0]
    return rng.choices((Health.STABLE, Health.WATCH), (45, 55))[0]


def _sentiment(rng: random.Random, kind: InteractionKind, mood: Sequence[int]) -> int:
    if kind is K.ESCALATION:
        return rng.choice((-2, -2, -1))
    if kind in (K.COMPLAINT, K.LOSS):
        return rng.choice((-2, -1, -1))
    if kind is K.WIN:
        return rng.choice((1, 2, 2))
    return rng.choice(mood)


def _without_hostile(templates: Sequence[str], acct: _Account) -> list[str]:
    """The templates that make sense for `acct`: those naming its hostile buyer only where
    it has one."""
    return [t for t in templates if acct.hostile or "{hostile" not in t]


def _best(contacts: Sequence[_Contact]) -> _Contact:
    """The warmest contact with the most influence: whom to meet first."""
    return max(contacts, key=lambda c: ((c.attitude or 0), c.influence, -c.id))


def _email(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return plain.lower().replace(" ", ".").replace("'", "") + "@" + EMAIL_DOMAIN


SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "CHF": "CHF "}


def _money(amount: float, currency: str) -> str:
    symbol = SYMBOLS.get(currency, currency + " ")
    if amount >= 1_000_000:
        return f"{symbol}{amount / 1_000_000:.1f}m"
    if amount >= 10_000:
        return f"{symbol}{amount / 1000:,.0f}k"
    return f"{symbol}{amount:,.0f}"


def _month(day: dt.date) -> str:
    return f"{day:%B %Y}"


def _long_date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


# ================================================================== writing the file


def _sign_accepted(ws: Workspace) -> None:
    """Seal each accepted handover as acceptance does: the account handed to the incoming
    manager (audited with the handover as the reason), the hash of what it covers and the
    copy kept to tell later changes."""
    with ws.action("demo sign-offs"):
        for (handover_id,) in ws.db.execute(
                "SELECT id FROM handovers WHERE status = ? ORDER BY id",
                [Status.ACCEPTED.value]).fetchall():
            hand_over(ws, ws.get(Handover, handover_id))
            handover, records, questions = handover_records(ws, handover_id)
            signed, snapshot = sign_off(handover, records, questions,
                                        signer_id=handover.signed_off_by_id,
                                        at=handover.signed_off_at)
            ws.update(signed)
            save_snapshot(ws, handover_id, signed.signoff_hash, snapshot)


def write_demo(path: str | Path, *, accounts: int = 60, seed: int = 1,
               today: dt.date | None = None,
               progress: Callable[[int, int], object] | None = None) -> dict[str, int]:
    """Write a new demo workspace at `path` and return how many rows went into each table.

    The portfolio has every segment, health and handover status; healthy accounts beside
    damaged ones (hostile buyers with high influence, escalations, discounts above policy,
    concessions with nothing in return, promises broken on both sides) and neglected
    mid-size accounts whose potential is 5-10 times their size. The team is 8-15 account
    managers and 2-3 team leads; the discount policy has an older, looser version from two
    years before the current one.

    On average an account has ~5 contacts, ~20 interactions, ~10 concessions and 3-6
    promises, besides the promises received in return for concessions. From 1,000 accounts on,
    account 1 is large: 1,000 interactions and 500 concessions, and handover 1 is its
    handover, the big brief a benchmark exports.

    The same `seed` gives the same content (only the audit log's timestamps differ); the
    story is told as of `today`, by default the fixed DEMO_TODAY. `progress(done, total)`
    is called with the accounts written after each transaction. An existing non-empty file
    is refused with the store's WorkspaceError; if writing fails, the new file is removed.
    """
    if accounts < 1:
        raise ValidationError("accounts", f"{accounts} is too few; at least 1")
    path = Path(path)
    rng = random.Random(seed)
    ws = Workspace.create(path, user=DEMO_USER)
    counts: Counter[str] = Counter()

    def add(records: list[Record]) -> None:
        counts.update(ws.add_many(records, note="demo"))
        # the rows of the link tables add_many writes beside the records
        counts["interaction_contacts"] += sum(len(r.contact_ids) for r in records
                                              if isinstance(r, Interaction))
        counts["concession_tactics"] += sum(len(r.tactics) for r in records
                                            if isinstance(r, Concession))

    try:
        maker = _Maker(rng, today or DEMO_TODAY, accounts, ws.next_ids())
        add(maker.team_and_rules())
        for start in range(0, accounts, CHUNK_ACCOUNTS):
            stop = min(accounts, start + CHUNK_ACCOUNTS)
            records: list[Record] = []
            for index in range(start, stop):
                records += maker.account(index)
            add(records)
            if progress is not None:
                progress(stop, accounts)
        _sign_accepted(ws)
    except BaseException:
        ws.close()
        path.unlink(missing_ok=True)
        raise
    ws.close()
    order = [Person.table, Account.table, Contact.table, Interaction.table,
             "interaction_contacts", Concession.table, "concession_tactics", Commitment.table,
             DiscountPolicy.table, ApprovalLimit.table, Handover.table, Question.table]
    return {table: counts[table] for table in order}
