"""OAuth 2.1 mode through the official MCP Python SDK's own OAuth client.

The server runs with MCP_ENABLE_OAUTH21=true on its sandbox, so Google's sign-in is the sandbox's
emulation. The SDK does what an MCP client does by itself: it meets the 401, reads the
protected-resource and authorization-server metadata, registers (RFC 7591), sends the user to
/authorize with PKCE, exchanges the code, refreshes and retries. The "browser" here follows the
redirects and approves this server's consent page the way a user would. The tests show one
sign-in serving both protocol revisions, later connections, an access token's expiry (refresh)
and a server restart with the disk store.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import anyio
import httpx2
import pytest
from mcp import Client
from mcp.client.auth import OAuthClientProvider
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.auth import AuthorizationCodeResult, OAuthClientInformationFull, OAuthClientMetadata, OAuthToken

from test_sdk import MODES, REQUEST_TIMEOUT, SEARCH_ARGS, TEST_TIMEOUT, HttpServer, binary, message_ids, text_of

__all__ = ["binary"]  # the fixture, used by name

# Where the client asks to be sent back; nothing listens there: the browser below stops at it.
REDIRECT = "http://127.0.0.1:9/callback"
SIGNING_KEY = "python-sdk-signing-key-0123456789-0123456789"
ACCESS_TOKEN_SECONDS = 3


class MemoryStorage:
    """The SDK's token storage: what a client keeps between connections."""

    def __init__(self) -> None:
        self.tokens: OAuthToken | None = None
        self.client_info: OAuthClientInformationFull | None = None

    async def get_tokens(self) -> OAuthToken | None:
        return self.tokens

    async def set_tokens(self, tokens: OAuthToken) -> None:
        self.tokens = tokens

    async def get_client_info(self) -> OAuthClientInformationFull | None:
        return self.client_info

    async def set_client_info(self, client_info: OAuthClientInformationFull) -> None:
        self.client_info = client_info


def form_field(page: str, name: str) -> str:
    match = re.search(rf'name={name} value="([^"]*)"', page)
    assert match, f"no {name} field on the consent page:\n{page[:2000]}"
    return match.group(1)


class Browser:
    """The user's browser: follows the authorization redirects, approves the consent page, and
    hands the client the code it is sent back with."""

    def __init__(self) -> None:
        self.sign_ins = 0
        self.result: AuthorizationCodeResult | None = None

    async def open(self, url: str) -> None:
        self.sign_ins += 1
        async with httpx2.AsyncClient(follow_redirects=False, timeout=REQUEST_TIMEOUT) as http:
            consent = await self._redirect(http.get(url))
            page = await http.get(consent)
            assert page.status_code == 200, page.text
            cookie = page.headers["set-cookie"].split(";")[0]
            form = {"request": form_field(page.text, "request"), "csrf": form_field(page.text, "csrf"), "decision": "approve"}
            origin = f"{urlparse(consent).scheme}://{urlparse(consent).netloc}"
            google = await self._redirect(http.post(f"{origin}/consent", data=form, headers={"cookie": cookie}))
            assert "/o/oauth2/auth?" in google, google
            callback = await self._redirect(http.get(google))
            assert "/oauth2callback?" in callback, callback
            back = await self._redirect(http.get(callback))
        assert back.startswith(REDIRECT), back
        query = {k: v[0] for k, v in parse_qs(urlparse(back).query).items()}
        self.result = AuthorizationCodeResult(code=query["code"], state=query.get("state"), iss=query.get("iss"))

    async def callback(self) -> AuthorizationCodeResult:
        result, self.result = self.result, None
        assert result is not None, "the client asked for a code before sending the user to sign in"
        return result

    @staticmethod
    async def _redirect(request) -> str:
        response = await request
        assert response.is_redirect, f"expected a redirect, got {response.status_code}: {response.text[:500]}"
        return response.headers["location"]


def oauth_server(binary: Path, home: Path) -> HttpServer:
    return HttpServer(
        binary,
        home,
        MCP_ENABLE_OAUTH21="true",
        WORKSPACE_MCP_HOST="127.0.0.1",
        WORKSPACE_MCP_BASE_URI="http://127.0.0.1",
        WORKSPACE_MCP_TOOLS="gmail",
        WORKSPACE_MCP_OAUTH_PROXY_STORAGE_BACKEND="disk",
        WORKSPACE_MCP_OAUTH_PROXY_DISK_DIRECTORY=str(home / "oauth-state"),
        WORKSPACE_MCP_OAUTH_PROXY_ACCESS_TOKEN_EXPIRY_SECONDS=str(ACCESS_TOKEN_SECONDS),
        FASTMCP_SERVER_AUTH_GOOGLE_JWT_SIGNING_KEY=SIGNING_KEY,
    )


def oauth_client(server: HttpServer, storage: MemoryStorage, browser: Browser) -> OAuthClientProvider:
    """The SDK's OAuth client, kept for the life of the client process as an MCP host keeps it
    (it knows when its access token expires and refreshes ahead of it)."""
    return OAuthClientProvider(
        server_url=server.url,
        client_metadata=OAuthClientMetadata(
            redirect_uris=[REDIRECT],
            client_name="python-sdk-test",
            grant_types=["authorization_code", "refresh_token"],
            response_types=["code"],
            token_endpoint_auth_method="none",
        ),
        storage=storage,
        redirect_handler=browser.open,
        callback_handler=browser.callback,
    )


async def use(server: HttpServer, provider: OAuthClientProvider, mode: str, revision: str) -> None:
    """One connection with the SDK's OAuth client: the tools act for the signed-in account."""
    async with httpx2.AsyncClient(auth=provider, timeout=httpx2.Timeout(REQUEST_TIMEOUT)) as http:
        transport = streamable_http_client(server.url, http_client=http)
        async with Client(transport, mode=mode, read_timeout_seconds=REQUEST_TIMEOUT) as client:
            assert client.protocol_version == revision
            tools = {tool.name: tool for tool in (await client.list_tools()).tools}
            assert "start_google_auth" not in tools
            for name in ("search_gmail_messages", "get_gmail_message_content"):
                assert "user_google_email" not in tools[name].input_schema.get("properties", {}), name
            result = await client.call_tool("search_gmail_messages", SEARCH_ARGS)
            assert not result.is_error, text_of(result)
            ids = message_ids(result)
            assert ids, text_of(result)
            result = await client.call_tool("get_gmail_message_content", {"message_id": ids[0]})
            assert not result.is_error and "priya.shah@example.com" in text_of(result).lower(), text_of(result)


@pytest.mark.anyio
async def test_one_sign_in_serves_both_revisions_refreshes_and_restarts(binary: Path, tmp_path: Path) -> None:
    server = oauth_server(binary, tmp_path)
    server.start()
    storage, browser = MemoryStorage(), Browser()
    provider = oauth_client(server, storage, browser)
    try:
        with anyio.fail_after(TEST_TIMEOUT):
            for mode, revision in MODES:
                await use(server, provider, mode, revision)
            assert browser.sign_ins == 1, "a later connection signed in again"
            assert storage.client_info is not None and storage.tokens is not None
            assert storage.tokens.refresh_token, "no refresh token was issued"

            # The access token expires; the client refreshes it without the user.
            first = storage.tokens
            await anyio.sleep(ACCESS_TOKEN_SECONDS + 1)
            await use(server, provider, "auto", "2026-07-28")
            assert storage.tokens.access_token != first.access_token, "the expired token was not replaced"
            assert storage.tokens.refresh_token != first.refresh_token, "the refresh token did not rotate"
            assert browser.sign_ins == 1, "an expired access token sent the user to sign in again"

            # A restart on the same URL keeps registrations and sign-ins (disk store, same key).
            port = server.port
            server.stop()
            server.start(port)
            for mode, revision in MODES:
                await use(server, provider, mode, revision)
            assert browser.sign_ins == 1, "the restart sent the user to sign in again"
    except Exception as e:
        raise AssertionError(f"{e!r}\n--- server log (tail) ---\n{server.log()}") from e
    finally:
        server.stop()
