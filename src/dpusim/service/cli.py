"""The ``dpuservice`` command: serve simulated DPUs on a TCP port until interrupted.

    dpuservice [--host 127.0.0.1] [--port 2066] [--token T] [--log-level info] …

Logging goes to standard error, one line per event, with its level.  SIGINT and SIGTERM stop
the server: runs in progress are interrupted, clients are disconnected, the exit status is 0.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import os
import signal
import sys

import click

from dpucore import __version__

from .control import Limits
from .server import Server

TOKEN_ENV = "DPUSERVICE_TOKEN"
_CONTEXT = {"help_option_names": ["-h", "--help"]}


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def _serve(server: Server, port_file: str | None) -> None:
    await server.start()
    if port_file:
        tmp = port_file + ".tmp"
        with open(tmp, "w") as fh:
            fh.write(f"{server.port}\n")
        os.replace(tmp, port_file)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):
            pass
    serving = asyncio.ensure_future(server.serve_forever())
    await stop.wait()
    logging.getLogger("dpuservice").info("stopping: %d client(s) connected",
                                         len(server.connections))
    await server.close()
    serving.cancel()
    try:
        await serving
    except (asyncio.CancelledError, Exception):  # noqa: BLE001
        pass


@click.command("dpuservice", context_settings=_CONTEXT)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback only unless told otherwise).")
@click.option("--port", default=2066, show_default=True, type=click.IntRange(0, 65535),
              help="TCP port; 0 picks a free one (see --port-file).")
@click.option("--token", default=None, metavar="T",
              help=f"Refuse clients that do not give this token (also ${TOKEN_ENV}).")
@click.option("--log-level", default="info", show_default=True,
              type=click.Choice(["debug", "info", "warning", "error"]))
@click.option("--max-dpus", default=1024, show_default=True, type=click.IntRange(1),
              help="DPUs all clients may hold together.")
@click.option("--max-dpus-per-client", default=256, show_default=True,
              type=click.IntRange(1))
@click.option("--max-connections", default=256, show_default=True, type=click.IntRange(1))
@click.option("--max-frame", default=16 << 20, show_default=True, type=click.IntRange(1024),
              help="Largest message body in bytes; a larger one closes the connection.")
@click.option("--handshake-timeout", default=10.0, show_default=True,
              type=click.FloatRange(0.1),
              help="Seconds a new client has to send its first message (and authenticate).")
@click.option("--port-file", default=None, metavar="FILE",
              help="Write the port listened on to FILE once listening.")
@click.version_option(__version__, "--version", prog_name="dpuservice")
def cli(host, port, token, log_level, max_dpus, max_dpus_per_client, max_connections,
        max_frame, handshake_timeout, port_file):
    """Serve simulated DPUs: JSON-RPC 2.0 for control (allocate, load, launch, memory,
    registers, log, stats, debugging) and the Debug Adapter Protocol for IDEs, on one TCP port
    with Content-Length framing.  The first message of a connection tells its protocol.
    docs/dpuservice.md is the reference."""
    logging.basicConfig(level=getattr(logging, log_level.upper()), stream=sys.stderr,
                        format="%(asctime)s dpuservice %(levelname)s: %(message)s")
    logging.getLogger("asyncio").setLevel(logging.WARNING)
    token = token if token is not None else os.environ.get(TOKEN_ENV) or None
    if not _is_loopback(host) and token is None:
        logging.getLogger("dpuservice").warning(
            "listening on %s without --token: anyone who reaches this address can use the "
            "DPUs and make the server read files", host)
    limits = Limits(max_frame=max_frame, max_dpus=max_dpus,
                    max_dpus_per_client=min(max_dpus_per_client, max_dpus),
                    max_connections=max_connections, handshake_timeout=handshake_timeout)
    server = Server(host, port, token, limits)
    try:
        asyncio.run(_serve(server, port_file))
    except OSError as e:
        click.echo(f"dpuservice: error: cannot listen on {host}:{port}: {e.strerror}",
                   err=True)
        sys.exit(1)


def main() -> None:
    cli()
