"""The typed inputs, pickers and form parts, each wired to state shown beside it.

    python apps/gallery_inputs.py --server --port 8080

The long tail of Vuetify's inputs (issue 10): number, mask and code
fields, date/time/colour inputs and pickers, file upload, the vertical
stepper, the calendar and the parts inputs are built from. Ids on
everything the e2e tests (e2e/test_inputs_tail.py) touch; each group is a
card with id ``g-<name>``.
"""

from htmxtrame.app import get_server
from htmxtrame.ui.vuetify3 import SinglePageLayout
from htmxtrame.widgets import html
from htmxtrame.widgets import vuetify3 as v

server = get_server()
state, ctrl = server.state, server.controller

EVENTS = [{"title": "Launch", "start": "2024-05-17", "end": "2024-05-18", "color": "primary"},
          {"title": "Review", "start": "2024-05-21", "color": "success"},
          {"title": "Retro", "start": "2024-05-31", "color": "error"}]

state.update({"qty": 3, "price": 9.5, "phone": None, "code": "", "stars": 2, "day": "2024-05-17",
              "typed_day": "2024-05-17", "time": "09:30", "minute": 15, "color": "#1867C0", "typed_color": "#1867C0",
              "files": [], "vstep": 1, "focus": "2024-05-17", "events": EVENTS, "picked_day": "", "agree": False,
              "size": "m", "toppings": ["cheese"], "name": "Ada", "month": 4, "year": 2024, "otp_done": ""})


def show(text, sid):
    """The state beside a widget: ``<code id=sid>`` with *text* ({{ }} allowed)."""
    html.Code(text, id=sid, classes="ml-2 text-body-2")


def group(name, title):
    """A card for one group of widgets."""
    return v.VCard(id=f"g-{name}", title=title, classes="mb-4", variant="outlined")


def file_names():
    return ", ".join(f.get("name", "?") for f in state.files or []) or "none"


@state.change("files")
def _files(files, **_):
    state.file_text = f"files = {file_names()}"


with SinglePageLayout(server, title="Inputs gallery", theme=("dark ? 'dark' : 'light'",)) as layout:
    layout.title.set_text("htmxtrame inputs gallery")
    with layout.toolbar:
        v.VSpacer()
        v.VSwitch(v_model=("dark", False), label="Dark mode", id="sw-dark", hide_details=True, color="success")
    with layout.content, v.VContainer():
        with group("numbers", "Numbers, masks and codes"), v.VCardText():
            with v.VRow():
                with v.VCol(cols=12, md=4):
                    v.VNumberInput(v_model=("qty",), label="Quantity", min=0, max=10, step=1, id="num-qty")
                    show("qty = {{ qty }}", "qty-text")
                with v.VCol(cols=12, md=4):
                    v.VNumberInput(v_model=("price",), label="Price", min=0, step=0.5, control_variant="split",
                                   variant="outlined", id="num-price")
                    show("price = {{ price }}", "price-text")
                with v.VCol(cols=12, md=4):
                    v.VMaskInput(v_model=("phone",), label="Phone", mask="(###) ###-####", id="mask-phone")
                    show("phone = {{ phone }}", "phone-text")
            v.VOtpInput(v_model=("code",), length=6, type="number", label="Six-digit code", id="otp",
                        finish="otp_done = $event")
            show("code = {{ code }} {{ otp_done ? '(done)' : '' }}", "code-text")
            with html.Div(classes="mt-2"):
                v.VRating(v_model=("stars",), length=5, color="amber", aria_label="Stars", id="rating")
                show("stars = {{ stars }}", "stars-text")

        with group("dates", "Dates and times"), v.VCardText(), v.VRow():
            with v.VCol(cols=12, md=6):
                v.VDatePicker(v_model=("day",), title="Start date", id="dp")
                show("day = {{ day }}", "day-text")
            with v.VCol(cols=12, md=6):
                v.VDateInput(v_model=("typed_day",), label="Due date", min="2024-01-01", id="date-input")
                show("typed_day = {{ typed_day }}", "typed-day-text")
                v.VTimePicker(v_model=("time",), format="ampm", id="tp", classes="mt-4")
                show("time = {{ time }}", "time-text")
                with v.VPicker(title="Months and years", classes="mt-4", id="picker"):
                    v.VDatePickerMonths(v_model=("month",), id="months")
                    v.VDatePickerYears(v_model=("year",), min="2020-01-01", max="2030-12-31", id="years")
                show("month = {{ month }}, year = {{ year }}", "my-text")
                v.VTimePickerClock(v_model=("minute",), min=0, max=55, step=5, classes="mt-4", id="clock")
                show("minute = {{ minute }}", "minute-text")

        with group("colors", "Colours"), v.VCardText(), v.VRow():
            with v.VCol(cols=12, md=6):
                v.VColorPicker(v_model=("color",), show_swatches=True, id="cp")
                show("color = {{ color }}", "color-text")
            with v.VCol(cols=12, md=6):
                v.VColorInput(v_model=("typed_color",), label="Accent", id="color-input")
                show("typed_color = {{ typed_color }}", "typed-color-text")

        with group("upload", "File upload"), v.VCardText():
            v.VFileUpload(v_model=("files",), multiple=True, title="Drop files here", id="upload")
            show("{{ file_text }}", "files-text")

        with group("stepper", "Vertical stepper"), v.VCardText():
            with v.VStepperVertical(v_model=("vstep",), editable=True, id="vstepper"):
                v.VStepperVerticalItem(title="Cart", text="Two items in the cart.")
                with v.VStepperVerticalItem(title="Address"):
                    v.VTextField(v_model=("name",), label="Name", id="addr-name")
                v.VStepperVerticalItem(title="Pay", text="Card ending 4242.")
            show("vstep = {{ vstep }}", "vstep-text")

        with group("calendar", "Calendar"), v.VCardText():
            v.VCalendar(v_model=("focus",), events=("events",), click_date="picked_day = $event.date", id="cal")
            show("focus = {{ focus }}, picked = {{ picked_day }}", "cal-text")

        with group("parts", "Input parts"), v.VCardText():
            with v.VField(label="A bare field", variant="outlined", id="bare-field"):
                html.Input(v_model=("name",), aria_label="Name in a bare field", classes="v-field__input")
            v.VMessages(messages=("name.length > 8 ? ['Shorter, please'] : []",), id="msgs")
            v.VCounter(value=("name.length",), max=8, active=True, id="counter")
            v.VCheckboxBtn(v_model=("agree",), label="I agree", id="agree")
            with v.VSelectionControlGroup(v_model=("size",), type="radio", id="sizes", aria_label="Size"):
                for value, label in (("s", "Small"), ("m", "Medium"), ("l", "Large")):
                    v.VSelectionControl(value=value, label=label)
            with v.VSelectionControlGroup(v_model=("toppings",), id="toppings", aria_label="Toppings"):
                for value in ("cheese", "olives", "basil"):
                    v.VSelectionControl(value=value, label=value.title())
            show("agree = {{ agree }}, size = {{ size }}, toppings = {{ toppings.join(',') }}", "parts-text")
            with v.VValidation(v_model=("name",), rules=("[v => !!v || 'Required']",),
                               v_slot="{ errorMessages }"):
                html.Div("{{ errorMessages.join(', ') }}", id="validation", role="status")
            with v.VInput(prepend_icon="mdi-account", hint="A custom control in Vuetify's input frame",
                          persistent_hint=True, id="vinput"):
                v.VLabel(text="Custom control")

if __name__ == "__main__":
    server.start()
