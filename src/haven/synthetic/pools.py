"""Word pools the synthetic council draws from: names, streets, towns and postcodes.

Faker (``en_GB``) gives adults' names and street stems; children's names come from the lists
of names popular in England and Wales since 2005, so a ten-year-old is not called Geraldine.
Names for other heritages are short hand-picked lists so a family's names fit its ethnicity.
"""

from dataclasses import dataclass


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


BOYS = _words(
    "Oliver Jack Harry George Noah Charlie Jacob Alfie Freddie Oscar Leo Logan Archie Theo "
    "Thomas James Joshua Henry William Max Lucas Ethan Arthur Mason Isaac Harrison Teddy "
    "Finley Daniel Riley Edward Joseph Alexander Adam Reggie Samuel Jaxon Sebastian Elijah "
    "Harley Toby Arlo Dylan Jude Benjamin Rory Tommy Jake Louie Carter Jenson Hugo Bobby "
    "Frankie Ollie Zachary David Albie Lewis Luca Ronnie Jayden Tyler Ryan Kai Callum Connor "
    "Liam Kyle Kieran Bradley Reece Brandon Aaron Nathan Jamie Luke Owen Caleb Michael Ellis"
)
GIRLS = _words(
    "Olivia Amelia Isla Ava Mia Ivy Lily Isabella Rosie Sophia Grace Willow Freya Florence "
    "Emily Ella Poppy Evie Elsie Charlotte Evelyn Sienna Sofia Daisy Phoebe Sophie Alice "
    "Harper Matilda Ruby Emilia Maya Millie Isabelle Eva Luna Jessica Maisie Aria Esme Ellie "
    "Chloe Megan Lucy Holly Scarlett Layla Erin Imogen Lola Hannah Molly Bethany Lauren "
    "Courtney Jade Paige Leah Katie Amber Caitlin Keira Niamh Abigail Summer Lexi Darcy "
    "Harriet Violet Penelope Mila Bonnie Eliza Hallie Thea Nancy Gracie Orla Tilly Zara"
)
SOUTH_ASIAN_BOYS = _words(
    "Muhammad Mohammed Ayaan Zain Ibrahim Yusuf Hamza Ali Omar Aarav Arjun Rayan Zayn Haris"
)
SOUTH_ASIAN_GIRLS = _words(
    "Aisha Maryam Fatima Zara Hafsa Inaya Amira Anaya Priya Sana Noor Alisha Hana Safa"
)
SOUTH_ASIAN_FAMILY = _words(
    "Khan Ahmed Hussain Ali Patel Singh Sharma Rahman "
    "Islam Akhtar Iqbal Mahmood Chowdhury Begum Shah Bibi"
)
AFRICAN_BOYS = _words(
    "Emmanuel David Daniel Samuel Tobi Chidi Kwame Kofi Tariq Abdi Ayo Joshua Elijah Divine"
)
AFRICAN_GIRLS = _words(
    "Favour Blessing Precious Esther Grace Amara Adaeze Ama Hodan Ifeoma Nia Zainab Deborah Comfort"
)
AFRICAN_FAMILY = _words(
    "Okafor Adeyemi Mensah Osei Boateng Okoro Mohamed Abdi "
    "Nwosu Adebayo Owusu Asante Eze Afolabi Hassan Diallo"
)
CARIBBEAN_FAMILY = _words(
    "Campbell Brown Williams Clarke Thomas Francis Grant Reid Robinson Johnson Bailey Edwards"
)
EAST_EUROPEAN_BOYS = _words(
    "Jakub Kacper Szymon Filip Antoni Mateusz Andrei Luca Matei Darius Tomas Lukas"
)
EAST_EUROPEAN_GIRLS = _words(
    "Zuzanna Julia Maja Lena Zofia Hanna Ioana Maria Elena Alexandra Oliwia Natalia"
)
EAST_EUROPEAN_FAMILY = _words(
    "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski "
    "Zieliński Popescu Ionescu Popa Lupu Stan Kazlauskas"
)
EAST_ASIAN_FAMILY = _words("Wang Li Zhang Chen Liu Yang Huang Wu Lin Zhou")
UASC_BOYS = _words(
    "Ahmad Mohammad Abdullah Hamid Samir Yonas Tesfay "
    "Filmon Dawit Mustafa Ardit Klajdi Rahim Karwan Omid"
)
UASC_FAMILY = _words(
    "Ahmadzai Karimi Rahimi Haile Tesfamariam Gebremedhin Osman "
    "Adam Hoxha Berisha Ibrahim Rasuli Mahmoud Ahmadi"
)
UASC_LANGUAGES = ("Pashto", "Dari", "Tigrinya", "Arabic", "Kurdish", "Albanian")

STREET_STEMS = _words(
    "Abington Wellingborough Kettering Harborough Billing Weedon Kingsthorpe Spencer Barrack "
    "Stenson Ecton Park Delapre Rushmere Church Mill Station School Victoria Albert Queens "
    "Kings Manor Grange Orchard Meadow Willow Beech Oak Ash Elm Chestnut Cedar Holly Hazel "
    "Poplar Sycamore Mayfield Highfield Broadmead Fairfield Eastfield Westfield Southfield "
    "Lindsay Colwyn Adnitt Ardington Birchfield Collingwood Derwent Ennerdale Gloucester "
    "Hester Lumbertubs Obelisk Penvale Quorn Ruskin Sharman Thornton Upton Vernon Woodland"
)
STREET_SUFFIXES = (
    "Road",
    "Road",
    "Street",
    "Avenue",
    "Close",
    "Way",
    "Lane",
    "Drive",
    "Crescent",
    "Gardens",
    "Court",
    "Walk",
)
#: Where the synthetic council's families live: post towns and their real postcode districts.
AREAS: tuple[tuple[str, tuple[str, ...], float], ...] = (
    ("Northampton", ("NN1", "NN2", "NN3", "NN4", "NN5"), 0.72),
    ("Northampton", ("NN6", "NN7"), 0.1),
    ("Daventry", ("NN11",), 0.09),
    ("Towcester", ("NN12",), 0.05),
    ("Brackley", ("NN13",), 0.04),
)
#: Letters a postcode's inward unit may use (Royal Mail never uses C, I, K, M, O or V there).
POSTCODE_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
#: The council's localities, used to name teams.
LOCALITIES = ("Northampton North", "Northampton South", "Daventry and South", "Northampton West")

#: West Northamptonshire's LA number, as it appears at the start of its pupils' UPNs.
LA_NUMBER = "940"
COUNCIL_NAME = "West Northamptonshire (synthetic)"


@dataclass(frozen=True)
class NamePools:
    """The names one family draws from, chosen by its ethnicity."""

    boys: tuple[str, ...]
    girls: tuple[str, ...]
    family: tuple[str, ...]


def pools_for(ethnicity: str, english: NamePools) -> NamePools:
    """Names that fit a family of this ethnicity (English names where nothing better fits)."""
    if ethnicity in ("APKN", "ABAN", "AIND", "AOTH"):
        return NamePools(SOUTH_ASIAN_BOYS, SOUTH_ASIAN_GIRLS, SOUTH_ASIAN_FAMILY)
    if ethnicity in ("BAFR", "BOTH"):
        return NamePools(AFRICAN_BOYS, AFRICAN_GIRLS, AFRICAN_FAMILY)
    if ethnicity == "BCRB":
        return NamePools(english.boys, english.girls, CARIBBEAN_FAMILY)
    if ethnicity in ("WOTH", "WROM"):
        return NamePools(EAST_EUROPEAN_BOYS, EAST_EUROPEAN_GIRLS, EAST_EUROPEAN_FAMILY)
    if ethnicity == "CHNE":
        return NamePools(english.boys, english.girls, EAST_ASIAN_FAMILY)
    return english


FIRST_LANGUAGE = {
    "APKN": ("Urdu", "Punjabi", "English"),
    "ABAN": ("Bengali", "Sylheti", "English"),
    "AIND": ("Gujarati", "Punjabi", "English"),
    "BAFR": ("English", "Somali", "Yoruba", "Twi"),
    "WOTH": ("Polish", "Romanian", "Lithuanian", "English"),
    "WROM": ("Romanian", "Romani", "Slovak"),
    "CHNE": ("Cantonese", "Mandarin", "English"),
}
