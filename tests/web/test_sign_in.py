"""Signing in and out through the pages, and the header's role names."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_sign_in_form_leads_to_the_dashboard(page_client, comms):
    client = page_client()
    form = client.get(reverse("login"))
    assert form.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in form.content.decode()
    response = client.post(
        reverse("login"),
        {"username": "comms1", "password": "correct horse battery staple"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("web:dashboard")
    page = response.content.decode()
    assert "comms1 · Communications" in page
    # The navigation offers only what the role may open: the queue is for Reviewers.
    assert '<a href="/facts/"' in page
    assert 'href="/review/"' not in page


def test_a_wrong_password_is_refused(page_client, comms):
    response = page_client().post(reverse("login"), {"username": "comms1", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_the_header_lists_every_role_of_a_superuser(page_client, django_user_model):
    admin = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw-123456!")
    page = page_client(admin).get(reverse("web:dashboard")).content.decode()
    assert "boss · Communications, Reviewers, Source admins" in page


def test_signing_out_needs_a_post_and_ends_the_session(page_client, comms):
    client = page_client(comms)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("web:dashboard")).status_code == 302
