from flask_babel import lazy_gettext as _l

TOPIC_NAMES = {
    "hoat-dong": _l("Front activities"),
    "an-sinh": _l("Social welfare"),
    "phap-luat": _l("Law and policy"),
    "chuyen-doi-so": _l("Digital transformation"),
    "suc-khoe": _l("Community health"),
    "thien-tai": _l("Disaster preparedness"),
}
