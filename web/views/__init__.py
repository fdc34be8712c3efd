"""Page views, one module per area. Each is thin: it calls the apps' selectors and services."""
