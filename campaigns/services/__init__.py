"""Writes for the campaigns app: every change to a theme, campaign, message or evidence link
goes through one of these services, so the API, the admin and the demo behave alike."""
