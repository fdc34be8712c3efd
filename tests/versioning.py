"""Edits in tests the way a client makes them: read the resource, send its ETag back."""

from typing import Any

__all__ = ["patch_current", "put_current"]


def _if_match(client: Any, url: str) -> dict[str, str]:
    etag = client.get(url).headers.get("ETag")
    return {"HTTP_IF_MATCH": etag} if etag else {}


def patch_current(client: Any, url: str, data: Any = None, **kwargs: Any) -> Any:
    """PATCH `url` with `If-Match` set to the ETag the client reads now (none if it cannot)."""
    return client.patch(url, data, **_if_match(client, url), **kwargs)


def put_current(client: Any, url: str, data: Any = None, **kwargs: Any) -> Any:
    return client.put(url, data, **_if_match(client, url), **kwargs)
