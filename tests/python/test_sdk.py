"""Interoperability tests: the official MCP Python SDK against the workspace-mcp binary.

Runs the server on its built-in sandbox (sample data, no Google account) and drives it with
the SDK's own client, over stdio and over streamable HTTP, on both protocol revisions the
server speaks: 2025-11-25 (initialize handshake, sessions) and 2026-07-28 (server/discover,
stateless requests).

Run (from the repository root, after `cargo build -p workspace-mcp`):

    python -m pip install -r tests/python/requirements.txt
    python -m pytest tests/python -q

The binary is $WORKSPACE_MCP_BIN, or target/debug/workspace-mcp when that is unset.
Every server started here binds 127.0.0.1 only and is stopped at the end of its test.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator, Iterator

import anyio
import pytest
from mcp import Client, MCPError, StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.types import CallToolResult, TextContent

REPO = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("WORKSPACE_MCP_BIN") or REPO / "target" / "debug" / "workspace-mcp")

# The Gmail tools of the reference server, all of which the sandbox must offer.
GMAIL_TOOLS = {
    "search_gmail_messages",
    "get_gmail_message_content",
    "get_gmail_messages_content_batch",
    "send_gmail_message",
    "draft_gmail_message",
    "get_gmail_attachment_content",
    "get_gmail_thread_content",
    "list_gmail_filters",
    "list_gmail_labels",
    "manage_gmail_filter",
    "manage_gmail_label",
    "modify_gmail_message_labels",
    "batch_modify_gmail_message_labels",
    "get_gmail_threads_content_batch",
    "start_google_auth",
}

SEARCH_ARGS = {"query": "from:priya.shah@example.com"}

# How long one test may take in all, and one request within it (seconds).
TEST_TIMEOUT = 60
REQUEST_TIMEOUT = 20
# How long a freshly started HTTP server has to answer /health (seconds).
STARTUP_TIMEOUT = 20

# Protocol modes of the SDK client, and the revision each must end up on.
#   "legacy": the initialize handshake (2025-11-25, with a session over HTTP)
#   "auto":   server/discover first, so a server that speaks 2026-07-28 is used statelessly
MODES = [("legacy", "2025-11-25"), ("auto", "2026-07-28")]

# Loopback traffic must never go through a proxy from the environment.
for _var in ("NO_PROXY", "no_proxy"):
    os.environ[_var] = ",".join(filter(None, [os.environ.get(_var, ""), "127.0.0.1", "localhost"]))


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def binary() -> Path:
    if not BINARY.is_file() or not os.access(BINARY, os.X_OK):
        pytest.fail(
            f"workspace-mcp binary not found at {BINARY}; build it with `cargo build -p workspace-mcp` "
            "or point WORKSPACE_MCP_BIN at it",
            pytrace=False,
        )
    return BINARY


def server_env(home: Path, **extra: str) -> dict[str, str]:
    """A small, predictable environment: no OAuth client, no default account from the
    developer's shell, credentials and attachments under a temporary home."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "NO_COLOR": "1",
        "WORKSPACE_ATTACHMENT_DIR": str(home / "attachments"),
        "WORKSPACE_MCP_CREDENTIALS_DIR": str(home / "credentials"),
        "RUST_LOG": os.environ.get("WORKSPACE_MCP_TEST_LOG", "info"),
    }
    env.update(extra)
    return env


def text_of(result: CallToolResult) -> str:
    return "\n".join(block.text for block in result.content if isinstance(block, TextContent))


# The search output's message ids. The first pattern is the server's own wording
# ("Message ID: <id>"); the others keep the test working if the wording moves a little.
_ID_PATTERNS = [
    re.compile(r"Message ID:\s*`?([A-Za-z0-9_-]+)"),
    re.compile(r"\bmessage[_ ]id\b[\"']?\s*[:=]\s*[\"'`]?([A-Za-z0-9_-]+)", re.IGNORECASE),
    re.compile(r"\bID:\s*`?([A-Za-z0-9_-]+)"),
]


def message_ids(result: CallToolResult) -> list[str]:
    """Message ids from a search result: from its structured content when present, else from
    its text."""
    ids: list[str] = []
    structured = result.structured_content
    if isinstance(structured, dict):
        for item in structured.get("messages") or []:
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                ids.append(item["id"])
    if ids:
        return ids
    text = text_of(result)
    for pattern in _ID_PATTERNS:
        ids = [m for m in pattern.findall(text) if "thread" not in m.lower()]
        if ids:
            return list(dict.fromkeys(ids))
    return []


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


_NO_PROXY_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def get_json(url: str, timeout: float = 2.0) -> tuple[int, Any]:
    with _NO_PROXY_OPENER.open(url, timeout=timeout) as resp:
        return resp.status, json.loads(resp.read().decode())


class HttpServer:
    """workspace-mcp --sandbox --transport streamable-http on a free loopback port."""

    def __init__(self, binary: Path, home: Path, **env: str):
        self.binary = binary
        self.home = home
        self.env = env
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.log_path = home / "http-server.log"
        self.health: Any = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/mcp"

    def start(self, port: int = 0) -> None:
        """Starts on `port` (a restart keeps its URL), or on a free port tried a few times, since a
        port found free can be taken before the server binds it."""
        last_error = ""
        for _ in range(1 if port else 3):
            self.port = port or free_port()
            log = open(self.log_path, "ab")
            self.proc = subprocess.Popen(
                [str(self.binary), "--sandbox", "--transport", "streamable-http"],
                env=server_env(self.home, PORT=str(self.port), **self.env),
                cwd=self.home,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            log.close()
            deadline = time.monotonic() + STARTUP_TIMEOUT
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    last_error = f"exited with {self.proc.returncode}"
                    break
                try:
                    status, body = get_json(f"http://127.0.0.1:{self.port}/health", timeout=1.0)
                    if status == 200:
                        self.health = body
                        return
                except (urllib.error.URLError, ConnectionError, OSError, ValueError):
                    pass
                time.sleep(0.05)
            else:
                last_error = f"no /health 200 within {STARTUP_TIMEOUT}s"
                self.stop()
                break
        raise RuntimeError(f"HTTP server did not start ({last_error}); log:\n{self.log()}")

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return ""


@pytest.fixture(scope="module")
def http_server(binary: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[HttpServer]:
    server = HttpServer(binary, tmp_path_factory.mktemp("http-home"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@asynccontextmanager
async def stdio_client_for(binary: Path, home: Path, mode: str) -> AsyncIterator[Client]:
    params = StdioServerParameters(command=str(binary), args=["--sandbox"], env=server_env(home), cwd=str(home))
    with open(home / "stdio-server.log", "w") as errlog:
        async with Client(stdio_client(params, errlog=errlog), mode=mode, read_timeout_seconds=REQUEST_TIMEOUT) as client:
            yield client


@asynccontextmanager
async def http_client_for(server: HttpServer, mode: str) -> AsyncIterator[Client]:
    async with Client(streamable_http_client(server.url), mode=mode, read_timeout_seconds=REQUEST_TIMEOUT) as client:
        yield client


def server_log_on_failure(path: Path) -> str:
    try:
        return "\n--- server log (tail) ---\n" + path.read_text(errors="replace")[-3000:]
    except OSError:
        return ""


# --------------------------------------------------------------------------------------------
# Checks shared by both transports
# --------------------------------------------------------------------------------------------


async def check_tools(client: Client) -> None:
    listing = await client.list_tools()
    tools = {tool.name: tool for tool in listing.tools}
    missing = GMAIL_TOOLS - tools.keys()
    assert not missing, f"missing tools: {sorted(missing)}; offered: {sorted(tools)}"
    for name in GMAIL_TOOLS:
        schema = tools[name].input_schema
        assert schema.get("type") == "object", f"{name}: inputSchema type is {schema.get('type')!r}"
        assert "user_google_email" not in (schema.get("required") or []), (
            f"{name}: user_google_email is required, but the sandbox has a default account"
        )
        assert tools[name].description, f"{name}: no description"


async def check_search(client: Client) -> list[str]:
    result = await client.call_tool("search_gmail_messages", SEARCH_ARGS)
    text = text_of(result)
    assert not result.is_error, f"search_gmail_messages failed: {text}"
    ids = message_ids(result)
    assert ids, f"no message id found in the search result:\n{text}"
    return ids


async def check_get_content(client: Client, message_id: str) -> None:
    result = await client.call_tool("get_gmail_message_content", {"message_id": message_id})
    text = text_of(result)
    assert not result.is_error, f"get_gmail_message_content({message_id}) failed: {text}"
    assert message_id in text, f"the message text does not name its id {message_id}:\n{text}"
    assert "priya.shah@example.com" in text.lower(), f"the message is not from priya.shah@example.com:\n{text}"


async def check_bad_argument(client: Client) -> None:
    # A parameter the tool does not have: a tool error the caller can read and fix.
    result = await client.call_tool("search_gmail_messages", {"query": "in:inbox", "no_such_parameter": 1})
    assert result.is_error, f"an unknown parameter was accepted: {text_of(result)}"
    assert "no_such_parameter" in text_of(result), text_of(result)
    # A wrong type for a real parameter: also a tool error, not a crash.
    result = await client.call_tool("get_gmail_message_content", {"message_id": 12345})
    assert result.is_error, f"a numeric message_id was accepted: {text_of(result)}"


async def check_unknown_tool(client: Client) -> None:
    # An unknown tool is a protocol error, not a tool result.
    with pytest.raises(MCPError):
        await client.call_tool("no_such_tool", {})


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


@pytest.mark.anyio
@pytest.mark.parametrize(("mode", "revision"), MODES, ids=[m for m, _ in MODES])
async def test_stdio(binary: Path, tmp_path: Path, mode: str, revision: str) -> None:
    try:
        with anyio.fail_after(TEST_TIMEOUT):
            async with stdio_client_for(binary, tmp_path, mode) as client:
                assert client.protocol_version == revision
                assert client.server_info is not None and client.server_info.name == "workspace-mcp"
                await check_tools(client)
                ids = await check_search(client)
                await check_get_content(client, ids[0])
                await check_bad_argument(client)
                await check_unknown_tool(client)
    except Exception as e:
        raise AssertionError(f"{e!r}{server_log_on_failure(tmp_path / 'stdio-server.log')}") from e


def test_http_health(http_server: HttpServer) -> None:
    health = http_server.health
    assert health["status"] == "healthy", health
    assert health["service"] == "workspace-mcp", health
    assert health["transport"] == "streamable-http", health


@pytest.mark.anyio
@pytest.mark.parametrize(("mode", "revision"), MODES, ids=[m for m, _ in MODES])
async def test_http(http_server: HttpServer, mode: str, revision: str) -> None:
    try:
        with anyio.fail_after(TEST_TIMEOUT):
            async with http_client_for(http_server, mode) as client:
                assert client.protocol_version == revision
                await check_tools(client)
                ids = await check_search(client)
                await check_get_content(client, ids[0])
                await check_bad_argument(client)
    except Exception as e:
        raise AssertionError(f"{e!r}\n--- server log (tail) ---\n{http_server.log()}") from e
    assert http_server.proc is not None and http_server.proc.poll() is None, "the HTTP server died"
