"""Fixtures for the page tests: Django test clients signed in per role, and the scenario."""

from collections.abc import Callable

import pytest
from django.test import Client

from tests.web.factories import WebScenario, web_scenario


@pytest.fixture
def page_client() -> Callable[..., Client]:
    """`page_client(user)`: a browser-like client with a real session (None: anonymous)."""

    def make(user=None) -> Client:  # type: ignore[no-untyped-def]
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def scenario(comms) -> WebScenario:  # type: ignore[no-untyped-def]
    return web_scenario(owner=comms)
