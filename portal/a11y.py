"""The 适老化/无障碍 modes a visitor can switch on; remembered in the gk_a11y cookie (plain Python)."""
COOKIE = "gk_a11y"
MODES = ("large", "contrast", "guide")


def modes_from_cookie(value):
    """Known modes in a fixed order, so the cached-page key has few variants: "guide.large" → ("large", "guide")."""
    if not value:
        return ()
    given = set(value.replace(",", ".").split("."))
    return tuple(m for m in MODES if m in given)
