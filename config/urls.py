"""Top-level URLs: admin, the versioned API, its schema and docs, and the health check."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import URLPattern, URLResolver, include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from common.auth import ObtainTokenView, TokenDetailView, TokenListView
from common.health import healthz

handler404 = "common.api.not_found"

api_v1: list[URLPattern | URLResolver] = [
    path("auth/token/", ObtainTokenView.as_view(), name="auth-token"),
    path("auth/tokens/", TokenListView.as_view(), name="auth-tokens"),
    path("auth/tokens/<str:id>/", TokenDetailView.as_view(), name="auth-token-detail"),
    path("", include("evidence.api.urls")),
    path("", include("campaigns.api.urls")),
    path("", include("reports.api.urls")),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_v1, "api"), namespace="v1")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "api/docs/",
        # Our template: drf-spectacular's without its inline <style> (the CSP refuses it).
        SpectacularSwaggerSplitView.as_view(
            url_name="schema", template_name="common/swagger_ui.html"
        ),
        name="api-docs",
    ),
    path("healthz", healthz, name="healthz"),
    # Sign in and out, and change one's own password. No password-reset pages: e-mail is
    # optional (EMAIL_URL), so a reset link might never arrive, and a reset by mail would be a
    # way round the sign-in lockout; a superuser sets a new password instead (audited).
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password_change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    # The header's English / اردو switch posts here.
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("web.urls")),
]
