"""Words the quote and speaker rules are made of: data only, no logic.

Adding a speech verb, a role word or an abbreviation means editing this file
and nothing else (the regular expressions in :mod:`pressreader.parse.quotes`
and :mod:`pressreader.parse.people` are built from these tables).

    >>> ROLE_ABBREVIATIONS["PCC"]
    'Police and Crime Commissioner'
    >>> "said" in SPEECH_VERBS
    True
"""

from __future__ import annotations

__all__ = [
    "ABBREVIATED_TITLES",
    "CONNECTORS",
    "FEMALE_GIVEN_NAMES",
    "FEMALE_HONORIFICS",
    "HONORIFICS",
    "MALE_GIVEN_NAMES",
    "MALE_HONORIFICS",
    "NOT_NAMES",
    "OFFICE_WORDS",
    "ORGANISATION_WORDS",
    "PERSON_NOUNS",
    "PRONOUNS",
    "RELATIVE_WORDS",
    "ROLE_ABBREVIATIONS",
    "ROLE_PREDICATES",
    "ROLE_WORDS",
    "SPEECH_VERBS",
]

#: Verbs (and fixed phrases) that attribute quoted words to a speaker.
SPEECH_VERBS: tuple[str, ...] = (
    "went on to say",
    "went on to add",
    "acknowledged",
    "added",
    "adds",
    "admitted",
    "announced",
    "argued",
    "asked",
    "commented",
    "comments",
    "concluded",
    "confirmed",
    "continued",
    "declared",
    "emphasised",
    "emphasized",
    "explained",
    "explains",
    "highlighted",
    "insisted",
    "noted",
    "pledged",
    "remarked",
    "revealed",
    "said",
    "says",
    "stated",
    "stressed",
    "told",
    "urged",
    "warned",
    "welcomed",
)

#: Abbreviations expanded in roles, longest first where one contains another.
ROLE_ABBREVIATIONS: dict[str, str] = {
    "Ch Supt": "Chief Superintendent",
    "Det Ch Insp": "Detective Chief Inspector",
    "Det Ch Supt": "Detective Chief Superintendent",
    "Det Insp": "Detective Inspector",
    "Det Supt": "Detective Superintendent",
    "Det Sgt": "Detective Sergeant",
    "Ch Insp": "Chief Inspector",
    "PFCC": "Police, Fire and Crime Commissioner",
    "DPCC": "Deputy Police and Crime Commissioner",
    "PCSO": "Police Community Support Officer",
    "PCC": "Police and Crime Commissioner",
    "DCI": "Detective Chief Inspector",
    "DI": "Detective Inspector",
    "DS": "Detective Sergeant",
    "Supt": "Superintendent",
    "Insp": "Inspector",
    "Sgt": "Sergeant",
    "PC": "Police Constable",
    "ACC": "Assistant Chief Constable",
    "DCC": "Deputy Chief Constable",
    "Cllr": "Councillor",
    "Sen": "Senator",
    "Rep": "Representative",
    "Gov": "Governor",
}

#: Titles dropped from a speaker's name (they are neither name nor role), so that
#: "Dr Jane Smith" and a later "Dr Smith" or "Jane" are one person.
MALE_HONORIFICS: frozenset[str] = frozenset({"Mr", "Sir"})
FEMALE_HONORIFICS: frozenset[str] = frozenset({"Mrs", "Ms", "Miss", "Dame", "Baroness"})
HONORIFICS: frozenset[str] = MALE_HONORIFICS | FEMALE_HONORIFICS | {"Mx", "Dr", "Prof", "Professor", "Rev"}

#: Short forms written with a full stop that never ends a sentence ("Sen. Brian Schatz",
#: "Supt. Lee", "Robert P. Casey Jr."); a single capital letter before a full stop is an
#: initial, so it is no sentence end either.
ABBREVIATED_TITLES: frozenset[str] = (
    HONORIFICS
    | {a for a in ROLE_ABBREVIATIONS if " " not in a}
    | {"Capt", "Col", "Cmdr", "Det", "Ch", "Gen", "Hon", "Jr", "Lt", "Maj", "Rt", "Sr", "St"}
)

#: Common given names that say whether "he" or "she" can mean a person ("Lisa Townsend …
#: she said"). A name missing here only leaves the person's gender unknown; a name used by
#: both (Kim, Sam, Alex, Jo) is in neither list.
FEMALE_GIVEN_NAMES: frozenset[str] = frozenset(
    {
        "Abigail", "Alice", "Alison", "Amanda", "Amy", "Andrea", "Angela", "Ann", "Anna", "Anne", "Barbara",
        "Bernadette", "Beth", "Bethany", "Betsy", "Brenda", "Caitlin", "Carly", "Carol", "Caroline", "Catherine",
        "Cathy", "Charlotte", "Chelsea", "Cheryl", "Christine", "Claire", "Clare", "Debbie", "Deborah", "Debra",
        "Denise", "Diana", "Diane", "Donna", "Dorothy", "Elaine", "Eleanor", "Elizabeth", "Ellen", "Emily", "Emma",
        "Fiona", "Gillian", "Gina", "Hannah", "Harriet", "Hayley", "Heather", "Helen", "Irene", "Jacqueline", "Jane",
        "Janet", "Jayne", "Jean", "Jennifer", "Jessica", "Jill", "Joan", "Joanna", "Joanne", "Josephine", "Joyce",
        "Judith", "Judy", "Julia", "Julie", "Karen", "Kate", "Katherine", "Kathleen", "Kathryn", "Katie", "Katy",
        "Kay", "Kayleigh", "Kirsty", "Laura", "Lauren", "Lesley", "Linda", "Lisa", "Liz", "Lorraine", "Louise",
        "Lucy", "Lynn", "Lynne", "Madeleine", "Maggie", "Margaret", "Maria", "Marie", "Marion", "Martha", "Mary",
        "Megan", "Melanie", "Michelle", "Nancy", "Natalie", "Nicola", "Nicole", "Nikki", "Olivia", "Pamela",
        "Patricia", "Paula", "Penny", "Rachel", "Rebecca", "Ruth", "Sally", "Samantha", "Sandra", "Sarah", "Sharon",
        "Shirley", "Sophie", "Stephanie", "Susan", "Suzanne", "Tanya", "Theresa", "Tina", "Tracey", "Tracy",
        "Valerie", "Victoria", "Wendy", "Yvette", "Yvonne", "Zoe",
    }
)
MALE_GIVEN_NAMES: frozenset[str] = frozenset(
    {
        "Aaron", "Adam", "Adrian", "Alan", "Alastair", "Albert", "Alistair", "Andrew", "Andy", "Anthony", "Arthur",
        "Barry", "Ben", "Benjamin", "Bernard", "Bill", "Bob", "Boris", "Brian", "Bruce", "Carl", "Charles", "Charlie",
        "Chris", "Christopher", "Colin", "Craig", "Dan", "Daniel", "Darren", "Dave", "David", "Dean", "Dennis",
        "Derek", "Dick", "Donald", "Douglas", "Duncan", "Edward", "Eric", "Frank", "Fred", "Gareth", "Gary", "Gavin",
        "Geoffrey", "George", "Gerald", "Giles", "Gordon", "Graham", "Greg", "Harold", "Harry", "Henry", "Hugh",
        "Ian", "Jack", "Jacob", "James", "Jamie", "Jason", "Jeff", "Jeremy", "Jim", "Joe", "John", "Jonathan",
        "Joseph", "Josh", "Keith", "Ken", "Kevin", "Mark", "Martin", "Matt", "Matthew", "Michael", "Mike", "Neil",
        "Nick", "Nigel", "Oliver", "Patrick", "Paul", "Peter", "Phil", "Philip", "Ralph", "Richard", "Rick", "Rob",
        "Robert", "Roger", "Ron", "Ronald", "Roy", "Russell", "Scott", "Sean", "Simon", "Stephen", "Steve", "Steven",
        "Stuart", "Ted", "Terry", "Thomas", "Tim", "Timothy", "Tom", "Tony", "Trevor", "Vincent", "Walter", "Wayne",
        "William",
    }
)

#: Capitalised words that make up offices and ranks (never part of a personal name).
ROLE_WORDS: frozenset[str] = frozenset(
    {
        "Acting", "Advocate", "Assistant", "Board", "Cabinet", "Chair", "Chairman", "Chairwoman",
        "Chief", "Commander", "Commissioner", "Commissioners", "Community", "Constable", "Constables",
        "Coordinator", "Co-ordinator", "Councillor", "Councillors", "Crime", "Deputy", "Detective",
        "Director", "Executive", "Fire", "Head", "Home", "Inspector", "Inspectors", "Lead", "Leader",
        "Governor", "Manager", "Mayor", "Member", "Minister", "Officer", "Officers", "Policing", "Police",
        "President", "Rescue", "Representative", "Secretary", "Senator", "Sergeant", "Service",
        "Superintendent", "Support",
        "Temporary", "Vice", "Victims", "Victims'", "Victims’", "MP", "OPCC", "APCC", "CEO",
        "T/Chief", "T/Ch", "DC", "Det", "Ch",
        # Offices in national news ("House Speaker Paul Ryan", "Senate Minority Whip Dick Durbin").
        "Adviser", "Advisor", "Aide", "Ambassador", "Attorney", "Chancellor", "Congressman",
        "Congresswoman", "Counsel", "General", "Judge", "Majority", "Minority", "Nominee", "Prime",
        "Sheriff", "Speaker", "Spokesman", "Spokesperson", "Spokeswoman", "Strategist", "Whip",
    }
    | set(ROLE_ABBREVIATIONS)
)

#: Offices a release refers to with "the …" ("the Commissioner", "the PCC").
OFFICE_WORDS: frozenset[str] = frozenset(
    {
        "Commissioner", "PCC", "PFCC", "DPCC", "Chief Constable", "Deputy Chief Constable",
        "Assistant Chief Constable", "Mayor", "Deputy Mayor", "Minister", "Superintendent",
        "Chief Superintendent", "Inspector", "Detective Inspector", "Sergeant", "Councillor",
        "Deputy Commissioner", "Deputy PCC", "Chief Executive", "Home Secretary", "Chair",
        "Police and Crime Commissioner", "Chief Fire Officer",
    }
)

#: Lower-case words allowed inside a name-and-role phrase.
CONNECTORS: frozenset[str] = frozenset({"and", "of", "for", "the", "&"})

#: Words that open a relative clause after a name ("…, who co-ordinated the operation,").
RELATIVE_WORDS: frozenset[str] = frozenset({"who", "which", "whose", "whom", "where"})

#: Personal pronouns that can be a speaker, with the gender they imply.
PRONOUNS: dict[str, str] = {"he": "m", "she": "f"}

#: Unnamed people who can speak (the quote counts; the speaker stays unknown).
PERSON_NOUNS: frozenset[str] = frozenset(
    {
        "spokesperson", "spokesman", "spokeswoman", "officer", "victim", "resident", "source",
        "witness", "survivor", "volunteer", "member", "parent", "representative",
    }
)

#: Capitalised words that are never a personal name (sentence openers, plurals, months).
NOT_NAMES: frozenset[str] = frozenset(
    {
        "A", "All", "An", "And", "As", "At", "Both", "But", "By", "Each", "Every", "Everyone",
        "For", "From", "Her", "His", "I", "If", "In", "It", "Its", "Many", "Most", "Nobody", "On",
        "Our", "Overall", "Some", "That", "The", "Their", "These", "They", "This", "Those", "To",
        "We", "When", "While", "With", "You", "Your", "He", "She", "Speaking", "Responding",
        "Commenting", "However", "Also", "Today", "Yesterday", "Tomorrow", "Now", "Then",
        "Residents", "Victims", "People", "Officials", "Partners", "Figures", "Members", "Teams",
        "Campaigners", "Critics", "Experts", "Researchers", "Survivors", "Parents", "Students",
        "Staff", "Volunteers", "Reports", "Findings", "Statistics", "Data", "Police", "Officers",
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
        "Friday", "Saturday", "Sunday", "England", "Wales", "Britain", "UK", "Ends", "ENDS",
        "Notes", "Majesty", "Majesty's", "Majesty’s",
    }
)

#: Words that make a capitalised run an organisation, place, event or document, not a person.
ORGANISATION_WORDS: frozenset[str] = frozenset(
    {
        "Act", "Action", "Agency", "Alliance", "Association", "Authority", "Awareness", "Bill",
        "Bureau", "Campaign", "Centre", "Church", "College", "Commission", "Committee", "Constabulary",
        "Council", "County", "Court", "Day", "Department", "Force", "Forum", "Fund", "Government",
        "Group", "Hall", "Hospital", "House", "Initiative", "Inspectorate", "Limited", "Ltd",
        "Ministry", "Month", "Network", "Office", "Operation", "Panel", "Park", "Parliament",
        "Partnership", "Plan", "Programme", "Project", "Report", "Road", "Safety", "Scheme",
        "School", "Services", "Station", "Strategy", "Street", "Team", "Trust", "Unit",
        "University", "Watch", "Week",
        # Bodies, media and places in national news ("Goldman Sachs", "New Hampshire", "Islamic State").
        "Administration", "Affairs", "Airport", "America", "American", "Americans", "Amendment",
        "Army", "Avenue", "Bank", "Bay", "Beach", "Capital", "Caucus", "Center", "Channel", "City",
        "Club", "Coalition", "Coast", "Company", "Conference", "Congress", "Convention", "Corp",
        "Corporation", "Democratic", "Democrats", "District", "East", "Election",
        "Foundation", "Guard", "Inc", "Institute", "Intelligence", "Island", "Islands", "Islamic",
        "Journal", "Kingdom", "Lake", "Liberties", "Magazine", "Media", "Movement", "Navy", "New",
        "News", "North", "Northern", "Party", "Post", "Press", "Primary", "Province", "Radio",
        "Region", "Republic", "Republican", "Republicans", "Review", "River", "Sachs", "Security",
        "Senate", "South", "Southern", "Square", "State", "States", "Summit", "Television", "Times",
        "Town", "Tribune", "Union", "United", "Valley", "Village", "West", "Western", "Eastern",
    }
)

#: Words joining a name to the office it holds ("Matthew Scott has been elected as the PCC for Kent").
#: Each is followed by an optional "as", "the"/"a" and "new" before the office.
ROLE_PREDICATES: tuple[str, ...] = (
    "has been elected", "has been re-elected", "has been appointed", "has been named",
    "has been confirmed", "was elected", "was re-elected", "was appointed", "was named",
    "was confirmed", "is", "was", "became", "becomes", "will become", "has become",
    "takes over", "took over", "serves", "served",
)
