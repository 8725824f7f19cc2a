"""The demo's longer words about an account, its people and its history: the summaries of
each kind of interaction, the phrases they are filled with, the reasons for an account's
health, and the notes and advice on each contact.

Placeholders are filled lazily (see placeholders.Fill): account facts, the contacts of the
moment, and phrases from PHRASES, chosen by the moment's mood."""

from __future__ import annotations

from handover.demo.shape import DAMAGED, HEALTHY, NEGLECTED, STEADY
from handover.domain.records import BuyingRole, Health, InteractionKind

K = InteractionKind

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
LOST_SUMMARY = ("**Lost the account.** {c1} confirmed that the contract will not be renewed; "
                "all volume moves to {competitor}. Reason given: {loss_reason}.")
LOST_REASON = "Lost to {competitor} on {last_contact}; archived."

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
