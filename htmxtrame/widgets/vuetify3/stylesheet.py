"""The utility half of ``static/vuetify.css``: Vuetify's helper classes, generated.

Spacing (``pa-0…16``, ``ma-n4``, ``mx-auto``, ``ga-*``), display and the
12-column grid per breakpoint (``d-md-flex``, ``v-col-sm-6``), flex and text
helpers (``align-center``, ``justify-space-between``, ``text-truncate``),
typography (``text-h5``), colours (``bg-primary``, ``text-error`` and
Vuetify 2's ``grey lighten-1`` / ``blue--text``) and ``elevation-0…24``.

The hand-written component styles are the part of the file above
:data:`MARKER`; ``python -m htmxtrame.widgets.vuetify3.stylesheet`` rewrites
the part below it (a unit test checks it is current).
"""

from __future__ import annotations

import sys
from pathlib import Path

MARKER = "/* ---- utilities (generated) ---- */"


def _white_contrast(hexv: str) -> float:
    """WCAG contrast ratio of white text on the colour ``#rrggbb`` (21 for anything else)."""
    if not (hexv.startswith("#") and len(hexv) == 7):
        return 21.0

    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hexv[i:i + 2], 16) for i in (1, 3, 5))
    lum = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (lum + 0.05)


def utilities() -> str:
    """The generated utility classes, one rule per line."""
    out: list[str] = []
    sides = {"a": ["{p}"], "x": ["{p}-left", "{p}-right"], "y": ["{p}-top", "{p}-bottom"], "t": ["{p}-top"],
             "b": ["{p}-bottom"], "l": ["{p}-left"], "r": ["{p}-right"], "s": ["{p}-inline-start"], "e": ["{p}-inline-end"]}
    for short, prop in (("m", "margin"), ("p", "padding")):
        for side, props in sides.items():
            for n in range(17):
                decl = ";".join(f"{x.format(p=prop)}:{n*4}px!important" for x in props)
                out.append(f".{short}{side}-{n}{{{decl}}}")
            if short == "m":
                decl = ";".join(f"{x.format(p=prop)}:auto!important" for x in props)
                out.append(f".m{side}-auto{{{decl}}}")
                for n in range(1, 17):
                    decl = ";".join(f"{x.format(p=prop)}:-{n*4}px!important" for x in props)
                    out.append(f".m{side}-n{n}{{{decl}}}")
    for n in range(0, 9):
        out.append(f".ga-{n}{{gap:{n*4}px!important}}")
    bps = [("", None), ("sm-", 600), ("md-", 960), ("lg-", 1280), ("xl-", 1920), ("xxl-", 2560)]
    for prefix, width in bps:
        rules = []
        for d in ("none", "inline", "inline-block", "block", "flex", "inline-flex", "grid", "table"):
            rules.append(f".d-{prefix}{d}{{display:{d}!important}}")
        if prefix:
            rules.append(f".v-col-{prefix}auto{{flex:0 0 auto;width:auto;max-width:100%}}")
        else:
            rules.append(".v-col-auto{flex:0 0 auto;width:auto;max-width:100%}")
        for n in range(1, 13):
            pct = f"{n/12*100:.4f}".rstrip("0").rstrip(".")
            rules.append(f".v-col-{prefix}{n}{{flex:0 0 {pct}%;max-width:{pct}%;padding:12px}}")
        for n in range(0, 12):
            pct = f"{n/12*100:.4f}".rstrip("0").rstrip(".")
            rules.append(f".offset-{prefix}{n}{{margin-inline-start:{pct}%}}")
        if width:
            out.append(f"@media (min-width:{width}px){{{''.join(rules)}}}")
        else:
            out += rules
    out.append(".v-row--dense>[class*=v-col-]{padding:4px}.v-row--no-gutters>[class*=v-col-]{padding:0}")
    flex = {
        "flex-row": "flex-direction:row", "flex-column": "flex-direction:column", "flex-row-reverse": "flex-direction:row-reverse",
        "flex-column-reverse": "flex-direction:column-reverse", "flex-wrap": "flex-wrap:wrap", "flex-nowrap": "flex-wrap:nowrap",
        "flex-fill": "flex:1 1 auto", "flex-grow-1": "flex-grow:1", "flex-grow-0": "flex-grow:0", "flex-shrink-1": "flex-shrink:1",
        "flex-shrink-0": "flex-shrink:0", "flex-1-1": "flex:1 1 auto", "flex-0-0": "flex:0 0 auto",
        "justify-start": "justify-content:flex-start", "justify-end": "justify-content:flex-end", "justify-center": "justify-content:center",
        "justify-space-between": "justify-content:space-between", "justify-space-around": "justify-content:space-around",
        "justify-space-evenly": "justify-content:space-evenly", "align-start": "align-items:flex-start", "align-end": "align-items:flex-end",
        "align-center": "align-items:center", "align-baseline": "align-items:baseline", "align-stretch": "align-items:stretch",
        "align-content-start": "align-content:flex-start", "align-content-end": "align-content:flex-end", "align-content-center": "align-content:center",
        "align-content-space-between": "align-content:space-between", "align-self-start": "align-self:flex-start",
        "align-self-end": "align-self:flex-end", "align-self-center": "align-self:center", "align-self-stretch": "align-self:stretch",
        "align-self-auto": "align-self:auto", "fill-height": "height:100%", "w-100": "width:100%", "w-50": "width:50%", "w-25": "width:25%",
        "w-75": "width:75%", "w-auto": "width:auto", "h-100": "height:100%", "h-auto": "height:auto", "h-screen": "height:100vh",
        "position-relative": "position:relative", "position-absolute": "position:absolute", "position-fixed": "position:fixed",
        "position-sticky": "position:sticky", "overflow-hidden": "overflow:hidden", "overflow-auto": "overflow:auto",
        "overflow-y-auto": "overflow-y:auto", "overflow-x-auto": "overflow-x:auto", "cursor-pointer": "cursor:pointer",
        "float-left": "float:left", "float-right": "float:right", "opacity-50": "opacity:.5",
        "text-left": "text-align:left", "text-right": "text-align:right", "text-center": "text-align:center", "text-start": "text-align:start",
        "text-end": "text-align:end", "text-justify": "text-align:justify", "text-uppercase": "text-transform:uppercase",
        "text-lowercase": "text-transform:lowercase", "text-capitalize": "text-transform:capitalize", "text-no-wrap": "white-space:nowrap",
        "text-wrap": "white-space:normal", "text-pre-wrap": "white-space:pre-wrap", "text-truncate": "white-space:nowrap;overflow:hidden;text-overflow:ellipsis",
        "text-decoration-none": "text-decoration:none", "text-decoration-underline": "text-decoration:underline",
        "font-weight-thin": "font-weight:100", "font-weight-light": "font-weight:300", "font-weight-regular": "font-weight:400",
        "font-weight-medium": "font-weight:500", "font-weight-bold": "font-weight:700", "font-weight-black": "font-weight:900",
        "font-italic": "font-style:italic", "font-monospace": "font-family:monospace",
        "text-high-emphasis": "color:rgba(0,0,0,.87)", "text-medium-emphasis": "color:rgba(0,0,0,.6)", "text-disabled": "color:rgba(0,0,0,.38)",
        "rounded-0": "border-radius:0", "rounded-sm": "border-radius:2px", "rounded": "border-radius:4px", "rounded-lg": "border-radius:8px",
        "rounded-xl": "border-radius:24px", "rounded-pill": "border-radius:9999px", "rounded-circle": "border-radius:50%",
        "rounded-shaped": "border-radius:24px 0", "border": "border:1px solid rgba(0,0,0,.12)", "border-0": "border:0",
        "border-t": "border-top:1px solid rgba(0,0,0,.12)", "border-b": "border-bottom:1px solid rgba(0,0,0,.12)",
    }
    for name, decl in flex.items():
        out.append(f".{name}{{{';'.join(d + '!important' for d in decl.split(';'))}}}")
    type_ = {"h1": "6rem;300;-.015625em", "h2": "3.75rem;300;-.0083333333em", "h3": "3rem;400;normal", "h4": "2.125rem;400;.0073529412em",
             "h5": "1.5rem;400;normal", "h6": "1.25rem;500;.0125em", "subtitle-1": "1rem;400;.009375em", "subtitle-2": ".875rem;500;.0071428571em",
             "body-1": "1rem;400;.03125em", "body-2": ".875rem;400;.0178571429em", "button": ".875rem;500;.0892857143em",
             "caption": ".75rem;400;.0333333333em", "overline": ".75rem;500;.1666666667em"}
    for name, spec in type_.items():
        size, weight, ls = spec.split(";")
        extra = ";text-transform:uppercase!important" if name in ("button", "overline") else ""
        out.append(f".text-{name}{{font-size:{size}!important;font-weight:{weight};letter-spacing:{ls}!important;line-height:1.3{extra}}}")
    # The theme colours are Vuetify's, darkened just enough for WCAG AA (4.5:1) with white text and as text on
    # white or on their own tonal tint (Vuetify's #4CAF50 success under white text is 2.8:1).
    colors = {"primary": "#1764BA", "secondary": "#2F6E6C", "accent": "#82B1FF", "success": "#317234", "error": "#B00020", "warning": "#975400",
              "info": "#1767A8", "surface": "#FFFFFF", "background": "#FFFFFF", "red": "#F44336", "pink": "#E91E63", "purple": "#9C27B0",
              "deep-purple": "#673AB7", "indigo": "#3F51B5", "blue": "#2196F3", "light-blue": "#03A9F4", "cyan": "#00BCD4", "teal": "#009688",
              "green": "#4CAF50", "light-green": "#8BC34A", "lime": "#CDDC39", "yellow": "#FFEB3B", "amber": "#FFC107", "orange": "#FF9800",
              "deep-orange": "#FF5722", "brown": "#795548", "blue-grey": "#607D8B", "grey": "#9E9E9E", "black": "#000000", "white": "#FFFFFF",
              "grey-lighten-5": "#FAFAFA", "grey-lighten-4": "#F5F5F5", "grey-lighten-3": "#EEEEEE", "grey-lighten-2": "#E0E0E0",
              "grey-lighten-1": "#BDBDBD", "grey-darken-1": "#757575", "grey-darken-2": "#616161", "grey-darken-3": "#424242",
              "grey-darken-4": "#212121", "blue-lighten-4": "#BBDEFB", "blue-darken-2": "#1976D2", "green-lighten-4": "#C8E6C9",
              "red-lighten-4": "#FFCDD2", "transparent": "transparent"}
    light = {"lime", "yellow", "amber", "white", "surface", "background", "transparent", "accent"} | {c for c in colors if "lighten" in c}
    for name, hexv in colors.items():
        # text on a palette colour: white unless white falls short of AA there (bg-green, bg-pink...)
        fg = "rgba(0,0,0,.87)" if name in light or _white_contrast(hexv) < 4.5 else "#fff"
        out.append(f".bg-{name}{{background-color:{hexv}!important;color:{fg}!important;--v-c:{hexv}}}")
        out.append(f".text-{name}{{color:{hexv}!important;--v-c:{hexv}}}")
    # Vuetify 2's colour classes (``classes="grey lighten-1"``, ``"blue--text text--darken-2"``)
    shades = {"lighten-5": .85, "lighten-4": .7, "lighten-3": .55, "lighten-2": .4, "lighten-1": .2,
              "darken-1": -.15, "darken-2": -.3, "darken-3": -.45, "darken-4": -.6}
    for name, hexv in colors.items():
        if "-lighten-" in name or "-darken-" in name or name in ("transparent", "surface", "background"):
            continue
        # text on a palette colour: white unless white falls short of AA there (bg-green, bg-pink...)
        fg = "rgba(0,0,0,.87)" if name in light or _white_contrast(hexv) < 4.5 else "#fff"
        out.append(f".{name}{{background-color:{hexv}!important;border-color:{hexv}!important}}")
        out.append(f".{name}--text{{color:{hexv}!important;caret-color:{hexv}!important}}")
        for shade, k in shades.items():
            mix = f"color-mix(in srgb, {hexv} {100 - abs(k) * 100:.0f}%, {'white' if k > 0 else 'black'})"
            out.append(f".{name}.{shade}{{background-color:{mix}!important}}.{name}--text.text--{shade}{{color:{mix}!important}}")
    for n in range(25):
        if n == 0:
            out.append(".elevation-0{box-shadow:none!important}")
            continue
        a, b, c = n / 2, n, n * 1.5
        out.append(f".elevation-{n}{{box-shadow:0 {a:g}px {b:g}px -{a/2:g}px rgba(0,0,0,.2),0 {b:g}px {c:g}px {a/4:g}px rgba(0,0,0,.14),0 {a/2:g}px {c:g}px {a/3:.2g}px rgba(0,0,0,.12)!important}}")
    return "\n".join(out) + "\n"


def write(path: Path) -> None:
    """Replace the generated part of the stylesheet at *path*."""
    text = path.read_text()
    if MARKER not in text:
        raise ValueError(f"{path} has no {MARKER!r} line; the generated part starts there")
    path.write_text(text.split(MARKER)[0] + MARKER + "\n" + utilities())


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[3] / "static" / "vuetify.css")
