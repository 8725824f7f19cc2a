"""The demo's words: the team's names, the customers' given and family names by culture, the
regions with their cities and company suffixes, the industries, company names and competitors,
and the titles of each buying role."""

from __future__ import annotations

from handover.domain.records import BuyingRole

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
