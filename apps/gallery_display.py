"""The Vuetify long tail on one page: display, structure and navigation components, each wired to state.

    python apps/gallery_display.py --server --port 8080

Pagination, carousel, breadcrumbs, bottom navigation, list groups, data
iterator, table parts, overlays (overlay, bottom sheet, speed dial, command
palette), snackbar queue, confirm edit, hover, charts, video controls,
providers and every transition. Ids on everything the e2e tests
(e2e/test_gallery_display.py) touch; each group is a card with id
``g-<name>``; the state each widget writes is printed beside it.
"""

from htmxtrame.app import get_server
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v

server = get_server()
state, ctrl = server.state, server.controller

PEOPLE = [{"id": i, "name": name, "role": role, "kcal": (i * 37) % 400}
          for i, (name, role) in enumerate([("Ada", "Engineer"), ("Grace", "Admiral"), ("Linus", "Maintainer"),
                                            ("Barbara", "Researcher"), ("Ken", "Designer"), ("Dennis", "Author"),
                                            ("Margaret", "Director"), ("Alan", "Mathematician"),
                                            ("Frances", "Compiler writer"), ("Edsger", "Professor")], 1)]
HEADERS = [{"title": "Name", "key": "name"}, {"title": "Role", "key": "role"},
           {"title": "kcal", "key": "kcal", "align": "end"}]
COMMANDS = [{"title": "New file", "value": "new", "prependIcon": "mdi-file-plus"},
            {"title": "Open recent", "value": "recent", "prependIcon": "mdi-history"},
            {"title": "Toggle dark mode", "value": "dark", "prependIcon": "mdi-theme-light-dark"},
            {"title": "Show snackbar", "value": "snack", "prependIcon": "mdi-message"}]
TRANSITIONS = ["VFadeTransition", "VScaleTransition", "VSlideXTransition", "VSlideYReverseTransition",
               "VScrollYTransition", "VExpandTransition", "VExpandXTransition", "VFabTransition",
               "VDialogBottomTransition"]

state.update({"dark": False, "page": 1, "slide": 0, "cycling": False, "nav": "home", "crumbs_at": 3,
              "iter_page": 1, "iter_q": "", "footer_page": 1, "feed": [f"Entry {i}" for i in range(1, 6)],
              "loads": 0, "refreshed": 0, "overlay": False, "sheet": False, "palette": False, "picked": "",
              "messages": [], "sent": 0, "name": "Ada", "saved": "", "hovered": False, "fav": False,
              "sales": [3, 7, 4, 9, 6, 11, 8], "share": [{"title": "Chromium", "value": 62},
                                                          {"title": "Firefox", "value": 23},
                                                          {"title": "Safari", "value": 15}],
              "playing": False, "position": 0, "volume": 80, "loading": True, "shown": True, "rtl": False,
              "opened": [], "events": ""})


def show(text, sid):
    """The state beside a widget: ``<code id=sid>`` with *text* ({{ }} allowed)."""
    html.Code(text, id=sid, classes="ml-2 text-body-2")


def group(name, title):
    """A card for one group of widgets (screenshotted by the tests)."""
    return v.VCard(id=f"g-{name}", title=title, classes="mb-4", variant="outlined")


def load_more(side):
    """VInfiniteScroll's ``load``: five more entries at the end."""
    start = len(state.feed) + 1
    state.feed = state.feed + [f"Entry {i}" for i in range(start, min(start + 5, 51))]
    state.loads += 1


def refresh(side):
    state.refreshed += 1


def pick_command(item):
    state.picked = item.get("value", "") if isinstance(item, dict) else ""
    if state.picked == "dark":
        state.dark = not state.dark
    elif state.picked == "snack":
        push_message()


def push_message():
    state.sent += 1
    colour = ("success", "info", "error")[state.sent % 3]
    state.messages = state.messages + [{"text": f"Message {state.sent}", "color": colour, "timeout": 2500}]


ctrl.load_more, ctrl.refresh, ctrl.pick_command, ctrl.push_message = load_more, refresh, pick_command, push_message

with SinglePageLayout(server, title="Vuetify long tail", theme=("dark ? 'dark' : 'light'",)) as layout:
    layout.title.set_text("htmxtrame: the Vuetify long tail")
    with layout.toolbar:
        v.VSpacer()
        v.VSwitch(v_model=("dark",), label="Dark mode", id="sw-dark", color="success", hide_details=True,
                  classes="flex-grow-0 mr-4")
    with layout.content:
        with v.VContainer(fluid=True, classes="pa-4"):
            # -- display
            with group("display", "Display"):
                with v.VCardText():
                    with v.VAlert(type="info", variant="tonal", classes="mb-4"):
                        v.VAlertTitle("An alert title")
                        html.Span("VAlertTitle inside an alert.")
                    with v.VBanner(text="You are offline: changes are kept until you reconnect.", icon="mdi-wifi-off",
                                   color="error", lines="one", id="banner", classes="mb-4"):
                        with v.Template(v_slot_actions=True):
                            v.VBtn("Retry", variant="text", color="primary", id="banner-retry")
                    with html.Div(classes="d-flex flex-wrap ga-4 align-center mb-4"):
                        html.Span(["Run ", v.VCode("server.start()"), " or press ", v.VKbd("Ctrl"), " + ",
                                   v.VKbd("K")])
                        v.VHotkey(keys="ctrl+shift+p", id="hotkey")
                        v.VAvatarGroup(items=[{"text": "AL"}, {"text": "GH"}, {"text": "LT"}, {"text": "BL"}],
                                       limit=3, color="primary", id="avatars")
                        with v.VBtnGroup(color="primary", variant="outlined", divided=True, id="btn-group"):
                            v.VBtn("Day", click="events = 'day'", id="bg-day")
                            v.VBtn("Week", click="events = 'week'", id="bg-week")
                        v.VIconBtn(icon="mdi-heart-outline", active_icon="mdi-heart", active_color="error",
                                   v_model=("fav",), text="Favourite", id="icon-fav")
                        v.VFab(text="Compose", prepend_icon="mdi-pencil", extended=True, id="fab",
                               click="events = 'compose'")
                        show("fav = {{ fav }}, last {{ events }}", "display-text")
                    v.VSystemBar("12:30", window=True, classes="mb-4", id="system-bar")
                    with v.VRow():
                        with v.VCol(cols=12, md=6):
                            v.VSwitch(v_model=("loading",), label="Loading", id="sw-loading", hide_details=True)
                            with v.VSkeletonLoader(type="list-item-avatar-two-line", loading=("loading",),
                                                   id="skeleton"):
                                v.VListItem(title="Loaded", subtitle="The content behind the skeleton",
                                            prepend_icon="mdi-check", id="skeleton-content")
                        with v.VCol(cols=12, md=6):
                            v.VEmptyState(headline="Empty", title="No results yet", text="Add an entry to begin.",
                                          icon="mdi-magnify", action_text="Add entry", id="empty",
                                          click_action="events = 'add entry'")

            # -- navigation
            with group("navigation", "Navigation"):
                with v.VCardText():
                    v.VBreadcrumbs(items=("[{title: 'Home', href: '#'}, {title: 'Library', href: '#g-data'}, "
                                          "{title: 'Data'}].slice(0, crumbs_at)",), id="crumbs")
                    v.VPagination(v_model=("page",), length=15, total_visible=7, id="pager",
                                  update_modelValue="events = 'page ' + $event")
                    show("page = {{ page }}", "page-text")
                    with v.VBottomNavigation(v_model=("nav",), color="primary", grow=True, id="bottom-nav",
                                             classes="mt-4"):
                        v.VBtn("Home", prepend_icon="mdi-home", value="home", id="nav-home")
                        v.VBtn("Search", prepend_icon="mdi-magnify", value="search", id="nav-search")
                        v.VBtn("Profile", prepend_icon="mdi-account", value="profile", id="nav-profile")
                    show("nav = {{ nav }}", "nav-text")
                    with v.VRow(classes="mt-2"):
                        with v.VCol(cols=12, md=6):
                            with v.VList(v_model_opened=("opened",), density="compact", aria_label="Settings"):
                                with v.VListGroup(value="account"):
                                    with v.Template(v_slot_activator="{ props }"):
                                        v.VListItem(v_bind="props", title="Account", prepend_icon="mdi-account",
                                                    id="lg-account")
                                    v.VListItem(title="Profile", id="lg-profile")
                                    v.VListItem(title="Security")
                                with v.VListGroup(value="admin", title="Admin", prepend_icon="mdi-shield"):
                                    v.VListItem(title="Users")
                            show("opened = {{ JSON.stringify(opened) }}", "opened-text")
                        with v.VCol(cols=12, md=6):
                            with html.Div(role="tree", aria_label="Files", classes="v-list v-list--density-compact"):
                                with v.VTreeviewGroup(title="src", prepend_icon="mdi-folder", id="tv-src"):
                                    v.VTreeviewItem(title="app.py", prepend_icon="mdi-language-python")
                                    v.VTreeviewItem(title="widgets.py", prepend_icon="mdi-language-python")
                                v.VTreeviewItem(title="README.md", prepend_icon="mdi-file-document")

            # -- carousel
            with group("carousel", "Carousel"):
                with v.VCardText():
                    v.VSwitch(v_model=("cycling",), label="Cycle every 3 s", id="sw-cycle", hide_details=True)
                    with v.VCarousel(v_model=("slide",), height=220, cycle=("cycling",), interval=3000,
                                     id="carousel", aria_label="Colours"):
                        for i, (colour, name) in enumerate((("primary", "Blue"), ("success", "Green"),
                                                            ("error", "Red"))):
                            with v.VCarouselItem(value=i, id=f"slide-{i}"):
                                with v.VSheet(color=colour, height="100%",
                                              classes="d-flex align-center justify-center"):
                                    html.Div(f"Slide {i + 1}: {name}", classes="text-h4")
                    show("slide = {{ slide }}", "slide-text")

            # -- data
            with group("data", "Data"):
                with v.VCardText():
                    v.VTextField(v_model=("iter_q",), label="Search people", density="compact", id="iter-search",
                                 hide_details=True, classes="mb-2")
                    with v.VDataIterator(items=("people", PEOPLE), items_per_page=4, page=("iter_page",),
                                         search=("iter_q",), id="iterator"):
                        with v.Template(v_slot_default="{ items }"):
                            with v.VRow(dense=True):
                                with v.VCol(v_for="item in items", key="item.raw.id", cols=12, sm=6, md=3):
                                    v.VCard(title=("item.raw.name",), subtitle=("item.raw.role",), variant="tonal",
                                            classes="iter-card")
                        with v.Template(v_slot_footer="{ page, pageCount }"):
                            with html.Div(classes="d-flex align-center ga-2 mt-2"):
                                v.VBtn("Previous", click="prevPage", disabled=("page <= 1",), id="iter-prev",
                                       size="small")
                                html.Span("Page {{ page }} of {{ pageCount }}", id="iter-pages")
                                v.VBtn("Next", click="nextPage", disabled=("page >= pageCount",), id="iter-next",
                                       size="small")
                        with v.Template(v_slot_no_data=True):
                            html.P("Nobody matches.", id="iter-empty")
                    with v.VTable(density="compact", hover=True, classes="mt-4", id="hand-table"):
                        v.VDataTableHeaders(headers=HEADERS)
                        v.VDataTableRows(items=("people.slice((footer_page - 1) * 3, footer_page * 3)",),
                                         headers=HEADERS)
                    v.VDataTableFooter(page=("footer_page",), items_per_page=3, items_length=len(PEOPLE),
                                       id="table-footer")
                    v.VDataTableVirtual(items=("people",), headers=HEADERS, height=180, density="compact",
                                        classes="mt-4", id="virtual-table")
                    with v.VRow(classes="mt-4"):
                        with v.VCol(cols=12, md=6):
                            with v.VInfiniteScroll(height=200, load=(ctrl.load_more, "[$event]"), id="infinite",
                                                   classes="border rounded"):
                                html.Div("{{ entry }}", v_for="entry in feed", key="entry", classes="pa-2 feed-row")
                            show("{{ feed.length }} entries, {{ loads }} loads", "feed-text")
                        with v.VCol(cols=12, md=6):
                            with v.VPullToRefresh(load=(ctrl.refresh, "[$event]"), id="pull"):
                                html.P("Pull (or press the button) to refresh.", classes="pa-2")
                            show("refreshed {{ refreshed }} times", "refresh-text")

            # -- overlays
            with group("overlays", "Overlays and feedback"):
                with v.VCardText(classes="d-flex flex-wrap ga-2 align-center"):
                    v.VBtn("Show overlay", id="btn-overlay", click="overlay = true")
                    with v.VOverlay(v_model=("overlay",), id="overlay"):
                        v.VCard(title="An overlay", text="Click outside to close.", id="overlay-card")
                    with v.VBottomSheet(v_model=("sheet",)):
                        with v.Template(v_slot_activator="{ props }"):
                            v.VBtn("Open bottom sheet", v_bind="props", id="btn-sheet")
                        with v.VCard(title="Share", id="sheet-card"):
                            with v.VCardActions():
                                v.VBtn("Close", click="sheet = false", id="sheet-close")
                    with v.VSpeedDial(location="bottom center"):
                        with v.Template(v_slot_activator="{ props }"):
                            v.VBtn("Actions", v_bind="props", prepend_icon="mdi-plus", id="btn-dial")
                        v.VBtn(icon="mdi-pencil", aria_label="Edit", color="primary", id="dial-edit",
                               click="events = 'edit'")
                        v.VBtn(icon="mdi-delete", aria_label="Delete", color="error", id="dial-delete",
                               click="events = 'delete'")
                    v.VBtn("Command palette", id="btn-palette", click="palette = true", prepend_icon="mdi-console")
                    v.VCommandPalette(v_model=("palette",), items=COMMANDS, placeholder="Type a command",
                                      click_item=(ctrl.pick_command, "[$event]"), id="palette")
                    v.VBtn("Queue a message", id="btn-message", click=ctrl.push_message)
                    v.VSnackbarQueue(v_model=("messages",), closable=True, id="queue")
                    show("picked {{ picked }}, {{ messages.length }} queued, last {{ events }}", "overlays-text")
                with v.VCardText():
                    with v.VRow():
                        with v.VCol(cols=12, md=6):
                            with v.VConfirmEdit(v_model=("name",), save="saved = $event", id="confirm"):
                                with v.Template(v_slot_default="{ model }"):
                                    v.VTextField(v_model=("model.value",), label="Name (confirm to keep)",
                                                 id="confirm-field")
                            show("name = {{ name }}", "confirm-text")
                        with v.VCol(cols=12, md=6):
                            with v.VHover(v_model=("hovered",)):
                                with v.Template(v_slot_default="{ isHovering, props }"):
                                    v.VCard(v_bind="props", title="Hover me", id="hover-card",
                                            elevation=("isHovering ? 12 : 2",),
                                            text=("isHovering ? 'The pointer is over me' : 'Point at me'",))
                            show("hovered = {{ hovered }}", "hover-text")

            # -- charts and media
            with group("charts", "Charts and media"):
                with v.VCardText():
                    with v.VRow():
                        with v.VCol(cols=12, md=4):
                            v.VSparkline(model_value=("sales",), color="primary", smooth=True, line_width=3,
                                         height=80, aria_label="Sales per day", id="sparkline")
                            v.VBtn("Add a day", size="small", id="btn-sales",
                                   click="sales = sales.concat([Math.round(sales[sales.length - 1] * 1.1)])")
                            v.VSparkline(model_value=("sales",), type="bar", color="success", height=60,
                                         aria_label="Sales as bars")
                        with v.VCol(cols=12, md=4):
                            v.VPie(items=("share",), title="Browsers", inner_cut=55, size=180, id="pie")
                        with v.VCol(cols=12, md=4):
                            v.VVideoControls(playing=("playing",), progress=("position",), volume=("volume",),
                                             id="video-controls")
                            show("playing {{ playing }}, at {{ position }} %, volume {{ volume }}", "video-text")

            # -- providers and transitions
            with group("providers", "Providers and transitions"):
                with v.VCardText():
                    with v.VDefaultsProvider(defaults={"VBtn": {"color": "secondary", "variant": "tonal"}}):
                        with html.Div(classes="d-flex ga-2 mb-4"):
                            v.VBtn("Defaulted", id="defaulted")
                            v.VBtn("Own colour", color="primary", id="own-colour")
                    v.VSwitch(v_model=("rtl",), label="Right to left", id="sw-rtl", hide_details=True)
                    with v.VLocaleProvider(rtl=("rtl",), locale="en"):
                        html.P("This paragraph follows the direction switch.", id="rtl-text")
                    with v.VResponsive(aspect_ratio=4, classes="border rounded mb-4", id="responsive"):
                        html.Div("Always four times as wide as tall", classes="pa-2")
                    v.VSwitch(v_model=("shown",), label="Show the boxes", id="sw-shown", hide_details=True)
                    with html.Div(classes="d-flex flex-wrap ga-2"):
                        for name in TRANSITIONS:
                            with getattr(v, name)():
                                v.VSheet(name.removeprefix("V").removesuffix("Transition"), v_if="shown",
                                         color="grey-lighten-3", classes="pa-2 rounded", width=150)

if __name__ == "__main__":
    server.start()
