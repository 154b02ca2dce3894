"""Haven settings, read from the environment.

Every setting a council may change is an environment variable named ``HAVEN_*`` (or
``DATABASE_URL``). Defaults suit the demo: SQLite in ``var/``, debug off unless asked for.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HAVEN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("HAVEN_DEBUG")
SECRET_KEY = os.environ.get("HAVEN_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and env_bool("HAVEN_PRODUCTION"):
        raise RuntimeError("HAVEN_SECRET_KEY must be set when HAVEN_PRODUCTION is on.")
    SECRET_KEY = "haven-insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("HAVEN_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("HAVEN_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "haven.core",
    "haven.ui",
    "haven.accounts",
    "haven.audit",
    "haven.people",
    "haven.allocation",
    "haven.deadlines",
    "haven.casework",
    "haven.frontdoor",
    "haven.protection",
    "haven.care",
    "haven.missing",
    "haven.exploitation",
    "haven.oversight",
    "ninja",
    "haven.api",
    "haven.scenarios",
    "haven.synthetic",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "haven.ui.middleware.KeepFormOnTimeoutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "haven.ui.context_processors.haven",
            ],
        },
    }
]
FORM_RENDERER = "haven.ui.forms.GovukFormRenderer"

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'haven.sqlite3'}"),
        conn_max_age=int(os.environ.get("HAVEN_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Access-policy queries are short but carry large cost estimates, which switch on
    # PostgreSQL's JIT compiler: compiling took 30 ms of a 40 ms search (bench/README.md).
    # Random reads cost little more than sequential ones on solid-state storage; at the
    # default (4) the planner scanned every contact's children for a month's figures
    # rather than use the index (72 ms against 24 ms). HAVEN_PG_RANDOM_PAGE_COST overrides.
    random_page_cost = float(os.environ.get("HAVEN_PG_RANDOM_PAGE_COST", "1.1"))
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c jit=off -c random_page_cost={random_page_cost}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "deadlines:my-work"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "haven.accounts.passwords.CharacterClassValidator"},
]

# Sessions end after a period of inactivity; pages warn before it happens.
SESSION_COOKIE_AGE = int(os.environ.get("HAVEN_SESSION_SECONDS", str(30 * 60)))
SESSION_WARNING_SECONDS = int(os.environ.get("HAVEN_SESSION_WARNING_SECONDS", "120"))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
if env_bool("HAVEN_PRODUCTION"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("HAVEN_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = 31536000
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("HAVEN_STATIC_ROOT", VAR_DIR / "static"))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Child data must never reach logs: log records carry ids and verbs only, and Django's
# request logger (which prints URLs and POST bodies on errors) is quietened.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("HAVEN_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# Local authority this installation serves (the defaults are the synthetic council's, West
# Northamptonshire, whose postcode districts the demo uses).
HAVEN_LA_NAME = os.environ.get("HAVEN_LA_NAME", "Haven Demo Council")
HAVEN_LA_CODE = os.environ.get("HAVEN_LA_CODE", "E06000062")
HAVEN_LA_OLD_CODE = os.environ.get("HAVEN_LA_OLD_CODE", "940")

# When the front door's working day ends ("HH:MM", London time): the screening queue counts
# hours left to this time on a contact's due working day (docs/frontdoor.md).
HAVEN_FRONT_DOOR_DAY_ENDS = os.environ.get("HAVEN_FRONT_DOOR_DAY_ENDS", "17:00")

# Cases waiting for allocation (docs/statutory/unallocated-risk-review.md and
# unallocated-escalation.md): a manager's risk review every N working days while a case waits,
# and escalation to the head of service after M. Local practice, so each council sets them.
HAVEN_UNALLOCATED_REVIEW_WORKING_DAYS = int(
    os.environ.get("HAVEN_UNALLOCATED_REVIEW_WORKING_DAYS", "5")
)
HAVEN_UNALLOCATED_ESCALATION_WORKING_DAYS = int(
    os.environ.get("HAVEN_UNALLOCATED_ESCALATION_WORKING_DAYS", "10")
)
# Child protection and child in need (docs/statutory/cp-visit.md, cin-visit.md, core-group.md and
# cin-plan-review.md): how often a child on a plan is visited and seen, how often the core group
# meets after its first meeting, and how often a child in need plan is reviewed. No national
# timescale sets these, so each council does.
HAVEN_CP_VISIT_WORKING_DAYS = int(os.environ.get("HAVEN_CP_VISIT_WORKING_DAYS", "10"))
HAVEN_CIN_VISIT_WEEKS = int(os.environ.get("HAVEN_CIN_VISIT_WEEKS", "4"))
HAVEN_CORE_GROUP_WEEKS = int(os.environ.get("HAVEN_CORE_GROUP_WEEKS", "6"))
HAVEN_CIN_REVIEW_MONTHS = int(os.environ.get("HAVEN_CIN_REVIEW_MONTHS", "3"))
# Looked-after children and care leavers (docs/statutory/placement-plan.md, pep-review.md,
# personal-adviser-contact.md and irregular-placement-review.md): the working days to make a
# placement plan not made before the placement, how often a PEP is reviewed and a personal
# adviser is in touch, and how often a senior officer reviews a placement in an unregistered
# setting. Set locally, not nationally, so each council decides.
HAVEN_PLACEMENT_PLAN_WORKING_DAYS = int(os.environ.get("HAVEN_PLACEMENT_PLAN_WORKING_DAYS", "5"))
HAVEN_PEP_REVIEW_WEEKS = int(os.environ.get("HAVEN_PEP_REVIEW_WEEKS", "13"))
HAVEN_PA_CONTACT_WEEKS = int(os.environ.get("HAVEN_PA_CONTACT_WEEKS", "8"))
HAVEN_IRREGULAR_PLACEMENT_REVIEW_DAYS = int(
    os.environ.get("HAVEN_IRREGULAR_PLACEMENT_REVIEW_DAYS", "7")
)
# Working days for a manager to consider a strategy discussion once a child has gone missing
# three times in 90 days (docs/statutory/repeat-missing-review.md).
HAVEN_REPEAT_MISSING_REVIEW_WORKING_DAYS = int(
    os.environ.get("HAVEN_REPEAT_MISSING_REVIEW_WORKING_DAYS", "1")
)
# Weeks to the review of a child's exploitation screening, by the risk it found, and working days
# for a worker to consider their child's link with a child at high risk
# (docs/statutory/exploitation-review-*.md and shared-risk-review.md).
HAVEN_EXPLOITATION_REVIEW_HIGH_WEEKS = int(
    os.environ.get("HAVEN_EXPLOITATION_REVIEW_HIGH_WEEKS", "4")
)
HAVEN_EXPLOITATION_REVIEW_MEDIUM_WEEKS = int(
    os.environ.get("HAVEN_EXPLOITATION_REVIEW_MEDIUM_WEEKS", "12")
)
HAVEN_EXPLOITATION_REVIEW_LOW_WEEKS = int(
    os.environ.get("HAVEN_EXPLOITATION_REVIEW_LOW_WEEKS", "26")
)
HAVEN_SHARED_RISK_REVIEW_WORKING_DAYS = int(
    os.environ.get("HAVEN_SHARED_RISK_REVIEW_WORKING_DAYS", "1")
)
# Who may sign off a placement in an unregistered setting: the director of children's services
# always; and the senior officers the director has named as delegates, by username
# (comma-separated), for example an assistant director (docs/care.md).
HAVEN_IRREGULAR_PLACEMENT_DELEGATES = [
    name.strip()
    for name in os.environ.get("HAVEN_IRREGULAR_PLACEMENT_DELEGATES", "").split(",")
    if name.strip()
]
# A child on neglect plans for this many months, with outcomes rated no better than at the
# start, is flagged as living with long-term neglect without improvement (docs/protection.md).
HAVEN_LONG_TERM_NEGLECT_MONTHS = int(os.environ.get("HAVEN_LONG_TERM_NEGLECT_MONTHS", "12"))
# Working Together 2023 lets practitioners other than registered social workers lead some
# section 17 (child in need) work; statutory work (section 47, child protection, looked after)
# always goes to a registered social worker. Off by default: every case to a social worker.
HAVEN_SECTION_17_LED_BY_OTHERS = env_bool("HAVEN_SECTION_17_LED_BY_OTHERS", False)


def env_numbers(name: str, defaults: dict[str, float]) -> dict[str, float]:
    """A table of numbers: the defaults, with any ``key=number`` pairs given in ``name``
    (comma-separated, e.g. ``HAVEN_CASELOAD_MAX="social_worker=20,asye=10"``) over them."""
    table = dict(defaults)
    for pair in os.environ.get(name, "").split(","):
        if pair.strip():
            key, _, number = pair.partition("=")
            table[key.strip()] = float(number)
    return table


# Caseloads and capacity (docs/caseloads.md). The most cases a full-time worker in each job
# holds, in weighted cases; capacity is this times FTE. A job not listed holds no cases
# (managers, IROs, screeners). ASYE: newly qualified social workers in their assessed first
# year carry a protected, smaller caseload.
HAVEN_CASELOAD_MAX = env_numbers(
    "HAVEN_CASELOAD_MAX",
    {
        "social_worker": 18,
        "senior_practitioner": 16,
        "asye": 12,
        "family_support": 15,  # child in need (section 17) work only
        "personal_adviser": 18,  # care leavers, who weigh 0.75 each: 24 young people
    },
)
# What one child's case weighs, by the kind of case (allocation.enums.CaseKind); a child with
# several open cases counts at the heaviest. "care_proceedings" is added on top while the
# council is in care proceedings for the child.
HAVEN_CASE_WEIGHTS = env_numbers(
    "HAVEN_CASE_WEIGHTS",
    {
        "cin": 1.0,
        "cp": 1.5,
        "looked_after": 1.25,
        "care_leaver": 0.75,
        "care_proceedings": 0.75,
    },
)
# Brothers and sisters held by the same worker: the heaviest counts in full and each other
# child this fraction of their weight (one family, shared visits and meetings).
HAVEN_SIBLING_EXTRA_CHILD_FACTOR = float(os.environ.get("HAVEN_SIBLING_EXTRA_CHILD_FACTOR", "0.5"))

# The DfE agency rules for child and family social workers (in effect 31 October 2024;
# docs/workforce.md). An agency or locum social worker needs this many years' post-qualifying
# experience on the day they start; and someone who left a permanent social work post in the
# region waits this many months before returning as agency staff. Haven checks the first; its
# records cannot show the second (docs/workforce.md says why), so the setting states the
# council's rule for whoever checks it.
HAVEN_AGENCY_MIN_PQE_YEARS = int(os.environ.get("HAVEN_AGENCY_MIN_PQE_YEARS", "3"))
HAVEN_AGENCY_COOLING_OFF_MONTHS = int(os.environ.get("HAVEN_AGENCY_COOLING_OFF_MONTHS", "3"))
