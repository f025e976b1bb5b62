"""Fixed vocabularies for the synthetic directory (names, departments, sites, titles)."""

from __future__ import annotations

FIRST_NAMES = (
    "Aaliyah", "Aaron", "Abigail", "Adam", "Adrian", "Aisha", "Akira", "Alan", "Alejandro",
    "Alex", "Alice", "Amara", "Amelia", "Amir", "Ana", "Andre", "Andrea", "Andrew", "Angela",
    "Anil", "Anna", "Anthony", "Arjun", "Aroha", "Ava", "Ben", "Bianca", "Boris", "Brian",
    "Bruno", "Caleb", "Camila", "Carlos", "Carmen", "Caroline", "Chen", "Chloe", "Chris", "Clara",
    "Colin", "Daniel", "Dara", "David", "Deepa", "Diana", "Diego", "Dmitri", "Elena", "Eli",
    "Elif", "Elijah", "Emily", "Emma", "Eric", "Erin", "Ethan", "Eva", "Fatima", "Felix",
    "Fernando", "Fiona", "Gabriel", "Grace", "Hana", "Hannah", "Harper", "Hassan", "Helen",
    "Henry", "Hiro", "Ian", "Ibrahim", "Ines", "Isaac", "Isabel", "Ivan", "Jack", "Jacob",
    "James", "Jana", "Javier", "Jenna", "Jessica", "Jin", "John", "Jonas", "Jordan", "Jose",
    "Joseph", "Julia", "Julian", "Kai", "Karen", "Karim", "Kate", "Kenji", "Kevin", "Kim",
    "Laila", "Lars", "Laura", "Leah", "Leo", "Liam", "Lina", "Linda", "Lucas", "Lucia", "Luis",
    "Luka", "Maya", "Mai", "Marco", "Maria", "Mark", "Marta", "Mateo", "Matthew", "Mei", "Mia",
    "Michael", "Miguel", "Mila", "Mohammed", "Nadia", "Naomi", "Nate", "Neha", "Nia", "Nico",
    "Nina", "Noah", "Nora", "Olga", "Oliver", "Omar", "Oscar", "Paolo", "Patrick", "Paul",
    "Pedro", "Priya", "Quinn", "Rafael", "Rahul", "Rania", "Raj", "Rebecca", "Riya", "Robert",
    "Rosa", "Ruth", "Ryan", "Sakura", "Samuel", "Sara", "Sean", "Sebastian", "Sofia", "Sophie",
    "Stefan", "Sun", "Tariq", "Thomas", "Tom", "Uma", "Valentina", "Victor", "Wei", "Will",
    "Xavier", "Yara", "Yusuf", "Zara", "Zoe",
)

LAST_NAMES = (
    "Abbott", "Adams", "Ahmed", "Alvarez", "Andersen", "Bailey", "Baker", "Banerjee", "Barros",
    "Becker", "Bennett", "Berg", "Bianchi", "Brooks", "Brown", "Campbell", "Carter", "Castro",
    "Chan", "Chen", "Clarke", "Cohen", "Collins", "Cooper", "Costa", "Cruz", "Das", "Davies",
    "Diaz", "Dubois", "Edwards", "Evans", "Fischer", "Fernandes", "Flores", "Foster", "Garcia",
    "Gomez", "Gonzalez", "Gray", "Green", "Gupta", "Hall", "Hansen", "Harris", "Hayashi",
    "Hernandez", "Hill", "Hoffmann", "Hughes", "Ito", "Iyer", "Jackson", "Jensen", "Johnson",
    "Jones", "Kaur", "Kelly", "Khan", "Kim", "Klein", "Kowalski", "Kumar", "Larsen", "Lee",
    "Lewis", "Li", "Lim", "Lopez", "Martin", "Martinez", "Meyer", "Miller", "Mitchell", "Moore",
    "Morales", "Moreau", "Morris", "Murphy", "Nakamura", "Nguyen", "Nielsen", "Novak", "Okafor",
    "Oliveira", "Olsen", "Ortiz", "Park", "Patel", "Pereira", "Perez", "Peters", "Petrov",
    "Phillips", "Popescu", "Price", "Reddy", "Reyes", "Richter", "Rivera", "Roberts", "Robinson",
    "Rodriguez", "Rossi", "Russo", "Sanchez", "Santos", "Sato", "Schmidt", "Schneider", "Scott",
    "Shah", "Silva", "Singh", "Smith", "Sousa", "Suzuki", "Tanaka", "Taylor", "Thomas",
    "Thompson", "Torres", "Turner", "Wagner", "Walker", "Wang", "Ward", "Watanabe", "Weber",
    "White", "Williams", "Wilson", "Wong", "Wood", "Wright", "Wu", "Yamamoto", "Yang", "Young",
    "Zhang", "Zhou",
)

# (name, time zone, phone prefix)
LOCATIONS = (
    ("Seattle", "America/Los_Angeles", "+1 206 555"),
    ("Austin", "America/Chicago", "+1 512 555"),
    ("New York", "America/New_York", "+1 212 555"),
    ("Toronto", "America/Toronto", "+1 416 555"),
    ("Sao Paulo", "America/Sao_Paulo", "+55 11 5555"),
    ("London", "Europe/London", "+44 20 7946"),
    ("Dublin", "Europe/Dublin", "+353 1 555"),
    ("Berlin", "Europe/Berlin", "+49 30 5555"),
    ("Warsaw", "Europe/Warsaw", "+48 22 555"),
    ("Bangalore", "Asia/Kolkata", "+91 80 5555"),
    ("Singapore", "Asia/Singapore", "+65 5555"),
    ("Tokyo", "Asia/Tokyo", "+81 3 5555"),
    ("Sydney", "Australia/Sydney", "+61 2 5555"),
)
LOCATION_WEIGHTS = (14, 8, 12, 5, 5, 10, 6, 7, 6, 12, 6, 4, 5)

IT_DEPARTMENT = "Information Technology"
EXECUTIVE_DEPARTMENT = "Executive"
# Every IT_EVERY-th employee works in IT, so the IT share is exact at any directory size.
IT_EVERY = 125

# (department, weight, individual-contributor titles)
DEPARTMENTS = (
    ("Engineering", 18, ("Software Engineer", "Senior Software Engineer", "QA Engineer",
                         "Site Reliability Engineer", "Staff Engineer")),
    ("Sales", 12, ("Account Executive", "Sales Development Rep", "Sales Engineer")),
    ("Customer Support", 10, ("Support Specialist", "Support Engineer", "Team Lead, Support")),
    ("Operations", 9, ("Operations Analyst", "Operations Coordinator")),
    ("Manufacturing", 10, ("Production Technician", "Process Engineer", "Quality Inspector")),
    ("Logistics", 6, ("Logistics Coordinator", "Warehouse Associate", "Planner")),
    ("Marketing", 5, ("Marketing Specialist", "Content Strategist", "Designer")),
    ("Finance", 5, ("Financial Analyst", "Accountant", "Payroll Specialist")),
    ("Product", 4, ("Product Manager", "UX Researcher", "Product Designer")),
    ("Research", 5, ("Research Scientist", "Data Scientist", "Lab Technician")),
    ("Human Resources", 3, ("HR Business Partner", "Recruiter", "HR Generalist")),
    ("Legal", 2, ("Counsel", "Paralegal", "Compliance Analyst")),
    ("Procurement", 2, ("Buyer", "Procurement Analyst")),
    ("Facilities", 2, ("Facilities Coordinator", "Workplace Specialist")),
)
IT_TITLES = ("Service Desk Analyst", "Systems Engineer", "Network Engineer",
             "Endpoint Engineer", "Security Analyst", "Identity Engineer", "Application Analyst")

MFA_DEVICES = (
    ("authenticator_app", "iPhone 15"),
    ("authenticator_app", "Pixel 8"),
    ("authenticator_app", "Galaxy S24"),
    ("sms", "Mobile phone"),
    ("hardware_key", "YubiKey 5 NFC"),
)
LAPTOPS = ("Dell Latitude 7450", "Lenovo ThinkPad T14", "MacBook Pro 14", "HP EliteBook 840")
MONITORS = ("Dell U2723QE", "LG 27UL850", "Samsung ViewFinity S8")
PHONES = ("iPhone 15", "Pixel 8", "Galaxy S24")
