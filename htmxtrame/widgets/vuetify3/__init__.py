"""``htmxtrame.widgets.vuetify3``: Vuetify's components as plain HTML + CSS.

Mirrors ``trame.widgets.vuetify3``: ``vuetify3.VBtn("Save", click=ctrl.save)``,
``vuetify3.VSlider(v_model=("value", 8), min=0, max=15)``. Each component
renders the markup and class names of its Vuetify counterpart, styled by
``static/vuetify.css``; icons are inline SVG. See ``docs/widgets.md``.
"""

from __future__ import annotations

from .buttons_more import VFab, VIconBtn
from .calendars import VCalendar
from .cards import (
    VCard,
    VCardActions,
    VCardItem,
    VCardSubtitle,
    VCardText,
    VCardTitle,
    VList,
    VListItem,
    VListItemSubtitle,
    VListItemTitle,
    VListSubheader,
)
from .charts import VPie, VPieSegment, VPieTooltip, VSparkline
from .choices import VAutocomplete, VCombobox, VSelect
from .containers import (
    VAlert,
    VApp,
    VAppBar,
    VAppBarNavIcon,
    VBtn,
    VChip,
    VCol,
    VContainer,
    VDivider,
    VFooter,
    VImg,
    VLayout,
    VMain,
    VNavigationDrawer,
    VProgressCircular,
    VProgressLinear,
    VRow,
    VSheet,
    VSpacer,
    VToolbar,
    VToolbarItems,
    VToolbarTitle,
)
from .core import Template, VElement, map_v2
from .data import (
    VExpansionPanel,
    VExpansionPanels,
    VExpansionPanelText,
    VExpansionPanelTitle,
    VTab,
    VTabs,
    VTabsWindow,
    VTabsWindowItem,
    VWindow,
    VWindowItem,
)
from .dates import (
    VColorInput,
    VDateInput,
    VDatePickerControls,
    VDatePickerHeader,
    VDatePickerMonth,
    VDatePickerMonths,
    VDatePickerYears,
    VPicker,
    VPickerTitle,
    VTimePicker,
    VTimePickerClock,
    VTimePickerControls,
)
from .display import (
    VAlertTitle,
    VAppBarTitle,
    VAvatarGroup,
    VBanner,
    VBannerActions,
    VBannerText,
    VBtnGroup,
    VCode,
    VEmptyState,
    VHotkey,
    VKbd,
    VLayoutItem,
    VListImg,
    VListItemAction,
    VListItemMedia,
    VSkeletonLoader,
    VSystemBar,
    VTable,
)
from .feedback import VAvatar, VBadge, VSnackbar, VTimeline, VTimelineItem
from .fields import (
    VCheckboxBtn,
    VCounter,
    VField,
    VFieldLabel,
    VInput,
    VLabel,
    VMessages,
    VSelectionControl,
    VSelectionControlGroup,
    VValidation,
)
from .forms import VForm
from .icons import VIcon, icon_path
from .inputs import (
    VBtnToggle,
    VCheckbox,
    VFileInput,
    VRadio,
    VRadioGroup,
    VRangeSlider,
    VSlider,
    VSwitch,
    VTextarea,
    VTextField,
)
from .iterator import VDataIterator, VDataTableHeaders, VDataTableRow, VDataTableRows, VDataTableVirtual
from .media import VVideo, VVideoControls, VVideoVolume
from .navigation import VStepper, VStepperActions, VStepperHeader, VStepperItem, VStepperWindow, VStepperWindowItem
from .navigation_more import (
    VBottomNavigation,
    VBreadcrumbs,
    VBreadcrumbsDivider,
    VBreadcrumbsItem,
    VListGroup,
    VTreeviewGroup,
    VTreeviewItem,
)
from .numbers import VMaskInput, VNumberInput, VOtpInput
from .overlays import VDialog, VMenu, VTooltip
from .overlays_more import (
    VBottomSheet,
    VCommandPalette,
    VCommandPaletteItemComponent,
    VOverlay,
    VSnackbarQueue,
    VSpeedDial,
)
from .paging import VCarousel, VCarouselItem, VDataTableFooter, VInfiniteScroll, VPagination, VPullToRefresh
from .pickers import VColorPicker, VDatePicker, VRating
from .providers import (
    VClassIcon,
    VComponentIcon,
    VConfirmEdit,
    VDefaultsProvider,
    VHover,
    VLazy,
    VLigatureIcon,
    VLocaleProvider,
    VNoSsr,
    VParallax,
    VResponsive,
    VSvgIcon,
)
from .selection import VChipGroup, VItem, VItemGroup, VSlideGroup, VSlideGroupItem
from .steppers import VStepperVertical, VStepperVerticalActions, VStepperVerticalItem
from .tables import VDataTable, VDataTableServer
from .themes import define_theme
from .transitions import (
    VDialogBottomTransition,
    VDialogTopTransition,
    VDialogTransition,
    VExpandBothTransition,
    VExpandTransition,
    VExpandXTransition,
    VFabTransition,
    VFadeTransition,
    VScaleTransition,
    VScrollXReverseTransition,
    VScrollXTransition,
    VScrollYReverseTransition,
    VScrollYTransition,
    VSlideXReverseTransition,
    VSlideXTransition,
    VSlideYReverseTransition,
    VSlideYTransition,
    VThemeProvider,
)
from .trees import VTreeview, VVirtualScroll
from .uploads import VFileUpload, VFileUploadDropzone, VFileUploadItem, VFileUploadList

# -- vtail-b: inputs, pickers, forms (issue 10) ------------------------------------------------
INPUT_COMPONENTS: list[type] = [
    VCheckboxBtn, VColorInput, VCounter, VDateInput, VDatePickerControls, VDatePickerHeader, VDatePickerMonth,
    VDatePickerMonths, VDatePickerYears, VField, VFieldLabel, VInput, VLabel, VMaskInput, VMessages, VNumberInput,
    VOtpInput, VPicker, VPickerTitle, VSelectionControl, VSelectionControlGroup, VTimePicker, VTimePickerClock,
    VTimePickerControls, VValidation, VCalendar, VFileUpload, VFileUploadDropzone, VFileUploadItem, VFileUploadList,
    VStepperVertical, VStepperVerticalActions, VStepperVerticalItem,
]
# -- end vtail-b -------------------------------------------------------------------------------

COMPONENTS: list[type] = [
    VAlert, VApp, VAppBar, VAppBarNavIcon, VAutocomplete, VBtn, VBtnToggle, VCard, VCardActions, VCardItem,
    VCardSubtitle, VCardText, VCardTitle, VCheckbox, VChip, VCol, VCombobox, VContainer, VDialog,
    VDivider, VExpansionPanel, VExpansionPanelText, VExpansionPanelTitle, VExpansionPanels, VFileInput, VFooter,
    VIcon, VImg, VLayout, VList, VListItem, VListItemSubtitle, VListItemTitle, VListSubheader, VMain, VMenu,
    VNavigationDrawer, VProgressCircular, VProgressLinear, VRadio, VRadioGroup, VRangeSlider, VRow, VSelect,
    VSheet, VSlider, VSpacer, VSwitch, VTab, VTabs, VTabsWindow, VTabsWindowItem, VTextField, VTextarea,
    VToolbar, VToolbarItems, VToolbarTitle, VTooltip, VWindow, VWindowItem,
    VDataTable, VDataTableServer, VForm,
    VAvatar, VBadge, VChipGroup, VColorPicker, VDatePicker, VItem, VItemGroup, VRating, VSlideGroup,
    VSlideGroupItem, VSnackbar, VStepper, VStepperActions, VStepperHeader, VStepperItem, VStepperWindow,
    VStepperWindowItem, VTimeline, VTimelineItem, VTreeview, VVirtualScroll,
    VExpandTransition, VExpandXTransition, VFadeTransition, VScaleTransition, VSlideXTransition, VSlideYTransition,
    VThemeProvider,
]
# -- vtail-a: display, structure and navigation long tail (issue 10) ----------------------------
COMPONENTS += [
    VAlertTitle, VAppBarTitle, VAvatarGroup, VBanner, VBannerActions, VBannerText, VBottomNavigation, VBottomSheet,
    VBreadcrumbs, VBreadcrumbsDivider, VBreadcrumbsItem, VBtnGroup, VCarousel, VCarouselItem, VClassIcon, VCode,
    VCommandPalette, VCommandPaletteItemComponent, VComponentIcon, VConfirmEdit, VDataIterator, VDataTableFooter,
    VDataTableHeaders, VDataTableRow, VDataTableRows, VDataTableVirtual, VDefaultsProvider, VEmptyState, VFab, VHotkey,
    VHover, VIconBtn, VInfiniteScroll, VKbd, VLayoutItem, VLazy, VLigatureIcon, VListGroup, VListImg, VListItemAction,
    VListItemMedia, VLocaleProvider, VNoSsr, VOverlay, VPagination, VParallax, VPie, VPieSegment, VPieTooltip,
    VPullToRefresh, VResponsive, VSkeletonLoader, VSnackbarQueue, VSparkline, VSpeedDial, VSvgIcon, VSystemBar, VTable,
    VTreeviewGroup, VTreeviewItem, VVideo, VVideoControls, VVideoVolume,
    VDialogBottomTransition, VDialogTopTransition, VDialogTransition, VExpandBothTransition, VFabTransition,
    VScrollXReverseTransition, VScrollXTransition, VScrollYReverseTransition, VScrollYTransition,
    VSlideXReverseTransition, VSlideYReverseTransition,
]
# -- end vtail-a --------------------------------------------------------------------------------
COMPONENTS += INPUT_COMPONENTS  # vtail-b

__all__ = ["COMPONENTS", "Template", "VElement", "define_theme", "icon_path", "map_v2", *(c.__name__ for c in COMPONENTS)]

from ..vuetify_helpers import dataframe_to_grid, enable_lab, initialize  # noqa: E402 - helpers, not components

__all__ += ["dataframe_to_grid", "enable_lab", "initialize"]
