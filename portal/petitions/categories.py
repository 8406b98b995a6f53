from flask_babel import lazy_gettext as _l

CATEGORY_NAMES = {
    "dat-dai": _l("Land"),
    "moi-truong": _l("Environment"),
    "an-sinh": _l("Social welfare"),
    "ha-tang": _l("Roads, water, electricity and other infrastructure"),
    "y-te": _l("Health"),
    "giao-duc": _l("Education"),
    "can-bo": _l("Conduct of officials"),
    "khac": _l("Other"),
}
