"""Layouts, mirroring ``trame.ui``: ``html.DivLayout``, ``vuetify3.SinglePageLayout``…"""
