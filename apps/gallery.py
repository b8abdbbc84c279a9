"""Every Vuetify widget on one page, grouped, each wired to state shown beside it.

    python apps/gallery.py --server --port 8080

Ids on everything the e2e tests (e2e/test_gallery.py) touch; each group is
a card with id ``g-<name>``. ``?ui=compact`` serves a second layout.
"""

from htmxtrame.app import get_server
from htmxtrame.ui.html import DivLayout
from htmxtrame.ui.vuetify3 import SinglePageWithDrawerLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v

server = get_server()
state, ctrl = server.state, server.controller

FRUITS = [{"title": "Apple", "value": 1}, {"title": "Banana", "value": 2}, {"title": "Cherry", "value": 3}]
ROWS = [{"name": f"Item {i:02d}", "calories": (i * 37) % 400, "fat": (i * 7) % 30} for i in range(1, 24)]
HEADERS = [{"title": "Name", "key": "name"}, {"title": "Calories", "key": "calories", "align": "end"},
           {"title": "Fat (g)", "key": "fat", "align": "end"}]

CITIES = [f"{a} {b} {n}" for a in ("North", "South", "East", "West", "New", "Old", "Port", "Lake", "Fort", "Saint")
          for b in ("Ash", "Birch", "Cedar", "Elm", "Fir", "Oak", "Pine", "Maple", "Willow", "Yew") for n in range(100)]
LANGS = ["Python", "JavaScript", "Rust", "Go", "C++", "Julia", "Haskell", "Lua"]
GLYPHS = ["mdi-weather-sunny", "mdi-weather-night", "mdi-rocket-launch", "mdi-coffee", "mdi-no-such-icon"]

TREE = [{"title": "src", "value": "src", "children": [
            {"title": "app.py", "value": "app.py"},
            {"title": "widgets", "value": "widgets", "children": [{"title": "chips.py", "value": "chips.py"},
                                                                    {"title": "trees.py", "value": "trees.py"}]}]},
        {"title": "docs", "value": "docs", "children": [{"title": "widgets.md", "value": "widgets.md"}]},
        {"title": "README.md", "value": "README.md"}]

state.update({"clicks": 0, "events": "", "closed_chips": 0, "menu_pick": "", "rows": ROWS, "slider_start": None,
              "notifications": 3, "vrows": [f"Row {i}" for i in range(10_000)], "signup_result": ""})


def show(text, sid):
    """The state beside a widget: ``<code id=sid>`` with *text* ({{ }} allowed)."""
    html.Code(text, id=sid, classes="ml-2 text-body-2")


def group(name, title):
    """A card for one group of widgets (screenshotted by the tests)."""
    return v.VCard(id=f"g-{name}", title=title, classes="mb-4", variant="outlined")


def server_page(options):
    """The server-side table asks for a page: sort and slice ROWS here, send only that page."""
    rows = sorted(ROWS, key=lambda r: r[options["sortBy"][0]["key"]], reverse=options["sortBy"][0]["order"] == "desc") \
        if options.get("sortBy") else ROWS
    per, page = options["itemsPerPage"], options["page"]
    state.server_rows = rows[(page - 1) * per:page * per]
    state.server_total = len(rows)


def signed_up(result):
    state.signup_result = "sent" if result.get("valid") else "fix the form"


def log_event(name, value):
    state.events = f"{name}:{value}"


ctrl.log_event = log_event

# What "Set from Python" writes: every input-like widget must show it (v_model is two-way).
PRESET = {"name": "Linus", "age": 54, "notes": "set by the server", "fruit": 1, "colors": ["blue"], "size": "s",
          "agree": True, "dark": True, "volume": 80, "span": [10, 90], "align": "right", "tab": "three",
          "panel": 0, "progress": 90, "chip_pick": "Flask", "item_pick": 2, "slide_pick": 7, "list_sel": ["spam"],
          "stars": 5, "day": "2026-12-24", "color": "#4CAF50", "step": 3, "tree_open": ["src", "widgets"]}
_before_preset = {}


def preset():
    _before_preset.update({k: state[k] for k in PRESET})
    state.update(PRESET)


def undo_preset():
    state.update(_before_preset)


def add_toolbar_button():
    """Redefine the ``server.ui.toolbar_extra`` placeholder while the app runs."""
    server.ui.toolbar_extra.clear()
    with server.ui.toolbar_extra:
        v.VBtn("Added at runtime", id="runtime-btn", size="small", variant="tonal", click="clicks += 100")


ctrl.preset = preset
ctrl.undo_preset = undo_preset
ctrl.add_toolbar_button = add_toolbar_button


with SinglePageWithDrawerLayout(server, title="Widget gallery", width=220,
                                theme=("dark ? 'dark' : 'light'",)) as layout:
    layout.title.set_text("htmxtrame widget gallery")
    with layout.toolbar:
        v.VSpacer()
        server.ui.toolbar_extra(layout)  # filled by "Add a toolbar button"
        v.VBtn("Set from Python", id="btn-preset", size="small", variant="text", click=ctrl.preset)
        v.VBtn("Undo", id="btn-undo-preset", size="small", variant="text", click=ctrl.undo_preset)
        v.VBtn("Add a toolbar button", id="btn-add-toolbar", size="small", variant="text",
               click=ctrl.add_toolbar_button)
        v.VChip("{{ clicks }} clicks", id="toolbar-clicks", color="primary", size="small", classes="mr-2")
    with layout.drawer:
        with v.VList(density="compact", nav=True):
            v.VListSubheader("Groups")
            for gid, label, glyph in (("buttons", "Buttons", "mdi-gesture-tap-button"), ("inputs", "Inputs", "mdi-form-textbox"),
                                      ("choices", "Choices", "mdi-checkbox-marked"),
                                      ("rich", "Autocomplete", "mdi-form-dropdown"), ("sliders", "Sliders", "mdi-tune"),
                                      ("overlays", "Overlays", "mdi-layers"), ("data", "Data", "mdi-table"),
                                      ("selection", "Selection", "mdi-checkbox-multiple-marked"),
                                      ("pickers", "Pickers", "mdi-calendar"), ("feedback", "Feedback", "mdi-bell"),
                                      ("steps", "Steps and trees", "mdi-file-tree")):
                v.VListItem(title=label, prepend_icon=glyph, href=f"#g-{gid}")

    with layout.content:
        with v.VContainer(fluid=True, classes="pa-4"):
            # -- buttons, chips, icons, alerts
            with group("buttons", "Buttons, chips, icons, alerts"):
                with v.VCardText(classes="d-flex flex-wrap ga-2 align-center"):
                    v.VBtn("Click me", id="btn-click", color="primary", prepend_icon="mdi-plus",
                           click="clicks += 1")
                    v.VBtn("Outlined", variant="outlined", color="secondary", click="clicks += 10", id="btn-outlined")
                    v.VBtn("Text", variant="text", color="error")
                    v.VBtn(icon="mdi-heart", color="pink", id="btn-icon", click="clicks = 0", aria_label="Reset clicks")
                    v.VBtn("Disabled", disabled=True, click="clicks += 1000", id="btn-disabled")
                    v.VBtn("Loading", loading=("clicks > 2",), id="btn-loading")
                    show("clicks = {{ clicks }}", "clicks-text")
                with v.VCardText(classes="d-flex flex-wrap ga-2 align-center"):
                    v.VIcon("mdi-home", color="primary", id="icon-home")
                    v.VIcon("mdi-account", size="large", color="success")
                    v.VIcon(icon=("clicks % 2 ? 'mdi-lightbulb-on' : 'mdi-lightbulb-outline'",), id="icon-bulb",
                            color="warning")
                    v.VChip("Chip", color="primary")
                    v.VChip("Closable", closable=True, id="chip-close", v_model=("chip_open", True),
                            click_close="closed_chips += 1")
                    v.VChip("Label", label=True, prepend_icon="mdi-label", color="success", variant="flat")
                    show("chip_open = {{ chip_open }}, closed {{ closed_chips }}", "chip-text")
                with v.VCardText():
                    v.VAlert(type="success", title="Saved", text="Everything went fine.", closable=True,
                             v_model=("alert_open", True), id="alert", classes="mb-2")
                    v.VAlert(type="warning", text="Careful with that.", variant="tonal", density="compact")
                    show("alert_open = {{ alert_open }}", "alert-text")
                with v.VCardText():
                    v.VProgressLinear(v_model=("progress", 40), color="primary", height=8, id="progress", aria_label="Upload")
                    with html.Div(classes="d-flex ga-4 align-center mt-4"):
                        v.VProgressCircular(model_value=("progress",), size=48, color="success", id="progress-circle",
                                            aria_label="Upload")
                        v.VProgressCircular(indeterminate=True, color="primary")
                        v.VBtn("+10 %", size="small", id="btn-progress", click="progress = Math.min(100, progress + 10)")
                        show("progress = {{ progress }}", "progress-text")
                with v.VCardActions():
                    with v.VBtnToggle(v_model=("align", "left"), mandatory=True, id="toggle",
                                      update_modelValue=(ctrl.log_event, "['toggle', $event]")):
                        v.VBtn(icon="mdi-format-align-left", value="left", id="toggle-left", aria_label="Align left")
                        v.VBtn(icon="mdi-format-align-center", value="center", id="toggle-center", aria_label="Centre")
                        v.VBtn(icon="mdi-format-align-right", value="right", id="toggle-right", aria_label="Align right")
                    show("align = {{ align }}", "toggle-text")
                    v.VSpacer()
                    show("last event {{ events }}", "events-text")

            # -- text inputs
            with group("inputs", "Text inputs"):
                with v.VCardText():
                    with v.VRow():
                        with v.VCol(cols=12, md=6):
                            v.VTextField(v_model=("name", "Ada"), label="Name", hint="Your first name",
                                         prepend_inner_icon="mdi-account", clearable=True, id="tf-name",
                                         rules=("[v => !!v || 'Required']",), counter=20,
                                         update_modelValue="events = 'name:' + $event")
                            show("name = {{ name }}", "name-text")
                        with v.VCol(cols=12, md=6):
                            v.VTextField(v_model_number=("age", 36), type="number", label="Age", variant="outlined",
                                         density="compact", id="tf-age")
                            show("age = {{ age }} ({{ typeof age }})", "age-text")
                        with v.VCol(cols=12, md=6):
                            v.VTextarea(v_model=("notes", "Line one"), label="Notes", rows=3, id="ta-notes")
                            show("notes = {{ notes }}", "notes-text")
                        with v.VCol(cols=12, md=6):
                            v.VFileInput(v_model=("files", None), label="Attach a file", id="file")
                            show("files = {{ files ? files.map(f => f.name).join(', ') : 'none' }}", "file-text")

            # -- choices
            with group("choices", "Choices"):
                with v.VCardText():
                    with v.VRow():
                        with v.VCol(cols=12, sm=6, md=4, lg=3):
                            v.VSelect(v_model=("fruit", 2), items=("fruits", FRUITS), label="Fruit", id="sel-fruit")
                            show("fruit = {{ fruit }}", "fruit-text")
                        with v.VCol(cols=12, sm=6, md=4, lg=3):
                            v.VSelect(v_model=("colors", ["red"]), items=["red", "green", "blue"], multiple=True,
                                      label="Colors", id="sel-colors")
                            show("colors = {{ JSON.stringify(colors) }}", "colors-text")
                        with v.VCol(cols=12, sm=6, md=4, lg=3):
                            with v.VRadioGroup(v_model=("size", "m"), label="Size", inline=True, id="radio-size"):
                                v.VRadio(label="Small", value="s", id="radio-s")
                                v.VRadio(label="Medium", value="m", id="radio-m")
                                v.VRadio(label="Large", value="l", id="radio-l")
                            show("size = {{ size }}", "size-text")
                        with v.VCol(cols=12, sm=6, md=4, lg=3):
                            v.VCheckbox(v_model=("agree", False), label="I agree", id="cb-agree", color="primary")
                            show("agree = {{ agree }}", "agree-text")
                        with v.VCol(cols=12, sm=6, md=4, lg=3):
                            v.VSwitch(v_model=("dark", False), label="Dark mode", id="sw-dark", color="success")
                            show("dark = {{ dark }}", "dark-text")

            # -- autocomplete, combobox, icons from state (issue 17)
            with group("rich", "Autocomplete, combobox, icons from state"):
                with v.VCardText():
                    with v.VRow():
                        with v.VCol(cols=12, md=6):
                            v.VAutocomplete(v_model=("city", None), items=("cities", CITIES), label="City (10,000)",
                                            clearable=True, id="ac-city")
                            show("city = {{ city }}", "city-text")
                        with v.VCol(cols=12, md=6):
                            v.VAutocomplete(v_model=("langs", ["Python"]), items=LANGS, label="Languages",
                                            multiple=True, chips=True, closable_chips=True, id="ac-langs")
                            show("langs = {{ JSON.stringify(langs) }}", "langs-text")
                        with v.VCol(cols=12, md=6):
                            v.VCombobox(v_model=("tags", ["htmx"]), items=["htmx", "trame", "flask"], label="Tags",
                                        multiple=True, chips=True, closable_chips=True, id="cb-tags")
                            show("tags = {{ JSON.stringify(tags) }}", "tags-text")
                        with v.VCol(cols=12, md=6, classes="d-flex align-center ga-2"):
                            v.VAutocomplete(v_model=("glyph", "mdi-weather-sunny"), items=GLYPHS, label="Icon",
                                            id="ac-glyph", hide_details=True)
                            v.VIcon(icon=("glyph",), size="x-large", color="primary", id="glyph-icon")

            # -- sliders
            with group("sliders", "Sliders"):
                with v.VCardText():
                    v.VSlider(v_model=("volume", 30), min=0, max=100, step=1, label="Volume", thumb_label=True,
                              prepend_icon="mdi-volume-high", id="slider", start="slider_start = $event",
                              end=(ctrl.log_event, "['end', $event]"))
                    show("volume = {{ volume }}", "volume-text")
                    show("started at {{ slider_start }}", "slider-start-text")
                    v.VRangeSlider(v_model=("span", [20, 60]), min=0, max=100, label="Range", thumb_label=True,
                                   id="range")
                    show("span = {{ span[0] }}..{{ span[1] }}", "span-text")

            # -- overlays, tabs, panels
            with group("overlays", "Menus, tooltips, dialogs, tabs, panels"):
                with v.VCardText(classes="d-flex flex-wrap ga-4 align-center"):
                    with v.VMenu(id="menu"):
                        with v.Template(v_slot_activator="{ props }"):
                            v.VBtn("Open menu", v_bind="props", append_icon="mdi-menu-down", id="menu-btn")
                        with v.VList(density="compact"):
                            for i, fruit in enumerate(("Apple", "Banana", "Cherry")):
                                v.VListItem(title=fruit, id=f"menu-item-{i}", click=f"menu_pick = '{fruit}'")
                    show("menu_pick = {{ menu_pick }}", "menu-text")
                    with v.VMenu(open_on_hover=True, id="menu-hover"):
                        with v.Template(v_slot_activator="{ props }"):
                            v.VChip("Hover for a menu", v_bind="props", prepend_icon="mdi-cursor-default",
                                    id="menu-hover-chip")
                        with v.VList(density="compact"):
                            v.VListItem(title="Shown while hovered", id="menu-hover-item")
                    with v.VMenu(v_model=("menu_open", False), id="menu2"):
                        with v.Template(v_slot_activator="{ props }"):
                            v.VBtn("Bound menu", v_bind="props", variant="outlined", id="menu2-btn")
                        v.VList(items=["One", "Two"], density="compact")
                    v.VBtn("Open it from the server", size="small", variant="text", id="menu2-open",
                           click="menu_open = true")
                    show("menu_open = {{ menu_open }}", "menu2-text")
                    with v.VTooltip(text="A helpful tip", location="top"):
                        with v.Template(v_slot_activator="{ props }"):
                            v.VBtn("Hover me", v_bind="props", variant="tonal", id="tip-btn")
                    with v.VDialog(v_model=("dialog", False), max_width=400, id="dialog"):
                        with v.Template(v_slot_activator="{ props }"):
                            v.VBtn("Open dialog", v_bind="props", color="primary", id="dialog-btn")
                        with v.VCard(id="dialog-card"):
                            with v.Template(v_slot_title=True):  # named slots of a card
                                v.VIcon("mdi-information", color="primary", classes="mr-2")
                                html.Span("A dialog")
                            with v.Template(v_slot_actions=True):
                                v.VSpacer()
                                v.VBtn("Close", id="dialog-close", click="dialog = false")
                            v.VCardText("Close it with the button or by clicking outside.")
                    show("dialog = {{ dialog }}", "dialog-text")
                with v.VCardText():
                    with v.VTabs(v_model=("tab", "one"), id="tabs", color="primary"):
                        v.VTab("One", value="one", id="tab-one")
                        v.VTab("Two", value="two", id="tab-two")
                        v.VTab("Three", value="three", id="tab-three")
                    with v.VWindow(v_model="tab", classes="pa-4"):
                        v.VWindowItem("First tab content", value="one", id="win-one")
                        v.VWindowItem("Second tab content", value="two", id="win-two")
                        v.VWindowItem("Third tab content", value="three", id="win-three")
                    show("tab = {{ tab }}", "tab-text")
                with v.VCardText():
                    with v.VExpansionPanels(v_model=("panel", None), id="panels"):
                        v.VExpansionPanel(title="First panel", text="First panel body", id="panel-0")
                        with v.VExpansionPanel(id="panel-1"):
                            v.VExpansionPanelTitle("Second panel")
                            v.VExpansionPanelText("Second panel body")
                    show("panel = {{ panel }}", "panel-text")

            # -- data
            with group("data", "Lists and data table"):
                with v.VCardText():
                    with v.VRow():
                        with v.VCol(cols=12, md=4):
                            with v.VList(density="compact", id="list", border=True):
                                v.VListItem(title="Inbox", subtitle="3 new", prepend_icon="mdi-inbox", id="li-inbox",
                                            click="events = 'list:inbox'", active=("events === 'list:inbox'",))
                                with v.VListItem(title="Starred", prepend_icon="mdi-star", id="li-starred",
                                                 click="events = 'list:starred'",
                                                 active=("events === 'list:starred'",)):
                                    with v.Template(v_slot_append=True):  # a named slot
                                        v.VChip("{{ selected.length }}", size="small", id="li-starred-count")
                                v.VDivider()
                                v.VListItem(title="Spam", prepend_icon="mdi-alert-octagon")
                            v.VImg(src="__htmxtrame/static/favicon.svg", height=64, width=64, alt="logo",
                                   classes="mt-2", id="img")
                        with v.VCol(cols=12, md=8):
                            v.VTextField(v_model=("query", ""), label="Search", prepend_inner_icon="mdi-magnify",
                                         density="compact", hide_details=True, id="dt-search", classes="mb-2")
                            with v.VDataTable(headers=("headers", HEADERS), items=("rows",), search=("query",),
                                              items_per_page=5, density="compact", id="table", show_select=True,
                                              item_value="name", v_model=("selected", [])):
                                with v.Template(v_slot_no_data=True):
                                    html.Span("No item matches {{ query }}", id="table-empty")
                            show("selected = {{ selected.join(', ') }}", "selected-text")

            # -- forms and a server-side table
            with group("forms", "Form with rules, server-side table"):
                with v.VCardText():
                    with v.VRow():
                        with v.VCol(cols=12, md=5):
                            with v.VForm(v_model=("signup_valid", None), ref="signup", id="signup",
                                         submit=(signed_up, "[$event]")):
                                v.VTextField(v_model=("signup_name", ""), label="Name", id="signup-name",
                                             rules=("[v => !!v || 'Required']",), density="compact")
                                v.VTextField(v_model=("signup_mail", ""), label="E-mail", id="signup-mail",
                                             rules=("[v => v.includes('@') || 'Not an e-mail']",),
                                             density="compact")
                                v.VBtn("Sign up", type="submit", color="primary", id="signup-send")
                                v.VBtn("Reset", type="reset", variant="text", id="signup-reset")
                            show("valid = {{ signup_valid }} · {{ signup_result }}", "signup-text")
                        with v.VCol(cols=12, md=7):
                            v.VDataTableServer(
                                id="server-table", headers=("headers", HEADERS), items=("server_rows", []),
                                items_length=("server_total", 0), page=("server_page", 1), items_per_page=5,
                                sort_by=("server_sort", []), update_options=(server_page, "[$event]"),
                                density="compact",
                            )

            # -- selection groups, rating
            with group("selection", "Chip, item and slide groups, list selection, rating"):
                with v.VCardText():
                    with v.VChipGroup(v_model=("chip_pick", "Vue"), color="primary", filter=True, id="chip-group", aria_label="Favourite tool",
                                      update_modelValue=(ctrl.log_event, "['chips', $event]")):
                        for name in ("Python", "Vue", "htmx", "Flask"):
                            v.VChip(name, value=name, id=f"chip-{name.lower()}")
                    show("chip_pick = {{ chip_pick }}", "chip-pick-text")
                    with v.VChipGroup(v_model=("chip_tags", []), multiple=True, column=True, color="success",
                                      variant="outlined", id="chip-tags", aria_label="Tags"):
                        for name in ("fast", "small", "typed", "tested", "accessible"):
                            v.VChip(name, value=name, id=f"tag-{name}")
                    show("chip_tags = {{ JSON.stringify(chip_tags) }}", "chip-tags-text")
                with v.VCardText():
                    with v.VItemGroup(v_model=("item_pick", None), selected_class="bg-primary", id="item-group"), \
                            v.VRow(dense=True):
                        for n in range(1, 4):
                            with v.VCol(cols=4), v.VItem(value=n, v_slot="{ isSelected, selectedClass, toggle }"):
                                with v.VCard(classes=("['d-flex align-center justify-center', selectedClass]",),
                                             height=72, click="toggle", id=f"item-card-{n}", variant="tonal"):
                                    html.Span("{{ isSelected ? 'Selected' : 'Item " + str(n) + "' }}",
                                              classes="text-subtitle-1")
                    show("item_pick = {{ item_pick }}", "item-pick-text")
                with v.VCardText():
                    with v.VSlideGroup(v_model=("slide_pick", None), show_arrows=True, id="slide-group"):
                        for n in range(1, 16):
                            with v.VSlideGroupItem(value=n, v_slot="{ isSelected, toggle }"):
                                v.VBtn(f"Option {n}", rounded="xl", click="toggle", id=f"slide-{n}",
                                       classes=("isSelected ? 'bg-primary' : ''",))
                    show("slide_pick = {{ slide_pick }}", "slide-pick-text")
                with v.VCardText(), v.VRow():
                    with v.VCol(cols=12, md=6):
                        with v.VList(v_model_selected=("list_sel", ["inbox"]), density="compact", border=True,
                                     id="sel-list", mandatory=True, aria_label="Folder"):
                            v.VListItem(title="Inbox", value="inbox", prepend_icon="mdi-inbox", id="sel-inbox")
                            v.VListItem(title="Sent", value="sent", prepend_icon="mdi-send", id="sel-sent")
                            v.VListItem(title="Spam", value="spam", prepend_icon="mdi-alert-octagon", id="sel-spam")
                        show("list_sel = {{ JSON.stringify(list_sel) }}", "list-sel-text")
                    with v.VCol(cols=12, md=6):
                        v.VRating(v_model=("stars", 3), hover=True, color="amber", id="rating")
                        show("stars = {{ stars }}", "stars-text")
                        with html.Div(classes="d-flex align-center ga-2 mt-2"):
                            v.VRating(model_value=4, readonly=True, size="small", color="grey", density="compact",
                                      id="rating-readonly")
                            html.Span("(read-only)", classes="text-caption text-medium-emphasis")

            # -- pickers
            with group("pickers", "Date and colour pickers"):
                with v.VCardText(classes="d-flex flex-wrap ga-6 align-start"):
                    with html.Div():
                        v.VDatePicker(v_model=("day", "2026-12-02"), min="2026-11-05", max="2027-01-20",
                                      id="date-picker", title="Delivery date")
                        show("day = {{ day }}", "day-text")
                    with html.Div():
                        v.VColorPicker(v_model=("color", "#1867C0"), show_swatches=True, id="color-picker")
                        show("color = {{ color }}", "color-text")

            # -- snackbar, badges, avatars, timeline
            with group("feedback", "Snackbar, badges, avatars, timeline"):
                with v.VCardText(classes="d-flex flex-wrap ga-6 align-center"):
                    v.VBtn("Show snackbar", id="btn-snack", color="primary", click="snack = true")
                    with v.VSnackbar(v_model=("snack", False), timeout=2500, text="Saved on the server", id="snackbar",
                                     location="bottom end", timer=True):
                        with v.Template(v_slot_actions=True):
                            v.VBtn("Undo", variant="text", color="pink", id="snack-undo",
                                   click="snack = false; events = 'snackbar:undo'")
                    show("snack = {{ snack }}", "snack-text")
                    with v.VBadge(content=("notifications",), max=9, id="badge"):
                        v.VIcon("mdi-bell", size="large")
                    v.VBtn("+1", size="small", variant="tonal", id="btn-notify", click="notifications += 1")
                    with v.VBadge(dot=True, color="success", id="badge-dot"):
                        v.VIcon("mdi-email", size="large")
                    with v.VBadge(content="new", inline=True, color="info", id="badge-inline"):
                        html.Span("Inbox")
                    v.VAvatar(image="__htmxtrame/static/favicon.svg", size=48, alt="htmxtrame logo", id="avatar-img")
                    v.VAvatar(icon="mdi-account", color="primary", id="avatar-icon")
                    v.VAvatar(text="AL", color="success", size="small", id="avatar-text")
                    v.VAvatar(text="GH", color="deep-purple", rounded="lg", size=56)
                with v.VCardText(), v.VTimeline(id="timeline", line_color="grey-lighten-2"):
                    for when, what, color, glyph in (("09:00", "Order placed", "primary", "mdi-cart"),
                                                     ("11:30", "Packed", "info", "mdi-package-variant"),
                                                     ("14:00", "Shipped", "warning", "mdi-truck"),
                                                     ("16:45", "Delivered", "success", "mdi-check")):
                        with v.VTimelineItem(dot_color=color, icon=glyph, size="small", fill_dot=True):
                            html.Strong(what)
                            if what == "Packed":
                                html.Div("{{ notifications }} updates", classes="text-caption")
                            with v.Template(v_slot_opposite=True):
                                html.Span(when)

            # -- stepper, tree, virtual scroll
            with group("steps", "Stepper, tree view, virtual scroll"):
                with v.VCardText():
                    with v.VStepper(v_model=("step", 1), items=["Cart", "Address", "Payment"], id="stepper"):
                        with v.Template(v_slot_item_1=True):
                            html.P("Two books are in your cart.", id="step-1-text")
                        with v.Template(v_slot_item_2=True):
                            v.VTextField(v_model=("address", ""), label="Address", density="compact", id="step-address")
                        with v.Template(v_slot_item_3=True):
                            html.P("Pay {{ address ? 'and ship to ' + address : '' }}", id="step-3-text")
                    show("step = {{ step }}", "step-text")
                with v.VCardText(), v.VRow():
                    with v.VCol(cols=12, md=6):
                        v.VTextField(v_model=("tree_q", ""), label="Filter the tree", density="compact",
                                     prepend_inner_icon="mdi-magnify", hide_details=True, clearable=True,
                                     id="tree-search", classes="mb-2")
                        v.VTreeview(items=("tree", TREE), selectable=True, activatable=True, density="compact",
                                    search=("tree_q",),
                                    v_model_selected=("tree_sel", []), v_model_opened=("tree_open", ["src"]),
                                    v_model_activated=("tree_active", []), id="tree")
                        show("selected {{ JSON.stringify(tree_sel) }}, active {{ JSON.stringify(tree_active) }}",
                             "tree-text")
                    with v.VCol(cols=12, md=6):
                        with v.VVirtualScroll(items=("vrows",), height=240, item_height=40, id="vscroll",
                                              classes="border rounded"):
                            with v.Template(v_slot_default="{ item, index }"):
                                v.VListItem(title=("item",), prepend_icon="mdi-file-document", density="compact")
                        show("{{ vrows.length }} rows, only those in view rendered", "vscroll-text")

with DivLayout(server, template_name="compact") as compact:
    html.H1("Compact layout", id="compact-title")
    v.VBtn("Click", id="compact-btn", click="clicks += 1")
    show("clicks = {{ clicks }}", "compact-clicks")

if __name__ == "__main__":
    server.start()
