"""A real MCP client (the official Python SDK) driving `host mcp` for the
integration tests in tests/mcp.rs.

    client.py stdio SCENARIO -- HOST_BINARY [ARGS...]
    client.py http SCENARIO URL TOKEN

Prints one JSON object per scenario on stdout: what the scenario observed.
The Rust tests assert on it (and on the engine's containers). The token is
passed as an argument because it is a test token.
"""

import asyncio
import base64
import json
import sys

from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client


def text_of(result):
    """The first text block of a tool result, parsed as JSON when it is JSON."""
    for block in result.content:
        if block.type == "text":
            try:
                return json.loads(block.text)
            except ValueError:
                return block.text
    return None


def summary(result):
    """A tool result, as the tests want to see it."""
    blocks = []
    for block in result.content:
        if block.type == "image":
            data = base64.b64decode(block.data)
            blocks.append({"type": "image", "mime": block.mime_type, "size": len(data),
                           "magic": data[:8].hex()})
        elif block.type == "resource":
            resource = block.resource
            blocks.append({"type": "resource", "uri": str(resource.uri),
                           "mime": resource.mime_type,
                           "text": getattr(resource, "text", None),
                           "blob": getattr(resource, "blob", None)})
        elif block.type == "text":
            blocks.append({"type": "text"})
    return {"error": bool(result.is_error), "body": text_of(result), "blocks": blocks}


async def call(session, name, args=None, **kwargs):
    return summary(await session.call_tool(name, args or {}, **kwargs))


async def basics(session):
    """Tools, a run, state across calls, a blocked program, a check."""
    report = {}
    tools = await session.list_tools()
    report["tools"] = sorted(tool.name for tool in tools.tools)
    report["run"] = await call(session, "run_code", {"language": "python", "code": "print(6*7)"})
    opened = await call(session, "open_session", {"language": "python"})
    report["open"] = opened
    sid = opened["body"]["session_id"]
    report["set"] = await call(session, "run_in_session", {"session_id": sid, "code": "x = 41"})
    report["get"] = await call(session, "run_in_session", {"session_id": sid, "code": "x + 1"})
    report["list"] = await call(session, "list_sessions")
    report["close"] = await call(session, "close_session", {"session_id": sid})
    report["after_close"] = await call(session, "run_in_session", {"session_id": sid, "code": "x"})
    report["blocked"] = await call(session, "run_code", {
        "language": "python",
        "code": "import os\nos.system('touch /tmp/ran')\nprint('ran')"})
    report["check"] = await call(session, "check_code", {
        "language": "python", "code": "import os\nos.system('id')"})
    report["languages"] = await call(session, "list_languages")
    report["presets"] = await call(session, "list_presets")
    report["bad_language"] = await call(session, "run_code", {"language": "cobol", "code": "x"})
    report["bad_preset"] = await call(session, "open_session",
                                      {"language": "python", "preset": "development"})
    return report


async def plots(session):
    """Two plots shown by one run come back as two images, in order."""
    code = (
        "import matplotlib.pyplot as plt\n"
        "plt.plot([1, 2, 3], [1, 4, 9]); plt.show()\n"
        "plt.bar(['a', 'b'], [3, 5]); plt.show()\n"
        "print('plotted')\n")
    return {"run": await call(session, "run_code", {"language": "python", "code": code})}


async def files(session):
    """Upload, run against the file, write an artifact, download."""
    report = {}
    opened = await call(session, "open_session", {"language": "python"})
    sid = opened["body"]["session_id"]
    report["upload"] = await call(session, "upload_file", {
        "session_id": sid, "path": "data.csv", "content": "a,b\n1,2\n3,4\n"})
    report["upload_binary"] = await call(session, "upload_file", {
        "session_id": sid, "path": "blob.bin",
        "content": base64.b64encode(bytes(range(256))).decode(), "base64": True})
    code = (
        "import os\n"
        "rows = open('data.csv').read().splitlines()[1:]\n"
        "total = sum(int(v) for r in rows for v in r.split(','))\n"
        "open(os.path.join(os.environ['LLM_SANDBOX_ARTIFACTS'], 'total.txt'), 'w').write(str(total))\n"
        "open('result.txt', 'w').write('total=%d' % total)\n"
        "print(len(open('blob.bin', 'rb').read()))\n")
    report["run"] = await call(session, "run_in_session", {"session_id": sid, "code": code})
    report["download"] = await call(session, "download_file", {"session_id": sid, "path": "result.txt"})
    report["download_missing"] = await call(session, "download_file",
                                            {"session_id": sid, "path": "nope.txt"})
    await call(session, "close_session", {"session_id": sid})
    return report


async def progress(session):
    """Progress notifications and log messages arrive while a call works."""
    seen = {"progress": [], "logs": []}

    async def on_progress(progress, total, message):
        seen["progress"].append(message)

    await session.set_logging_level("debug")
    result = await call(session, "run_code",
                        {"language": "python", "code": "for i in range(3): print('line', i)"},
                        progress_callback=on_progress)
    seen["run"] = result
    return seen


async def install(session):
    """A package install reports its progress as it goes."""
    seen = []

    async def on_progress(progress, total, message):
        seen.append(message)

    result = await call(session, "run_code", {
        "language": "python", "libraries": ["six"], "timeout": 240,
        "code": "import six\nprint(six.PY3)"}, progress_callback=on_progress)
    return {"run": result, "progress": seen}


async def stateful(session):
    """One session: set a variable, read it back, close."""
    opened = await call(session, "open_session", {"language": "python"})
    if opened["error"]:
        return {"open": opened}
    sid = opened["body"]["session_id"]
    await call(session, "run_in_session", {"session_id": sid, "code": "token = 'v' * 3"})
    got = await call(session, "run_in_session", {"session_id": sid, "code": "token"})
    return {"open": opened, "get": got}


async def busy_close(session):
    """close_session while a run is under way: the run stops and says why."""
    opened = await call(session, "open_session", {"language": "python"})
    sid = opened["body"]["session_id"]
    report = {}

    async def run():
        report["run"] = await call(session, "run_in_session", {
            "session_id": sid, "code": "import time\ntime.sleep(60)", "timeout": 120})

    async def close():
        await asyncio.sleep(1.5)
        report["close"] = await call(session, "close_session", {"session_id": sid})

    await asyncio.gather(run(), close())
    report["list"] = await call(session, "list_sessions")
    return report


async def hang(session):
    """Open a session and start a run that does not end; the test kills us."""
    opened = await call(session, "open_session", {"language": "python"})
    print(json.dumps({"session_id": opened["body"]["session_id"]}), flush=True)
    await call(session, "run_in_session", {"session_id": opened["body"]["session_id"],
                                           "code": "import time\ntime.sleep(600)", "timeout": 60})
    return {}


async def leave_open(session):
    """Open a session and report it, then wait to be killed (no close)."""
    opened = await call(session, "open_session", {"language": "python"})
    print(json.dumps({"session_id": opened["body"]["session_id"]}), flush=True)
    await asyncio.sleep(600)
    return {}


SCENARIOS = {"basics": basics, "plots": plots, "files": files, "progress": progress,
             "install": install, "busy_close": busy_close,
             "stateful": stateful, "hang": hang, "leave_open": leave_open}


async def with_session(read, write, scenario, logs):
    async def on_log(params):
        logs.append({"level": params.level, "data": params.data})

    async with ClientSession(read, write, logging_callback=on_log) as session:
        await session.initialize()
        return await SCENARIOS[scenario](session)


async def main():
    mode, scenario = sys.argv[1], sys.argv[2]
    logs = []
    if mode == "stdio":
        command = sys.argv[sys.argv.index("--") + 1:]
        params = StdioServerParameters(command=command[0], args=command[1:], env=None)
        async with stdio_client(params) as (read, write):
            report = await with_session(read, write, scenario, logs)
    elif mode == "http":
        url, token = sys.argv[3], sys.argv[4]
        http = create_mcp_http_client(headers={"Authorization": "Bearer " + token})
        async with http:
            async with streamable_http_client(url, http_client=http) as (read, write):
                report = await with_session(read, write, scenario, logs)
    elif mode == "http-many":
        # N clients at once, one session each.
        url, token, count = sys.argv[3], sys.argv[4], int(sys.argv[5])

        async def one(_):
            http = create_mcp_http_client(headers={"Authorization": "Bearer " + token})
            async with http:
                async with streamable_http_client(url, http_client=http) as (read, write):
                    return await with_session(read, write, scenario, [])

        report = {"clients": await asyncio.gather(*(one(i) for i in range(count)))}
    else:
        raise SystemExit("unknown mode " + mode)
    report["logs"] = logs
    print(json.dumps(report), flush=True)


if __name__ == "__main__":
    asyncio.run(main())
