"""The demo's words for a handover: its sections, the outgoing manager's answers by the kind
of account, the incoming manager's questions and read-backs, and the reasons for a return."""

from __future__ import annotations

from handover.demo.shape import DAMAGED, HEALTHY, NEGLECTED, STEADY

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
