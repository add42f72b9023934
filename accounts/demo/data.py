"""Static material for the demo company. Plain Python, no Django: the generator draws from these
lists with a seeded random stream, so changing anything here changes every seeded company.

Skills and skill profiles are referred to by name; `company.slugify_ascii` turns names into slugs.
"""

from typing import NamedTuple


class DepartmentSpec(NamedTuple):
    slug: str
    name: str
    parent: str | None
    description: str
    # Relative headcount: a department gets about weight / sum(weights) of the people.
    weight: int
    head_title: str
    lead_title: str
    # (title, seniority 0 junior .. 3 principal) for people who are neither head nor team lead.
    titles: tuple[tuple[str, int], ...]
    # Skills most people in the department have, and skills some of them have or want to grow into.
    core_skills: tuple[str, ...]
    adjacent_skills: tuple[str, ...]


# Parents come before their children: the loader and the generator rely on this order.
DEPARTMENTS: tuple[DepartmentSpec, ...] = (
    DepartmentSpec(
        "executive-office",
        "Executive Office",
        None,
        "Company leadership, strategy and business operations.",
        1,
        "Chief Executive Officer",
        "Chief of Staff",
        (
            ("Executive Assistant", 0),
            ("Executive Assistant", 1),
            ("Business Operations Analyst", 1),
            ("Strategy Manager", 2),
            ("Senior Strategy Manager", 3),
        ),
        ("Stakeholder Management", "Product Strategy", "Public Speaking", "Budgeting", "Project Management"),
        ("Financial Modeling", "Facilitation", "Coaching", "Negotiation"),
    ),
    DepartmentSpec(
        "engineering",
        "Engineering",
        None,
        "Architecture, engineering practices and the teams that build the product.",
        2,
        "Chief Technology Officer",
        "Director of Engineering",
        (
            ("Technical Program Manager", 1),
            ("Staff Engineer", 2),
            ("Senior Technical Program Manager", 2),
            ("Principal Engineer", 3),
            ("Software Architect", 3),
        ),
        ("API Design", "Python", "Go", "Kubernetes", "Observability", "Mentoring", "Technical Writing"),
        ("Application Security", "PostgreSQL", "AWS", "Stakeholder Management", "Agile Delivery"),
    ),
    DepartmentSpec(
        "platform",
        "Platform Engineering",
        "engineering",
        "Cloud infrastructure, developer tooling, CI and the services everything else runs on.",
        9,
        "Head of Platform Engineering",
        "Engineering Manager, Platform",
        (
            ("Junior Platform Engineer", 0),
            ("Platform Engineer", 1),
            ("Site Reliability Engineer", 1),
            ("Senior Platform Engineer", 2),
            ("Senior Site Reliability Engineer", 2),
            ("Staff Platform Engineer", 3),
        ),
        ("Go", "Python", "Kubernetes", "Terraform", "AWS", "Observability", "PostgreSQL"),
        ("API Design", "Networking", "Application Security", "Test Automation", "Technical Writing"),
    ),
    DepartmentSpec(
        "data",
        "Data & Analytics",
        "engineering",
        "Data platform, analytics, experimentation and machine learning.",
        7,
        "Director of Data & Analytics",
        "Analytics Manager",
        (
            ("Junior Data Analyst", 0),
            ("Data Analyst", 1),
            ("Analytics Engineer", 1),
            ("Data Engineer", 1),
            ("Senior Data Scientist", 2),
            ("Senior Data Engineer", 2),
            ("Principal Data Scientist", 3),
        ),
        ("Python", "SQL", "Data Modeling", "Machine Learning", "Statistics", "Data Visualization", "dbt"),
        ("PostgreSQL", "A/B Testing", "Marketing Analytics", "Technical Writing", "Financial Modeling"),
    ),
    DepartmentSpec(
        "mobile",
        "Mobile",
        "engineering",
        "The iOS and Android apps.",
        6,
        "Head of Mobile",
        "Engineering Manager, Mobile",
        (
            ("Junior Mobile Developer", 0),
            ("iOS Developer", 1),
            ("Android Developer", 1),
            ("Senior iOS Developer", 2),
            ("Senior Android Developer", 2),
            ("Staff Mobile Engineer", 3),
        ),
        ("Kotlin", "Swift", "TypeScript", "API Design", "Test Automation"),
        ("React", "Interaction Design", "Observability", "Agile Delivery", "Figma"),
    ),
    DepartmentSpec(
        "web",
        "Web Applications",
        "engineering",
        "The customer-facing web product and the internal back office.",
        10,
        "Head of Web Applications",
        "Engineering Manager, Web",
        (
            ("Junior Software Engineer", 0),
            ("Software Engineer", 1),
            ("Frontend Engineer", 1),
            ("Backend Engineer", 1),
            ("Senior Software Engineer", 2),
            ("Senior Frontend Engineer", 2),
            ("Staff Software Engineer", 3),
        ),
        ("TypeScript", "React", "Python", "Django", "PostgreSQL", "Test Automation", "API Design"),
        ("Design Systems", "Observability", "Interaction Design", "Agile Delivery", "SEO", "Application Security"),
    ),
    DepartmentSpec(
        "security",
        "Security",
        "engineering",
        "Application and cloud security, incident response and security awareness.",
        3,
        "Chief Information Security Officer",
        "Security Engineering Manager",
        (
            ("Security Analyst", 0),
            ("Security Engineer", 1),
            ("Cloud Security Engineer", 1),
            ("Senior Security Engineer", 2),
            ("Principal Security Engineer", 3),
        ),
        ("Application Security", "Networking", "Kubernetes", "AWS", "Python", "Data Privacy"),
        ("Go", "Observability", "Terraform", "Technical Writing", "Facilitation"),
    ),
    DepartmentSpec(
        "it",
        "IT & Workplace",
        None,
        "Laptops, accounts, office networks and the tools everyone uses every day.",
        4,
        "Head of IT",
        "IT Support Manager",
        (
            ("IT Support Technician", 0),
            ("IT Support Specialist", 1),
            ("Workplace Coordinator", 1),
            ("Systems Administrator", 2),
            ("Senior Systems Administrator", 3),
        ),
        ("Networking", "Troubleshooting", "AWS", "Procurement", "Knowledge Base Writing"),
        ("Python", "Application Security", "Customer Onboarding", "Project Management", "Terraform"),
    ),
    DepartmentSpec(
        "product",
        "Product Management",
        None,
        "What we build next and why: discovery, roadmaps and product analytics.",
        5,
        "Chief Product Officer",
        "Group Product Manager",
        (
            ("Associate Product Manager", 0),
            ("Product Manager", 1),
            ("Product Owner", 1),
            ("Senior Product Manager", 2),
            ("Principal Product Manager", 3),
        ),
        (
            "Product Strategy",
            "Roadmapping",
            "Product Discovery",
            "Agile Delivery",
            "A/B Testing",
            "Stakeholder Management",
        ),
        ("UX Research", "SQL", "Data Visualization", "Facilitation", "Public Speaking", "Technical Writing"),
    ),
    DepartmentSpec(
        "design",
        "Design",
        "product",
        "Product design, user research and the design system.",
        4,
        "Head of Design",
        "Design Manager",
        (
            ("Junior Product Designer", 0),
            ("Product Designer", 1),
            ("UX Researcher", 1),
            ("Senior Product Designer", 2),
            ("Senior UX Researcher", 2),
            ("Principal Designer", 3),
        ),
        ("UX Research", "Interaction Design", "Visual Design", "Figma", "Design Systems"),
        ("Product Discovery", "Facilitation", "TypeScript", "Brand Strategy", "Public Speaking"),
    ),
    DepartmentSpec(
        "sales",
        "Sales",
        None,
        "New business, renewals and partnerships.",
        14,
        "VP Sales",
        "Sales Manager",
        (
            ("Sales Development Representative", 0),
            ("Account Executive", 1),
            ("Partner Manager", 1),
            ("Senior Account Executive", 2),
            ("Enterprise Account Executive", 2),
            ("Solutions Consultant", 2),
            ("Strategic Account Director", 3),
        ),
        ("Prospecting", "Negotiation", "Account Management", "Salesforce", "Sales Forecasting"),
        (
            "Public Speaking",
            "Stakeholder Management",
            "Customer Onboarding",
            "Contract Drafting",
            "Marketing Analytics",
        ),
    ),
    DepartmentSpec(
        "customer-support",
        "Customer Support",
        None,
        "Help for customers by chat, phone and e-mail, in four languages.",
        14,
        "VP Customer Support",
        "Support Team Lead",
        (
            ("Support Agent", 0),
            ("Customer Support Specialist", 1),
            ("Technical Support Engineer", 1),
            ("Customer Success Manager", 2),
            ("Senior Technical Support Engineer", 2),
            ("Support Operations Lead", 3),
        ),
        ("Troubleshooting", "Customer Onboarding", "Knowledge Base Writing", "Escalation Handling"),
        ("SQL", "Technical Writing", "Account Management", "Coaching", "Facilitation", "Python"),
    ),
    DepartmentSpec(
        "marketing",
        "Marketing",
        None,
        "Brand, content, events and growth marketing.",
        7,
        "Chief Marketing Officer",
        "Marketing Manager",
        (
            ("Marketing Coordinator", 0),
            ("Content Marketer", 1),
            ("Growth Marketer", 1),
            ("Event Manager", 1),
            ("Senior Brand Manager", 2),
            ("Senior Product Marketing Manager", 2),
            ("Head of Content", 3),
        ),
        ("Content Marketing", "SEO", "Brand Strategy", "Marketing Analytics", "Event Planning"),
        ("Visual Design", "Data Visualization", "Public Speaking", "Technical Writing", "A/B Testing", "Figma"),
    ),
    DepartmentSpec(
        "finance",
        "Finance",
        None,
        "Accounting, planning, purchasing and payroll.",
        5,
        "Chief Financial Officer",
        "Finance Manager",
        (
            ("Accounts Payable Clerk", 0),
            ("Accountant", 1),
            ("Financial Analyst", 1),
            ("Buyer", 1),
            ("Senior Financial Analyst", 2),
            ("Senior Accountant", 2),
            ("Financial Controller", 3),
        ),
        ("Financial Modeling", "Budgeting", "Accounting", "Procurement"),
        ("SQL", "Data Visualization", "Sales Forecasting", "Stakeholder Management", "Contract Drafting"),
    ),
    DepartmentSpec(
        "people",
        "People & Culture",
        None,
        "Hiring, onboarding, learning, pay and everything that makes this a good place to work.",
        5,
        "Chief People Officer",
        "People Partner Lead",
        (
            ("People Coordinator", 0),
            ("Recruiter", 1),
            ("People Partner", 1),
            ("Learning Specialist", 1),
            ("Senior Recruiter", 2),
            ("Compensation Analyst", 2),
            ("Head of Talent", 3),
        ),
        ("Recruiting", "Coaching", "Compensation & Benefits", "Employee Relations", "Learning & Development"),
        ("Facilitation", "Public Speaking", "Mentoring", "Data Privacy", "Event Planning", "Budgeting"),
    ),
    DepartmentSpec(
        "legal",
        "Legal",
        None,
        "Contracts, privacy and regulatory compliance.",
        2,
        "General Counsel",
        "Legal Operations Manager",
        (
            ("Paralegal", 0),
            ("Legal Counsel", 1),
            ("Privacy Specialist", 1),
            ("Senior Legal Counsel", 2),
            ("Deputy General Counsel", 3),
        ),
        ("Contract Drafting", "Data Privacy", "Negotiation"),
        ("Procurement", "Stakeholder Management", "Technical Writing", "Public Speaking", "Application Security"),
    ),
)

# Category name -> skill names. Names are unique across categories.
SKILL_TAXONOMY: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Engineering",
        (
            "Python",
            "Go",
            "TypeScript",
            "React",
            "Django",
            "Kotlin",
            "Swift",
            "PostgreSQL",
            "Kubernetes",
            "Terraform",
            "AWS",
            "Observability",
            "Application Security",
            "Test Automation",
            "API Design",
            "Networking",
        ),
    ),
    ("Data", ("SQL", "Data Modeling", "Machine Learning", "Statistics", "Data Visualization", "dbt")),
    ("Design", ("UX Research", "Interaction Design", "Visual Design", "Figma", "Design Systems")),
    ("Product", ("Product Strategy", "Roadmapping", "Product Discovery", "Agile Delivery", "A/B Testing")),
    ("Sales", ("Prospecting", "Negotiation", "Account Management", "Salesforce", "Sales Forecasting")),
    ("Marketing", ("Content Marketing", "SEO", "Brand Strategy", "Marketing Analytics", "Event Planning")),
    ("Support", ("Customer Onboarding", "Troubleshooting", "Knowledge Base Writing", "Escalation Handling")),
    (
        "Finance & Legal",
        ("Financial Modeling", "Budgeting", "Accounting", "Procurement", "Contract Drafting", "Data Privacy"),
    ),
    (
        "People",
        ("Recruiting", "Coaching", "Compensation & Benefits", "Employee Relations", "Learning & Development"),
    ),
    (
        "Communication",
        (
            "Public Speaking",
            "Technical Writing",
            "Facilitation",
            "Mentoring",
            "Project Management",
            "Stakeholder Management",
        ),
    ),
)

# Skills anyone may have, whatever their department.
GENERAL_SKILLS: tuple[str, ...] = SKILL_TAXONOMY[-1][1]

# Free-topic interests: things people care about that are not in the skill taxonomy.
FREE_TOPICS: tuple[str, ...] = (
    "sustainability",
    "accessibility",
    "developer experience",
    "open source",
    "diversity and inclusion",
    "remote work",
    "internal tooling",
    "hackathons",
    "customer empathy",
    "knowledge sharing",
    "well-being at work",
    "green IT",
    "onboarding experience",
    "localization",
    "AI ethics",
    "documentation culture",
    "volunteering",
    "pricing experiments",
    "community building",
    "employer branding",
    "process automation",
    "cost optimization",
    "inner source",
    "data literacy",
    "plain language",
    "mentoring programs",
)

# Four logins the README lists. Each takes a fixed seat in the org chart: position 0 of a
# department is its head, position 1 its first member (who reports to the head).
PERSONAS: tuple[dict, ...] = (
    {
        "username": "manager",
        "first_name": "Marcus",
        "last_name": "Bennett",
        "department": "platform",
        "position": 0,
        "job_title": "Head of Platform Engineering",
        "role": "manager",
    },
    {
        "username": "employee",
        "first_name": "Emma",
        "last_name": "Lindqvist",
        "department": "platform",
        "position": 1,
        "job_title": "Software Engineer",
        "role": "employee",
        "seniority": 1,
        "weekly_availability": 8,  # enough for a seat and a fit or two in the demo's open calls
    },
    {
        "username": "moderator",
        "first_name": "Priya",
        "last_name": "Raman",
        "department": "people",
        "position": 1,
        "job_title": "Community & Culture Manager",
        "role": "moderator",
        "seniority": 2,
    },
    {
        "username": "admin",
        "first_name": "Tomás",
        "last_name": "Herrera",
        "department": "it",
        "position": 1,
        "job_title": "IT Systems Administrator",
        "role": "admin",
        "seniority": 2,
    },
)

FIRST_NAMES: tuple[str, ...] = (
    # English-speaking countries
    "Emma", "Olivia", "James", "Liam", "Noah", "Ava", "Sophia", "Benjamin", "Charlotte", "Henry",
    "Grace", "Jack", "Lucy", "Oliver", "Ruby", "Samuel", "Hannah", "Daniel", "Chloe", "Ethan",
    # German, Dutch, Nordic
    "Lukas", "Anna", "Felix", "Lena", "Jonas", "Mia", "Niklas", "Sanne", "Daan", "Femke",
    "Lars", "Ingrid", "Sven", "Astrid", "Freya", "Mikkel", "Sigrid", "Søren", "Linnea", "Elias",
    # French, Italian, Spanish, Portuguese
    "Camille", "Louis", "Théo", "Manon", "Hugo", "Giulia", "Marco", "Francesca", "Luca", "Chiara",
    "Matteo", "Sofía", "Mateo", "Lucía", "Diego", "Carmen", "Javier", "João", "Inês", "Beatriz",
    "Rafael", "Tiago", "Mariana",
    # Central and Eastern Europe
    "Katarzyna", "Piotr", "Agnieszka", "Tomasz", "Ivana", "Luka", "Petra", "Marek", "Zofia", "Dmitri",
    "Anastasia", "Nikola", "Milena", "Ondřej", "Jana",
    # Greece, Türkiye, Middle East
    "Eleni", "Nikos", "Dimitra", "Yannis", "Elif", "Emre", "Zeynep", "Mehmet", "Aylin", "Can",
    "Layla", "Omar", "Yasmin", "Karim", "Nour", "Tariq", "Leila", "Hassan", "Dana", "Yosef",
    "Noa", "Avi", "Shira",
    # South Asia
    "Priya", "Arjun", "Ananya", "Rohan", "Aarav", "Diya", "Vikram", "Kavya", "Sanjay", "Meera",
    "Rahul", "Nisha", "Aditya", "Ishaan", "Farhan", "Ayesha", "Imran", "Sana", "Nimal", "Tharindu",
    # East and South-East Asia
    "Wei", "Mei", "Jun", "Hao", "Xin", "Yuki", "Haruto", "Sakura", "Ren", "Aiko",
    "Min-jun", "Ji-woo", "Seo-yeon", "Hyun", "Linh", "Minh", "Thao", "Quang", "Siti", "Putri",
    "Rizal", "Arief", "Mai", "Tuan",
    # Africa
    "Amara", "Chidi", "Ngozi", "Kwame", "Ama", "Kofi", "Abena", "Tendai", "Thandiwe", "Sipho",
    "Zanele", "Oluwaseun", "Folake", "Tunde", "Adaeze", "Wanjiru", "Kamau", "Achieng", "Baraka", "Nia",
    "Fatoumata", "Moussa", "Aminata", "Yohannes", "Selam",
    # Latin America
    "Valentina", "Santiago", "Camila", "Sebastián", "Isabella", "Alejandro", "Gabriela", "Andrés",
    "Ximena", "Emiliano", "Renata", "Joaquín",
    # Pacific, Iran and elsewhere
    "Aroha", "Tane", "Kai", "Malia", "Keanu", "Leilani", "Aisha", "Yusuf", "Bilal", "Maryam",
    "Ali", "Reza", "Parisa", "Darius", "Shirin",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    # English-speaking countries, Ireland, Scotland
    "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Clarke", "Walker", "Wright", "Robinson", "Thompson",
    "Hughes", "Bennett", "Carter", "Mitchell", "Turner", "Parker", "Collins", "Edwards", "Morgan", "Cooper",
    "O'Brien", "Murphy", "Kelly", "Byrne", "Walsh", "MacLeod", "Campbell", "Fraser",
    # German, Dutch, Nordic, Finnish
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "de Vries", "van Dijk",
    "Bakker", "Jansen", "Visser", "Hansen", "Johansson", "Nielsen", "Lindqvist", "Eriksson", "Andersen",
    "Berg", "Virtanen", "Korhonen", "Jørgensen",
    # French, Italian, Spanish, Portuguese, Brazilian
    "Martin", "Bernard", "Dubois", "Lefèvre", "Moreau", "Laurent", "Rossi", "Russo", "Ferrari", "Esposito",
    "Bianchi", "Romano", "Conti", "García", "Martínez", "López", "Sánchez", "Fernández", "Gómez", "Ruiz",
    "Silva", "Santos", "Oliveira", "Costa", "Pereira", "Ferreira", "Almeida",
    # Central and Eastern Europe
    "Nowak", "Kowalski", "Wiśniewska", "Kamiński", "Novák", "Dvořák", "Horvat", "Kovačević", "Petrov",
    "Ivanova", "Popescu", "Ionescu", "Szabó", "Nagy",
    # Greece, Türkiye, Middle East, Iran
    "Papadopoulos", "Georgiou", "Nikolaidis", "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Haddad",
    "Khoury", "Mansour", "Nasser", "Farouk", "Cohen", "Levi", "Mizrahi", "Rahimi", "Hosseini", "Karimi",
    "Tehrani",
    # South Asia
    "Patel", "Sharma", "Singh", "Kumar", "Gupta", "Iyer", "Reddy", "Nair", "Menon", "Rao",
    "Desai", "Joshi", "Chatterjee", "Banerjee", "Khan", "Hussain", "Ahmed", "Qureshi", "Perera", "Fernando",
    "Rahman", "Chowdhury",
    # East and South-East Asia, Philippines
    "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou",
    "Tanaka", "Suzuki", "Takahashi", "Watanabe", "Sato", "Kim", "Park", "Lee", "Choi", "Jung",
    "Nguyen", "Tran", "Pham", "Le", "Hoang", "Santoso", "Wijaya", "Reyes", "Cruz", "Bautista",
    "Tan", "Lim", "Wong",
    # Africa
    "Okafor", "Adeyemi", "Okonkwo", "Eze", "Balogun", "Mensah", "Asante", "Boateng", "Owusu", "Mwangi",
    "Otieno", "Kariuki", "Ndlovu", "Dlamini", "Khumalo", "Moyo", "Diallo", "Traoré", "Keita", "Tesfaye",
    "Bekele", "Haile", "Abebe", "Nkosi",
    # Latin America
    "Rodríguez", "Hernández", "Torres", "Ramírez", "Flores", "Vargas", "Castillo", "Morales", "Ortiz",
    "Mendoza", "Rojas", "Herrera",
    # Pacific
    "Ngata", "Parata", "Kahananui", "Akana",
)  # fmt: skip

HOBBIES: tuple[str, ...] = (
    "cycling",
    "board games",
    "baking sourdough",
    "trail running",
    "singing in a choir",
    "birdwatching",
    "climbing",
    "playing bass in a cover band",
    "growing too many tomatoes",
    "learning Japanese",
    "coaching a kids' football team",
    "science fiction",
    "sea swimming",
    "restoring old bicycles",
    "pottery",
    "chess",
    "long hikes with an old dog",
    "home-brewing kombucha",
    "sketching on the train",
    "playing the cello, badly",
)

# The generator fills in {title}, {department}, {skill} (the person's strongest), {hobby} and {years}.
BIO_TEMPLATES: tuple[str, ...] = (
    "{title} in {department}. Happy to help with {skill}. Outside work: {hobby}.",
    "{title} in {department} for {years}. Ask me about {skill}. Weekends are for {hobby}.",
    "I work in {department} ({title}). Most days that means {skill}. Off the clock: {hobby}.",
    "Joined {department} {years} ago, now {title}. Strongest at {skill}.",
    "{title}. I like untangling {skill} problems and sharing what I learn. Off the clock: {hobby}.",
    "Part of {department}. {skill} is my thing; outside work it is {hobby}.",
)
