"""A person's browser, driven from a test: it asks Cashbook to start a sign-in, signs in and
consents on the provider's own pages (real HTML forms over real HTTP), and brings the answer
back to Cashbook's callback."""

from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit, urlunsplit

import httpx


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.action: str | None = None
        self.fields: dict[str, str] = {}
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "form" and self.action is None:
            self.action, self._in_form = values.get("action") or "", True
        elif tag == "input" and self._in_form and values.get("name"):
            self.fields[values["name"]] = values.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False


def with_query(url: str, **changes: str | None) -> str:
    """The URL with some query parameters replaced (None removes one)."""
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return urlunsplit(parts._replace(query=urlencode(query)))


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


class Browser:
    def __init__(
        self, cashbook: httpx.AsyncClient, issuer: str, provider: httpx.AsyncClient | None = None
    ) -> None:
        self.cashbook = cashbook
        self.issuer = issuer
        # One client for both is a browser whose cookie jar holds both sites' cookies.
        self.provider = provider or httpx.AsyncClient(timeout=10)

    async def __aenter__(self) -> "Browser":
        return self

    async def __aexit__(self, *_exc) -> None:
        await self.provider.aclose()

    async def start(self, name: str = "oidc", *, link: bool = False, headers=None) -> str:
        path = f"/auth/{name}/associate/authorize" if link else f"/auth/{name}/authorize"
        response = await self.cashbook.get(path, headers=headers)
        assert response.status_code == 200, response.text
        return response.json()["authorization_url"]

    async def at_provider(self, authorization_url: str, login: str) -> str:
        """Sign in as `login` and consent; returns the URL the provider sends the browser to."""
        response = await self.provider.get(authorization_url)
        for _ in range(12):
            if response.is_redirect:
                location = urljoin(str(response.url), response.headers["location"])
                if not location.startswith(self.issuer):
                    return location
                response = await self.provider.get(location)
                continue
            assert response.status_code == 200, response.text
            form = _FormParser()
            form.feed(response.text)
            assert form.action is not None, response.text
            fields = dict(form.fields)
            if fields.get("prompt") == "login":
                fields.update(login=login, password="any password")
            response = await self.provider.post(
                urljoin(str(response.url), form.action), data=fields
            )
        raise AssertionError("the provider never sent the browser back")

    async def callback(self, url: str, **options) -> httpx.Response:
        return await self.cashbook.get(url, **options)

    async def sign_in(self, login: str, name: str = "oidc", **options) -> httpx.Response:
        """The whole flow: authorize, provider login and consent, callback."""
        url = await self.at_provider(await self.start(name), login)
        return await self.callback(url, **options)
